/**
 * Scopes of role assignments: which scope types each role may be given in, how scopes rank,
 * and where a scope sits (its Place) for the access policy.
 */
import * as z from "zod";
import { type Place, Role, type Scope, type ScopeType } from "../actor";
import { School } from "../org";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { roleScopes } from "./roles";

export { homeScope, roleRank, roleScopes, scopeRank, scopeText } from "./roles";
export {
  fromStored,
  GrantFields,
  GrantInput,
  roleFitsScope,
  ScopeText,
  toStored,
  ValidScope,
} from "./scope-fields";

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
