/**
 * Which scope types each role is given in and how roles rank. Pure data with type-only imports,
 * so the web uses the same rules to offer only the roles a person may grant.
 */
import type { Grant, Role, Scope, ScopeType } from "../actor/schema";

/** Scope types each role is given in. */
export const roleScopes: Record<Role, readonly ScopeType[]> = {
  admin: ["national", "province"],
  ministry_officer: ["national"],
  province_officer: ["province"],
  province_board: ["province"],
  province_review_board: ["province"],
  district_officer: ["district"],
  district_board: ["district"],
  principal: ["school"],
  school_commission: ["school"],
  teacher: ["school"],
  partnership_coordinator: ["partnership"],
  zumre_head: ["partnership"],
};

/** Width of a scope type: national > province > district > school (a partnership counts as a school). */
export const scopeRank: Record<ScopeType, number> = {
  national: 4,
  province: 3,
  district: 2,
  school: 1,
  partnership: 1,
};

/** A role's rank is the widest scope it can be given in; nobody grants a role ranked above their own. */
export function roleRank(role: Role): number {
  return Math.max(...roleScopes[role].map((type) => scopeRank[type]));
}

/** `school:123456`, `district:10-altieylul`, `national` — the text form used in query strings. */
export function scopeText(scope: Scope): string {
  return scope.type === "national" ? "national" : `${scope.type}:${scope.id}`;
}

/**
 * The scope an event about a person is filed under: their narrowest grant (a teacher's school),
 * so the admins of that scope see it; national for someone without grants.
 */
export function homeScope(grants: readonly Grant[]): Scope {
  const [first] = [...grants].sort((a, b) => scopeRank[a.scope.type] - scopeRank[b.scope.type]);
  return first?.scope ?? { type: "national", id: "" };
}
