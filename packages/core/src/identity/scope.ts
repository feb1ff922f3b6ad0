/**
 * Scopes of role assignments: which scope types each role may be given in, how scopes rank,
 * and where a scope sits (its Place) for the access policy.
 */
import * as z from "zod";
import { type Place, Role, Scope, type ScopeType } from "../actor";
import { School } from "../org";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { roleScopes } from "./roles";

export { homeScope, roleRank, roleScopes, scopeRank, scopeText } from "./roles";

const scopeIdPatterns: Record<ScopeType, RegExp> = {
  national: /^$/,
  province: /^(0[1-9]|[1-7]\d|8[01])$/,
  district: /^(0[1-9]|[1-7]\d|8[01])-[a-z0-9]+(-[a-z0-9]+)*$/,
  school: /^\d{6,8}$/,
  partnership: /^[A-Za-z0-9_-]{1,64}$/,
};

/** A scope whose id has the right shape for its type. */
export const ValidScope = Scope.refine((s) => scopeIdPatterns[s.type].test(s.id), {
  message: "Geçersiz kapsam.",
  path: ["id"],
});

/** A role in a scope, optionally for one school year (check with `roleFitsScope`). */
export const GrantFields = z.object({ role: Role, scope: ValidScope, schoolYear: SchoolYear.optional() });

/** Refinement: the role can be given in a scope of this type (no teacher of a province). */
export const roleFitsScope: [(g: { role: Role; scope: Scope }) => boolean, { message: string; path: string[] }] = [
  (g) => roleScopes[g.role].includes(g.scope.type),
  { message: "Bu rol bu kapsamda verilemez.", path: ["scope", "type"] },
];

export const GrantInput = GrantFields.refine(...roleFitsScope);

/** `school:123456`, `district:10-altieylul`, `national` — the text form used in query strings. */
export const ScopeText = z
  .string()
  .max(80)
  .transform((text, ctx) => {
    const [type, ...rest] = text.split(":");
    const parsed = ValidScope.safeParse({ type, id: rest.join(":") });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "Geçersiz kapsam." });
      return z.NEVER;
    }
    return parsed.data;
  });

/** Key segments cannot be empty, so the national scope's id is stored as "-". */
export function toStored(scope: Scope): { scopeType: ScopeType; scopeId: string } {
  return { scopeType: scope.type, scopeId: scope.id || "-" };
}
export function fromStored(item: { scopeType: string; scopeId: string }): Scope {
  return { type: item.scopeType as ScopeType, id: item.scopeId === "-" ? "" : item.scopeId };
}

const schoolPlaces = new Map<string, { place: Place; until: number }>();
/** A school rarely moves district; a minute of staleness bounds the cost of that move. */
const placeTtlMs = 60_000;

/** Where a scope sits; undefined for an unknown school (its district and province come from org). */
export async function placeOf(scope: Scope): Promise<Place | undefined> {
  switch (scope.type) {
    case "national":
      return {};
    case "province":
      return { province: scope.id };
    case "district":
      return { province: scope.id.split("-")[0], district: scope.id };
    case "partnership":
      return { partnership: scope.id };
    case "school": {
      const cached = schoolPlaces.get(scope.id);
      if (cached && cached.until > Date.now()) return cached.place;
      const school = await School.get(scope.id);
      if (!school) return undefined;
      const place = School.placeOf(school);
      schoolPlaces.set(scope.id, { place, until: Date.now() + placeTtlMs });
      return place;
    }
  }
}

/** As `placeOf`, but an unknown school is a 404. */
export async function placeOrFail(scope: Scope): Promise<Place> {
  const place = await placeOf(scope);
  if (!place) throw new VisibleError("not_found", "not_found", "Okul bulunamadı.");
  return place;
}
