/**
 * Who is calling. The API middleware (or a job handler) puts the actor in an
 * AsyncLocalStorage context; core operations read it and ask the access policy.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as z from "zod";
import { VisibleError } from "../util/error";

/** Scopes an organisation role can apply to, widest first. */
export const ScopeType = z.enum(["national", "province", "district", "school", "partnership"]);
export type ScopeType = z.infer<typeof ScopeType>;

/**
 * A scope: `national` has no id; `province` is the plate code ("10"); `district` is the
 * district id (plate + ASCII slug, "10-altieylul"); `school` is the MEB kurum kodu; `partnership` a partnership id.
 */
export const Scope = z.object({
  type: ScopeType,
  id: z
    .string()
    .max(64)
    .regex(/^[^#]*$/)
    .default(""),
});
export type Scope = z.infer<typeof Scope>;

/** Roles people hold. Descriptions (Turkish) live in the access policy table. */
export const Role = z.enum([
  "admin",
  "ministry_officer",
  "province_officer",
  "province_board",
  "province_review_board",
  "district_officer",
  "district_board",
  "principal",
  "school_commission",
  "teacher",
  "partnership_coordinator",
  "zumre_head",
]);
export type Role = z.infer<typeof Role>;

/** One role in one scope, optionally limited to one school year. */
export type Grant = { role: Role; scope: Scope; schoolYear?: string };

/** Where a school sits, so a school-scoped check can also match district and province grants. */
export type Place = { province?: string; district?: string; school?: string; partnership?: string };

export type Actor =
  | { type: "public" }
  | { type: "system"; reason: string }
  | { type: "user"; userId: string; email: string; name: string; sessionId?: string; grants: Grant[] };

export type Context = { actor: Actor; requestId: string; ip?: string };

const storage = new AsyncLocalStorage<Context>();

/** Run `fn` with the given actor as the caller. */
export function withActor<T>(context: Context, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current context; outside of any request it is the anonymous public. */
export function context(): Context {
  return storage.getStore() ?? { actor: { type: "public" }, requestId: "none" };
}

export function actor(): Actor {
  return context().actor;
}

/** The signed-in user, or a 401. */
export function useUser(): Extract<Actor, { type: "user" }> {
  const current = actor();
  if (current.type !== "user") throw new VisibleError("auth", "unauthenticated", "Lütfen oturum açın.");
  return current;
}
