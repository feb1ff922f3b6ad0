/**
 * ElectroDB entities of the calendar domain (private to this folder).
 *
 * - calendar:        base `pk = programme#scope#year` → one programme's calendar of a year in a
 *                    scope (a get; the template stands in until the board first edits it).
 * - calendarhistory: base `pk = programme#scope#year`, `sk = version` → every edit, newest last.
 * - feedtoken:       base `pk = token` → whose iCalendar feed a secret URL opens;
 *                    gsi1 `user` → the person's current token (to rotate it).
 */
import { Entity } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";

function build(config: ReturnType<typeof electro>) {
  const key = ["programme", "scopeType", "scopeId", "schoolYear"] as const;
  const Calendar = new Entity(
    {
      model: { service, entity: "calendar", version: "1" },
      attributes: {
        programme: { type: "string", required: true },
        scopeType: { type: "string", required: true },
        scopeId: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        milestones: { type: "any", required: true },
        version: { type: "number", required: true },
        updatedAt: { type: "string", required: true },
        updatedBy: { type: "string" },
      },
      indexes: {
        byKey: { pk: { field: "pk", composite: [...key] }, sk: { field: "sk", composite: [] } },
      },
    },
    config,
  );
  const History = new Entity(
    {
      model: { service, entity: "calendarhistory", version: "1" },
      attributes: {
        programme: { type: "string", required: true },
        scopeType: { type: "string", required: true },
        scopeId: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        /** Zero-padded so versions sort. */
        version: { type: "string", required: true },
        milestones: { type: "any", required: true },
        changed: { type: "any" },
        at: { type: "string", required: true },
        by: { type: "string" },
        byName: { type: "string" },
      },
      indexes: {
        byCalendar: { pk: { field: "pk", composite: [...key] }, sk: { field: "sk", composite: ["version"] } },
      },
    },
    config,
  );
  const FeedToken = new Entity(
    {
      model: { service, entity: "feedtoken", version: "1" },
      attributes: {
        token: { type: "string", required: true },
        userId: { type: "string", required: true },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byToken: { pk: { field: "pk", composite: ["token"] }, sk: { field: "sk", composite: [] } },
        byUser: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["userId"] },
          sk: { field: "gsi1sk", composite: ["createdAt"] },
        },
      },
    },
    config,
  );
  return { Calendar, History, FeedToken };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
