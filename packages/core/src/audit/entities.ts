/**
 * The audit event entity (private to this folder). Append-only: events are only ever created
 * with `attribute_not_exists`, never updated or deleted by the application.
 *
 * Keys, one per access pattern (DESIGN.md):
 * - base `pk = entity type + id`, `sk = time#id` → events of an entity, newest first.
 * - gsi2 `actor / time#id` → events by a signed-in actor, newest first (sparse: anonymous and
 *   system events have no actor key, so failed sign-ins do not pile up in one partition).
 * - gsi3 `scope + bucket / time#id` → a scope's own events (a school's, the ministry's) in a time
 *   range. The bucket is the Istanbul day; the national scope (every anonymous sign-in attempt
 *   lands there, at a rate an attacker chooses) is spread over `nationalShards` partitions a day,
 *   `day/shard`, read together (see audit.ts).
 * - byDistrict `district + Istanbul day / time#id` → everything inside a district: its own events
 *   and those of each of its schools (sparse: events without a district are not in it).
 * - byProvince `province + Istanbul day / time#id` → everything inside a province: its own events,
 *   its districts' and its schools' (sparse likewise). One partition a province a day: the busiest
 *   province writes far below a partition's 1,000 writes a second (README, "Audit log").
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
        /** Istanbul day of `at`. */
        day: { type: "string", required: true },
        scopeBucket: { type: "string", required: true },
        districtBucket: { type: "string" },
        provinceBucket: { type: "string" },
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
          pk: { field: "gsi3pk", composite: ["scopeType", "scopeId", "scopeBucket"] },
          sk: { field: "gsi3sk", composite: ["at", "eventId"] },
        },
        inDistrict: {
          index: "byDistrict",
          pk: { field: "byDistrictPk", composite: ["districtBucket"] },
          sk: { field: "byDistrictSk", composite: ["at", "eventId"] },
        },
        inProvince: {
          index: "byProvince",
          pk: { field: "byProvincePk", composite: ["provinceBucket"] },
          sk: { field: "byProvinceSk", composite: ["at", "eventId"] },
        },
      },
    },
    config,
  );
  return { Event };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
