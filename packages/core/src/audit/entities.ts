/**
 * The audit event entity (private to this folder). Append-only: events are only ever created
 * with `attribute_not_exists`, never updated or deleted by the application.
 *
 * Keys, one per access pattern (DESIGN.md):
 * - base `pk = entity type + id`, `sk = time#id` → events of an entity, newest first.
 * - gsi2 `actor / time#id` → events by a signed-in actor, newest first (sparse: anonymous and
 *   system events have no actor key, so failed sign-ins do not pile up in one partition).
 * - gsi3 `scope + UTC day / time#id` → events of a scope in a time range; the day bucket keeps a
 *   busy scope (national) from growing one unbounded partition.
 */
import { Entity } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";

function build(config: ReturnType<typeof electro>) {
  const Event = new Entity(
    {
      model: { service, entity: "audit", version: "1" },
      attributes: {
        eventId: { type: "string", required: true },
        at: { type: "string", required: true },
        day: { type: "string", required: true },
        action: { type: "string", required: true },
        entityType: { type: "string", required: true },
        entityId: { type: "string", required: true },
        scopeType: { type: "string", required: true },
        scopeId: { type: "string", required: true },
        place: {
          type: "map",
          required: true,
          properties: {
            province: { type: "string" },
            district: { type: "string" },
            school: { type: "string" },
            partnership: { type: "string" },
          },
        },
        actorType: { type: "string", required: true },
        actorId: { type: "string" },
        actorName: { type: "string" },
        requestId: { type: "string", required: true },
        ip: { type: "string" },
        data: { type: "any" },
      },
      indexes: {
        byEntity: {
          pk: { field: "pk", composite: ["entityType", "entityId"] },
          sk: { field: "sk", composite: ["at", "eventId"] },
        },
        byActor: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["actorId"] },
          sk: { field: "gsi2sk", composite: ["at", "eventId"] },
        },
        byScope: {
          index: "gsi3",
          pk: { field: "gsi3pk", composite: ["scopeType", "scopeId", "day"] },
          sk: { field: "gsi3sk", composite: ["at", "eventId"] },
        },
      },
    },
    config,
  );
  return { Event };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
