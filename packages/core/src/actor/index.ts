/**
 * Who is calling. The API middleware (or a job handler) puts the actor in an
 * AsyncLocalStorage context; core operations read it and ask the access policy.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { VisibleError } from "../util/error";

export { type Grant, type Place, Role, Scope, ScopeType } from "./schema";

import type { Grant } from "./schema";

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
