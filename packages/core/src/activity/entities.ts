/**
 * ElectroDB entities of the activity domain (private to this folder).
 *
 * Keys, one per access pattern (DESIGN.md):
 * - activity: base `pk = activity id` → activity by id;
 *   gsi1 `school#year / area#status#id` → a school's activities in a year. Area is the commonest
 *   filter (every page of the UI is per award area), then status, so both are key prefixes
 *   (begins_with); status without area and category are filter expressions on the same
 *   partition — still one Query over one school-year (≈ hundreds of items at most);
 *   gsi2 `district#year#status / id` → review queues of a district; a province's queue is one
 *   Query per district (shards the province by district, as the design asks);
 *   gsi3 `owner / id` → a user's own activities, newest first (ids are ULIDs).
 * - history: base `pk = activity id`, `sk = seq` (the activity version the entry produced),
 *   written in the same transaction as the change it records, so none is lost or duplicated.
 * - idempotency: base `pk = user#key` → the activity a create with that Idempotency-Key made and the
 *   hash of its body (TTL 24 h).
 * - categories: base `pk = province#year` → the category lists of the four areas for that year.
 */
import { Entity, type EntityItem, Service } from "electrodb";
import { bound, type electro } from "../db";
import { areas, statuses } from "./fields";

const service = "bigep";

function build(config: ReturnType<typeof electro>) {
  const Activity = new Entity(
    {
      model: { service, entity: "activity", version: "1" },
      attributes: {
        activityId: { type: "string", required: true },
        schoolCode: { type: "string", required: true },
        districtId: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        area: { type: areas, required: true },
        category: { type: "string", required: true },
        status: { type: statuses, required: true },
        title: { type: "string", required: true },
        description: { type: "string" },
        startDate: { type: "string", required: true },
        endDate: { type: "string" },
        reach: { type: "string", required: true },
        programme: { type: "string" },
        result: { type: "string" },
        teachers: { type: "any" },
        students: { type: "any" },
        partners: { type: "any" },
        links: { type: "any" },
        ownerId: { type: "string", required: true },
        ownerName: { type: "string", required: true },
        returnReason: { type: "string" },
        duplicateEvidence: { type: "boolean" },
        version: { type: "number", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["activityId"] },
          sk: { field: "sk", composite: [] },
        },
        bySchool: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["schoolCode", "schoolYear"] },
          sk: { field: "gsi1sk", composite: ["area", "status", "activityId"] },
        },
        byDistrict: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["districtId", "schoolYear", "status"] },
          sk: { field: "gsi2sk", composite: ["activityId"] },
        },
        byOwner: {
          index: "gsi3",
          pk: { field: "gsi3pk", composite: ["ownerId"] },
          sk: { field: "gsi3sk", composite: ["activityId"] },
        },
      },
    },
    config,
  );

  const History = new Entity(
    {
      model: { service, entity: "activityhistory", version: "1" },
      attributes: {
        activityId: { type: "string", required: true },
        seq: { type: "string", required: true },
        action: { type: "string", required: true },
        from: { type: "string" },
        to: { type: "string", required: true },
        reason: { type: "string" },
        actorId: { type: "string", required: true },
        actorName: { type: "string", required: true },
        at: { type: "string", required: true },
      },
      indexes: {
        byActivity: {
          pk: { field: "pk", composite: ["activityId"] },
          sk: { field: "sk", composite: ["seq"] },
        },
      },
    },
    config,
  );

  const Idempotency = new Entity(
    {
      model: { service, entity: "activityidempotency", version: "1" },
      attributes: {
        userId: { type: "string", required: true },
        idemKey: { type: "string", required: true },
        activityId: { type: "string", required: true },
        /** SHA-256 of the create's body: the same key with another body is refused (422). */
        bodyHash: { type: "string" },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byKey: {
          pk: { field: "pk", composite: ["userId", "idemKey"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

  const Categories = new Entity(
    {
      model: { service, entity: "categories", version: "1" },
      attributes: {
        provinceCode: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        lists: { type: "any", required: true },
        version: { type: "number", required: true },
        updatedAt: { type: "string", required: true },
        updatedBy: { type: "string", required: true },
      },
      indexes: {
        byYear: {
          pk: { field: "pk", composite: ["provinceCode", "schoolYear"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

  const entities = { Activity, History, Idempotency, Categories };
  return { ...entities, service: new Service(entities, config) };
}

/** A stored activity as ElectroDB returns it. */
export type ActivityRow = EntityItem<ReturnType<typeof build>["Activity"]>;

/** Entities bound to the current table and client. */
export const entities = bound(build);
