/**
 * Internal entry for system work that needs people's addresses (the reminder run's
 * escalations): who holds a role in a scope, and a person's address. No access check — callers
 * are jobs acting as the system, never request handlers. Queries on `gsi2` (holders of a role in
 * a scope) and gets by id.
 */
import type { Role, Scope } from "../actor/schema";
import { entities } from "./entities";
import { toStored } from "./scope";

export type Person = { personId: string; email: string; name: string };

/** Active people holding `role` in exactly `scope` (any school year), bounded to 50. */
export async function holders(role: Role, scope: Scope): Promise<Person[]> {
  const { Assignment, User } = entities();
  const { data } = await Assignment.query.byScope({ ...toStored(scope), role }).go({ limit: 50 });
  const ids = [...new Set(data.map((a) => a.userId))];
  if (ids.length === 0) return [];
  const users = await User.get(ids.map((userId) => ({ userId }))).go();
  return users.data
    .filter((u) => u.status === "active")
    .map((u) => ({ personId: u.userId, email: u.email, name: u.name }));
}

/** A person's address, or undefined when unknown or inactive. */
export async function person(personId: string): Promise<Person | undefined> {
  const { data } = await entities().User.get({ userId: personId }).go();
  return data && data.status === "active" ? { personId: data.userId, email: data.email, name: data.name } : undefined;
}

/** A person's grants (for their calendar feed, opened without a session). */
export async function grantsOfUser(userId: string): Promise<import("../actor").Grant[]> {
  const { data } = await entities().Assignment.query.account({ userId }).go({ limit: 200 });
  return data.map((a) => ({
    role: a.role,
    scope: { type: a.scopeType as import("../actor").ScopeType, id: a.scopeId === "-" ? "" : a.scopeId },
    ...(a.schoolYear !== "*" ? { schoolYear: a.schoolYear } : {}),
  }));
}
