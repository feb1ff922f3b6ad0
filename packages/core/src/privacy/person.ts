/**
 * Export and erasure of a person's data on request (KVKK m.11 and m.7), over every domain in
 * `registry.ts`. Who may (README, "Personal data"):
 * - export: the person themself, signed in; there is no parameter, so only their own data;
 * - erasure: an admin whose scope covers every role the person holds (policy action
 *   `privacy.erase`), never on themselves. It anonymises what others' records need (names on
 *   activities, history, evidence, audit events), deletes the rest (sessions, roles, sign-in
 *   codes, sign-in events under their address) and records one `privacy.erase` audit event that
 *   carries no personal data, only counts.
 */
import * as z from "zod";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { touchedBy } from "../audit/privacy";
import { allows, grantsOf, load } from "../identity/account";
import { homeScope } from "../identity/scope";
import type { Json } from "../job/define";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { idSchema } from "../util/id";
import type { Person } from "./hooks";
import { personalData } from "./registry";

const Id = idSchema("user");

async function personOf(userId: string): Promise<Person | undefined> {
  const account = await load(userId);
  if (!account) return undefined;
  const { user } = account;
  return {
    userId,
    name: user.name,
    email: user.email,
    emailKey: user.emailKey,
    touched: await touchedBy(userId),
    roles: account.assignments.map((a) => ({ scopeType: a.scopeType, scopeId: a.scopeId, schoolYear: a.schoolYear })),
    mentioned: [],
  };
}

export const Export = z
  .object({ exportedAt: z.string(), userId: z.string(), data: z.record(z.string(), z.unknown()) })
  .meta({ id: "PersonalDataExport" });
export type Export = z.infer<typeof Export>;

/** The caller's own data, every domain's part under its name. */
export async function exportMine(): Promise<Export> {
  const { userId } = useUser();
  const person = await personOf(userId);
  if (!person) throw new VisibleError("not_found", "not_found", "Kullanıcı bulunamadı.");
  const data: Record<string, Json> = {};
  for (const hook of personalData) data[hook.domain] = await hook.export(person);
  return { exportedAt: now().toISOString(), userId, data };
}

export const ErasureReport = z
  .object({ userId: z.string(), changed: z.record(z.string(), z.number().int()) })
  .meta({ id: "ErasureReport" });
export type ErasureReport = z.infer<typeof ErasureReport>;

/** Erases a person (see the module comment); 404 when the caller may not see them, 403 when not covering all their roles. */
export const erase = fn(Id, async (userId): Promise<ErasureReport> => {
  const caller = useUser();
  if (caller.userId === userId) {
    throw new VisibleError(
      "conflict",
      "self_erasure",
      "Kendi verilerinizin silinmesini başka bir yönetici yapmalıdır.",
    );
  }
  const account = await load(userId);
  if (!account || !(await allows("user.read", account, "any"))) {
    throw new VisibleError("not_found", "not_found", "Kullanıcı bulunamadı.");
  }
  if (!(await allows("privacy.erase", account, "all"))) {
    throw new VisibleError("forbidden", "forbidden", "Bu kişinin verilerini silme yetkiniz yok.");
  }
  const scope = homeScope(grantsOf(account.assignments));
  const person = (await personOf(userId))!;
  const changed: Record<string, number> = {};
  for (const hook of personalData) changed[hook.domain] = await hook.erase(person);
  await Audit.record({ action: "privacy.erase", entity: { type: "user", id: userId }, scope, data: changed });
  return { userId, changed };
});
