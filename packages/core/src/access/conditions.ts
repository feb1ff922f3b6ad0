/**
 * The conditions of the policy's rows (see policy.ts for their meaning in words), as pure
 * functions of the grant, the actor and the facts the domain loaded about the resource. Private
 * to the access module: domain code never re-implements them.
 */
import type { Actor, Grant, Place, Scope } from "../actor";
import { now } from "../util/clock";
import { istanbulDay } from "../util/date";
import { minuteOf } from "../util/istanbul";
import type { Condition } from "./policy";

/** What an operation acts on: where it sits and the facts the rows' conditions read. */
export type Resource = {
  place: Place;
  /** Who created the record (`own`, `notOwn`). */
  ownerId?: string;
  /** For `self` rows: the user the resource is. */
  userId?: string;
  schoolYear?: string;
  /** Users assigned to the record, e.g. its reviewers (`assigned`). */
  assignees?: readonly string[];
  /**
   * A dated phase, Istanbul dates `YYYY-MM-DD`, both days included (`windowOpen`); or Istanbul
   * date-times `YYYY-MM-DDTHH:mm`, closing minute excluded (`windowOpenAt`, review rounds).
   */
  window?: { from: string; to: string };
  /**
   * Where the schools the actor holds roles at sit, by school code (`notOwnDistrict`): a school
   * grant names only the school, so the domain looks up its district. A school missing here
   * counts as being in the resource's district (refusing is the safe answer).
   */
  actorSchools?: Readonly<Record<string, Place>>;
  /** A partnership's members and the coordinators named for the step (`memberSchool`, `memberProvince`, `coordinator`). */
  partnership?: { schools: readonly string[]; provinces: readonly string[]; coordinators: readonly string[] };
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

/** Conditions about the record and the person's relation to it (not where it sits). */
export const relations: readonly Condition[] = [
  "own",
  "notOwn",
  "notOwnSchool",
  "notOwnDistrict",
  "assigned",
  "windowOpen",
  // --- review ---
  "windowOpenAt",
  "coordinator",
];

export type Failure = Exclude<Condition, "scope">;

type User = Extract<Actor, { type: "user" }>;

/** Today in Istanbul as `YYYY-MM-DD`. */
function today(): string {
  return istanbulDay(now());
}

/** Now in Istanbul as `YYYY-MM-DDTHH:mm` (review rounds open and close at a minute). */
export function istanbulMinute(at: Date = now()): string {
  return minuteOf(at);
}

function holdsAtSchool(actor: User, school: string): boolean {
  return actor.grants.some((g) => g.scope.type === "school" && g.scope.id === school);
}

function holdsInDistrict(actor: User, district: string, schools: Resource["actorSchools"]): boolean {
  return actor.grants.some((g) => {
    if (g.scope.type === "district") return g.scope.id === district;
    if (g.scope.type !== "school") return false;
    const place = schools?.[g.scope.id];
    return !place || place.district === district;
  });
}

const check: Record<Condition, (actor: User, grant: Grant, resource: Resource) => boolean> = {
  scope: (_actor, grant, r) => scopeContains(grant.scope, r.place),
  self: (actor, _grant, r) => r.userId !== undefined && r.userId === actor.userId,
  own: (actor, _grant, r) => r.ownerId !== undefined && r.ownerId === actor.userId,
  notOwn: (actor, _grant, r) => r.ownerId !== undefined && r.ownerId !== actor.userId,
  notOwnSchool: (actor, _grant, r) => r.place.school !== undefined && !holdsAtSchool(actor, r.place.school),
  notOwnDistrict: (actor, _grant, r) =>
    r.place.district !== undefined && !holdsInDistrict(actor, r.place.district, r.actorSchools),
  assigned: (actor, _grant, r) => r.assignees?.includes(actor.userId) ?? false,
  windowOpen: (_actor, _grant, r) => {
    if (!r.window) return false;
    const day = today();
    return r.window.from <= day && day <= r.window.to;
  },
  // --- review ---
  windowOpenAt: (_actor, _grant, r) => {
    if (!r.window) return false;
    const minute = istanbulMinute();
    return r.window.from <= minute && minute < r.window.to;
  },
  // --- partnership --- (the grant itself must sit at a member school / province)
  memberSchool: (_actor, grant, r) =>
    grant.scope.type === "school" && (r.partnership?.schools.includes(grant.scope.id) ?? false),
  memberProvince: (_actor, grant, r) =>
    grant.scope.type === "province" && (r.partnership?.provinces.includes(grant.scope.id) ?? false),
  coordinator: (actor, _grant, r) => r.partnership?.coordinators.includes(actor.userId) ?? false,
};

/**
 * Does the row's condition list hold for this grant? `true`, or why not: `reachable` when the
 * resource lies where the grant reaches (its scope/self conditions held) and `failed` the first
 * relation that refused.
 */
export function holds(
  where: readonly Condition[],
  grant: Grant,
  actor: User,
  resource: Resource,
): true | { reachable: boolean; failed?: Failure } {
  if (grant.schoolYear && resource.schoolYear && grant.schoolYear !== resource.schoolYear) return { reachable: false };
  for (const condition of where) {
    if (!relations.includes(condition) && !check[condition](actor, grant, resource)) return { reachable: false };
  }
  for (const condition of where) {
    if (relations.includes(condition) && !check[condition](actor, grant, resource)) {
      return { reachable: true, failed: condition as Failure };
    }
  }
  return true;
}
