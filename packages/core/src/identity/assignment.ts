/**
 * Role assignments: a role × scope × (optional) school year held by a user. Granting asks the
 * access policy (`role.grant` on the scope) and adds the rank rule: nobody grants a role that
 * ranks above the role they administer with.
 */
import * as z from "zod";
import { can } from "../access";
import { actor, type Grant, Role, Scope, useUser } from "../actor";
import { Audit } from "../audit";
import { remove, TransactionCanceled, transact } from "../db";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { idSchema } from "../util/id";
import { assertRoomForGrant, assignmentItem, load } from "./account";
import { entities } from "./entities";
import { GrantInput, placeOf, placeOrFail, roleRank, toStored } from "./scope";

export const Info = z.object({ role: Role, scope: Scope, schoolYear: z.string().optional() }).meta({ id: "Grant" });
export type Info = Grant;

/**
 * True when the caller may give `role` in `scope`: one of their grants allows `role.grant`
 * there (the policy table), ranks at least as high as `role` and covers its school year. The
 * system actor may grant anything.
 */
export async function grantable(grant: z.output<typeof GrantInput>): Promise<boolean> {
  const caller = actor();
  if (caller.type === "system") return true;
  if (caller.type !== "user") return false;
  const place = await placeOf(grant.scope);
  if (!place) return false;
  const resource = { place, ...(grant.schoolYear ? { schoolYear: grant.schoolYear } : {}) };
  // A grant limited to one school year gives roles for that year only (never "every year").
  return caller.grants.some(
    (g) =>
      roleRank(grant.role) <= roleRank(g.role) &&
      (!g.schoolYear || g.schoolYear === grant.schoolYear) &&
      can("role.grant", resource, { ...caller, grants: [g] }),
  );
}

/** Throws 403 unless the caller may grant this role in this scope (404 for an unknown school). */
export async function assertGrantable(grant: z.output<typeof GrantInput>): Promise<void> {
  if (actor().type === "system") return;
  useUser();
  await placeOrFail(grant.scope);
  if (!(await grantable(grant))) {
    throw new VisibleError("forbidden", "forbidden", "Bu rolü bu kapsamda verme yetkiniz yok.");
  }
}

export const ChangeInput = z.object({ userId: idSchema("user"), grant: GrantInput });

/**
 * Gives a user a role in a scope, with its audit event in the same transaction; idempotent
 * (granting an existing assignment changes nothing). Returns true when a new assignment was
 * written. 409 for an inactive account or one that already holds `maxGrants` roles.
 */
export const grant = fn(ChangeInput, async ({ userId, grant }): Promise<boolean> => {
  await assertGrantable(grant);
  const account = await load(userId);
  if (!account) throw new VisibleError("not_found", "not_found", "Kullanıcı bulunamadı.");
  if (account.user.status !== "active") throw new VisibleError("conflict", "user_inactive", "Kullanıcı hesabı pasif.");
  assertRoomForGrant(account);
  try {
    await transact([
      assignmentItem(userId, grant),
      await Audit.entry({
        action: "role.grant",
        entity: { type: "user", id: userId },
        scope: grant.scope,
        data: { role: grant.role, ...(grant.schoolYear ? { schoolYear: grant.schoolYear } : {}) },
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) return false;
    throw error;
  }
  return true;
});

/** Takes a role away (with its audit event, one transaction); 404 when the user does not hold it. */
export const revoke = fn(ChangeInput, async ({ userId, grant }): Promise<void> => {
  await assertGrantable(grant);
  const key = { userId, role: grant.role, ...toStored(grant.scope), schoolYear: grant.schoolYear ?? "*" };
  try {
    await transact([
      remove(
        entities()
          .Assignment.delete(key)
          .where((a, { exists }) => exists(a.userId)),
      ),
      await Audit.entry({
        action: "role.revoke",
        entity: { type: "user", id: userId },
        scope: grant.scope,
        data: { role: grant.role, ...(grant.schoolYear ? { schoolYear: grant.schoolYear } : {}) },
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) {
      throw new VisibleError("not_found", "not_found", "Rol ataması bulunamadı.");
    }
    throw error;
  }
});
