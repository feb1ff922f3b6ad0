/**
 * The one access-policy module. Every core operation asks `assert`/`can` before it reads or
 * writes; nothing else decides who may do what.
 */
import { type Actor, actor as currentActor, type Grant, type Place, type Scope } from "../actor";
import { VisibleError } from "../util/error";
import { type Action, actions, adminRoles, roleNames, rules, type Where } from "./policy";

export { type Action, actions, adminRoles, roleNames, rules };

/** What an operation acts on: where it sits, who owns it, which school year. */
export type Resource = {
  place: Place;
  ownerId?: string;
  /** For `self` rows: the user the resource is. */
  userId?: string;
  schoolYear?: string;
};

/** True when the grant's scope contains the place. */
export function scopeContains(scope: Scope, place: Place): boolean {
  switch (scope.type) {
    case "national":
      return true;
    case "province":
      return place.province === scope.id;
    case "district":
      return place.district === scope.id;
    case "school":
      return place.school === scope.id;
    case "partnership":
      return place.partnership === scope.id;
  }
}

function grantAllows(grant: Grant, where: Where, userId: string, resource: Resource): boolean {
  if (grant.schoolYear && resource.schoolYear && grant.schoolYear !== resource.schoolYear) return false;
  if (where === "self") return resource.userId === userId;
  if (!scopeContains(grant.scope, resource.place)) return false;
  if (where === "own") return resource.ownerId === userId;
  return true;
}

/** May this actor do this action on this resource? */
export function can(action: Action, resource: Resource, actor: Actor = currentActor()): boolean {
  if (actor.type === "system") return true;
  if (actor.type !== "user") return false;
  for (const grant of actor.grants) {
    for (const [role, ruleAction, where] of rules) {
      if (role === grant.role && ruleAction === action && grantAllows(grant, where, actor.userId, resource))
        return true;
    }
  }
  return false;
}

/**
 * Throws unless allowed: 401 for the anonymous, otherwise 403 — or 404 with `hide` when
 * revealing that the resource exists would leak (another school's records).
 */
export function assert(action: Action, resource: Resource, options: { hide?: boolean } = {}): void {
  const actor = currentActor();
  if (can(action, resource, actor)) return;
  if (actor.type === "public") throw new VisibleError("auth", "unauthenticated", "Lütfen oturum açın.");
  if (options.hide) throw new VisibleError("not_found", "not_found", "Kayıt bulunamadı.");
  throw new VisibleError("forbidden", "forbidden", "Bu işlem için yetkiniz yok.");
}

/** Grants of the current actor that allow `action` somewhere (to build scoped list queries). */
export function grantsFor(action: Action, actor: Actor = currentActor()): Grant[] {
  if (actor.type !== "user") return [];
  return actor.grants.filter((g) => rules.some(([role, a]) => role === g.role && a === action));
}
