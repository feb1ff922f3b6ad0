/**
 * A user's partition: the user item, their role assignments and their sessions, read in one
 * Query of at most `maxItems` items. Used to resolve a request's actor (every request) and to
 * decide who may manage a user.
 */

import type { Action, Resource } from "../access";
import { can } from "../access";
import { type Actor, actor as currentActor, type Grant, type Place } from "../actor";
import { entities } from "./entities";
import { fromStored, placeOf } from "./scope";

type Data = Awaited<
  ReturnType<ReturnType<ReturnType<typeof entities>["identity"]["collections"]["account"]>["go"]>
>["data"];
export type UserItem = Data["User"][number];
export type AssignmentItem = Data["Assignment"][number];
export type SessionItem = Data["Session"][number];
export type Account = { user: UserItem; assignments: AssignmentItem[]; sessions: SessionItem[] };

/**
 * The most items one account read returns: the user, at most `Session.maxSessions` sessions
 * (capped at sign-in) and role assignments (a person holds a few per school year). One page,
 * so the per-request read stays small whatever piles up.
 */
export const maxItems = 100;

/**
 * The account of a user, or undefined when there is no such user. A partition beyond `maxItems`
 * is an invariant broken somewhere: refused (an error), never read in part — the user item
 * sorts last, and a partial read could drop sessions or roles without anyone noticing.
 */
export async function load(userId: string): Promise<Account | undefined> {
  const { data } = await entities()
    .identity.collections.account({ userId })
    .go({ limit: maxItems + 1 });
  if (data.User.length + data.Assignment.length + data.Session.length > maxItems) {
    throw new Error(`account ${userId} holds more than ${maxItems} items`);
  }
  const user = data.User[0];
  if (!user) return undefined;
  return { user, assignments: data.Assignment, sessions: data.Session };
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
