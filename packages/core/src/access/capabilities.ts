/**
 * What a person may do, per scope they hold a role in, computed from the policy table for the
 * web (`GET /api/me`): the web renders these and keeps no copy of the rules. Relations that
 * depend on one record (own, notOwn, …) are not decided here: a record's own read returns the
 * actions on it (an activity's `actions`), and the server checks every call anyway.
 */
import * as z from "zod";
import { type Actor, type Grant, Role, Scope, ScopeType } from "../actor";
import { roleRank, roleScopes, scopeRank, scopeText } from "../identity/roles";
import { relations } from "./conditions";
import { type Action, actions, rules } from "./policy";

export const ScopeCapabilities = z
  .object({
    scope: Scope,
    /** The roles held in this scope (any school year). */
    roles: z.array(Role),
    /** Actions some held role allows inside this scope (on some records: relations are per record). */
    actions: z.array(z.enum(actions)),
    /** Roles the person may give, by the type of the scope they give it in (a scope inside this one). */
    grantable: z.partialRecord(ScopeType, z.array(Role)),
  })
  .meta({ id: "ScopeCapabilities" });
export type ScopeCapabilities = z.infer<typeof ScopeCapabilities>;

export const Page = z.enum([
  "activities",
  "schoolAdmin",
  "users",
  "categories",
  "audit",
  "jobs",
  // --- reports ---
  "reports",
  // --- partnership ---
  "partnerships",
  "partnershipModeration",
  // --- review --- (reviewer's queue, chair/board panel, a school's results)
  "reviews",
  "reviewBoard",
  "reviewResults",
  // --- partnership: officers' dashboard ---
  "partnershipDashboard",
]);
export type Page = z.infer<typeof Page>;

export const Capabilities = z
  .object({
    scopes: z.array(ScopeCapabilities),
    /** Pages of the web app the person has use for (the navigation shows these). */
    pages: z.array(Page),
    /** Scopes whose activity list or review queue the person works with, in the order of their grants. */
    queues: z.array(Scope),
    /** Scopes whose people the person administers (invite, grant roles, read the audit log). */
    administers: z.array(Scope),
  })
  .meta({ id: "Capabilities" });
export type Capabilities = z.infer<typeof Capabilities>;

/** Which action a page needs somewhere. */
const pageNeeds: Record<Page, Action> = {
  activities: "activity.read",
  schoolAdmin: "org.write",
  users: "user.invite",
  categories: "category.manage",
  audit: "audit.read",
  jobs: "job.read",
  // --- reports ---
  reports: "report.read",
  // --- partnership ---
  partnerships: "partnership.read",
  partnershipModeration: "partnership.content.moderate",
  // --- review ---
  reviews: "review.assigned",
  reviewBoard: "review.read",
  reviewResults: "review.results",
  // --- partnership: officers' dashboard ---
  partnershipDashboard: "partnership.dashboard",
};

// --- partnership --- A partnership's place conditions hold for some record inside the grant's own
// scope when the grant sits at a school (`memberSchool`) or a province (`memberProvince`).
const memberPlaces: Partial<Record<string, ScopeType>> = { memberSchool: "school", memberProvince: "province" };

/** Actions a grant's role has rows for that can hold inside its own scope. */
function actionsOf(grant: Grant): Action[] {
  return rules
    .filter(
      ([role, , where]) =>
        role === grant.role &&
        where.every((c) => c === "scope" || relations.includes(c) || memberPlaces[c] === grant.scope.type),
    )
    .map(([, action]) => action);
}

/** The roles a grant lets its holder give in a scope of `type` (inside the grant's scope). */
function grantableWith(grant: Grant, type: ScopeType): Role[] {
  if (!actionsOf(grant).includes("role.grant") || scopeRank[type] > scopeRank[grant.scope.type]) return [];
  if (grant.scope.type !== "national" && type === "partnership") return [];
  const rank = roleRank(grant.role);
  return Role.options.filter((role) => roleScopes[role].includes(type) && roleRank(role) <= rank);
}

/** The capabilities of an actor (nothing for the anonymous; everything the table says for users). */
export function capabilities(actor: Actor): Capabilities {
  if (actor.type !== "user") return { scopes: [], pages: [], queues: [], administers: [] };
  const byScope = new Map<string, { scope: Scope; grants: Grant[] }>();
  for (const grant of actor.grants) {
    const key = scopeText(grant.scope);
    const entry = byScope.get(key) ?? { scope: grant.scope, grants: [] };
    entry.grants.push(grant);
    byScope.set(key, entry);
  }
  const scopes = [...byScope.values()].map(({ scope, grants }): ScopeCapabilities => {
    const grantable: ScopeCapabilities["grantable"] = {};
    for (const type of ScopeType.options) {
      const roles = new Set(grants.flatMap((g) => grantableWith(g, type)));
      if (roles.size) grantable[type] = Role.options.filter((r) => roles.has(r));
    }
    const held = new Set(grants.flatMap(actionsOf));
    return {
      scope,
      roles: [...new Set(grants.map((g) => g.role))],
      actions: actions.filter((a) => held.has(a)),
      grantable,
    };
  });
  const having = (action: Action) => scopes.filter((s) => s.actions.includes(action)).map((s) => s.scope);
  return {
    scopes,
    pages: Page.options.filter((page) => having(pageNeeds[page]).length > 0),
    queues: having("activity.read").filter((s) => s.type !== "partnership"),
    administers: having("user.invite"),
  };
}
