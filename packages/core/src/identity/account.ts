/**
 * A user's partition: the user item, their role assignments and their sessions, read with one
 * Query (paged to the end). Used to resolve a request's actor (every request) and to
 * decide who may manage a user.
 */

import type { Action, Resource } from "../access";
import { can } from "../access";
import { type Actor, actor as currentActor, type Grant, type Place } from "../actor";
import { put, type TxItem } from "../db";
import { prepared } from "../db/query";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { entities } from "./entities";
import { fromStored, placeOf, toStored } from "./scope";

type Data = Awaited<
  ReturnType<ReturnType<ReturnType<typeof entities>["identity"]["collections"]["account"]>["go"]>
>["data"];
export type UserItem = Data["User"][number];
export type AssignmentItem = Data["Assignment"][number];
export type SessionItem = Data["Session"][number];
export type Account = { user: UserItem; assignments: AssignmentItem[]; sessions: SessionItem[] };

/**
 * The most role assignments one person may hold. Granting beyond it is refused with a clear
 * message (`assertRoomForGrant`), so the per-request account read stays a few pages at most.
 */
export const maxGrants = 500;

/**
 * The account of a user, or undefined when there is no such user. Read page by page to the end:
 * the user item sorts after the assignments and sessions, so a single bounded page would lose it
 * (and every request of that person would fail) once they hold many roles. Sessions are capped at
 * sign-in and assignments at `maxGrants`, so the whole read stays small.
 */
export async function load(userId: string): Promise<Account | undefined> {
  const Items = await accountItems(userId);
  const { User, Assignment, Session } = entities();
  // Parsed by each entity, which keeps only its own items (ownership check), as the collection does.
  const own = { ignoreOwnership: false };
  const user = User.parse({ Items }, own).data[0];
  if (!user) return undefined;
  return { user, assignments: Assignment.parse({ Items }, own).data, sessions: Session.parse({ Items }, own).data };
}

/** The account collection's Query, built once per user: this read runs on every request (db/query.ts). */
const accountItems = prepared((userId) => entities().identity.collections.account({ userId }));

/** 409 when the account already holds `maxGrants` roles. */
export function assertRoomForGrant(account: Account): void {
  if (account.assignments.length >= maxGrants) {
    throw new VisibleError(
      "conflict",
      "too_many_roles",
      `Bir kişiye en çok ${maxGrants} rol verilebilir; yenisini vermeden önce kullanılmayan rollerini geri alın.`,
    );
  }
}

/**
 * A role assignment as a transaction item; the write fails its condition (item 0 of the
 * caller's transaction, say) when the person already holds it. Private to identity: every
 * public path checks the caller's right to grant first.
 */
export function assignmentItem(userId: string, grant: Grant): TxItem {
  const caller = currentActor();
  return put(
    entities().Assignment.create({
      userId,
      role: grant.role,
      ...toStored(grant.scope),
      schoolYear: grant.schoolYear ?? "*",
      grantedBy: caller.type === "user" ? caller.userId : caller.type,
      createdAt: now().toISOString(),
    }),
  );
}

/** Assignments as grants ("*" school year = every year). */
export function grantsOf(assignments: AssignmentItem[]): Grant[] {
  return assignments.map((a) => ({
    role: a.role,
    scope: fromStored(a),
    ...(a.schoolYear !== "*" ? { schoolYear: a.schoolYear } : {}),
  }));
}

/** Where the user works: the places of their assignments; none means only national admins reach them. */
async function placesOf(account: Account): Promise<Place[]> {
  const places = await Promise.all(account.assignments.map((a) => placeOf(fromStored(a))));
  const known = places.filter((p): p is Place => p !== undefined);
  return known.length > 0 ? known : [{}];
}

/**
 * May the caller act on this user? `any`: one of the user's places is in the caller's scope
 * (reading); `all`: every one is (changing them, so a principal cannot deactivate a district
 * board member who also teaches at their school).
 */
export async function allows(
  action: Action,
  account: Account,
  mode: "any" | "all",
  who: Actor = currentActor(),
): Promise<boolean> {
  const places = await placesOf(account);
  const check = (place: Place) => {
    const resource: Resource = { place, userId: account.user.userId };
    return can(action, resource, who);
  };
  return mode === "any" ? places.some(check) : places.every(check);
}

/**
 * The grants of an account the caller may see: all of them for the system and for the person
 * themselves; otherwise only those whose scope lies inside the caller's `user.read` scope (a
 * principal sees a teacher's role at their school, not the district board seat elsewhere).
 */
export async function visibleGrants(account: Account, who: Actor = currentActor()): Promise<Grant[]> {
  const grants = grantsOf(account.assignments);
  if (who.type === "system" || (who.type === "user" && who.userId === account.user.userId)) return grants;
  const places = await Promise.all(grants.map((g) => placeOf(g.scope)));
  return grants.filter((_, i) => {
    const place = places[i];
    return place !== undefined && can("user.read", { place, userId: account.user.userId }, who);
  });
}
