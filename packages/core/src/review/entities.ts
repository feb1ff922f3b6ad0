/**
 * ElectroDB entities of the review domain (private to this folder). Reviews refer to activities
 * by id; reviewer assignments are records, not role grants (DESIGN.md, wave 2).
 *
 * Keys, one per access pattern:
 * - rubric: base `pk = province#year#area`, `sk = version` → a rubric's versions (latest = last);
 * - round: base `pk = round id`; gsi1 `province#year / level#id` → the rounds of a province-year;
 * - member (panel): base `pk = round id`, `sk = user id` → a round's panel and declared conflicts;
 * - entry (an activity in a round, with its decision): base `pk = round id`, `sk = activity id`;
 *   gsi2 `school#year / round#activity` → a school's outcomes;
 * - assignment (one reviewer on one activity, with their scores): base `pk = round id`,
 *   `sk = activity id#reviewer id` → an activity's reviews (begins_with) and a round's;
 *   gsi1 `reviewer / round#activity` → a reviewer's queue.
 * A round's records share its partition, so a ranking is one Query (paged) over one round.
 * - certificate: base `pk = code` → the public verification is one GetItem by its code;
 * - certificate slot: base `pk = round id`, `sk = activity id` → the code of an activity's
 *   certificate (created with the certificate in one transaction: one certificate per award).
 */
import { Entity, Service } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";
const levels = ["school", "district", "province"] as const;

function build(config: ReturnType<typeof electro>) {
  const Rubric = new Entity(
    {
      model: { service, entity: "rubric", version: "1" },
      attributes: {
        provinceCode: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        area: { type: "string", required: true },
        /** Zero-padded so versions sort ("0001"). */
        version: { type: "string", required: true },
        criteria: { type: "any", required: true },
        updatedAt: { type: "string", required: true },
        updatedBy: { type: "string", required: true },
      },
      indexes: {
        byArea: {
          pk: { field: "pk", composite: ["provinceCode", "schoolYear", "area"] },
          sk: { field: "sk", composite: ["version"] },
        },
      },
    },
    config,
  );

  const Round = new Entity(
    {
      model: { service, entity: "reviewround", version: "1" },
      attributes: {
        roundId: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        level: { type: levels, required: true },
        name: { type: "string", required: true },
        /** Istanbul date-times `YYYY-MM-DDTHH:mm`. */
        opensAt: { type: "string", required: true },
        closesAt: { type: "string", required: true },
        k: { type: "number", required: true },
        threshold: { type: "number", required: true },
        rankBy: { type: ["raw", "normalised"] as const, required: true },
        allowOwnDistrict: { type: "boolean", required: true },
        promotion: { type: "any", required: true },
        mentions: { type: "number", required: true },
        /** Rubric version per area, pinned when the round is created. */
        rubrics: { type: "any", required: true },
        previousRoundId: { type: "string" },
        publishAt: { type: "string" },
        assignedAt: { type: "string" },
        promotedAt: { type: "string" },
        awardedAt: { type: "string" },
        createdBy: { type: "string", required: true },
        createdAt: { type: "string", required: true },
        version: { type: "number", required: true },
      },
      indexes: {
        byId: { pk: { field: "pk", composite: ["roundId"] }, sk: { field: "sk", composite: [] } },
        byYear: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["provinceCode", "schoolYear"] },
          sk: { field: "gsi1sk", composite: ["level", "roundId"] },
        },
      },
    },
    config,
  );

  const Member = new Entity(
    {
      model: { service, entity: "reviewmember", version: "1" },
      attributes: {
        roundId: { type: "string", required: true },
        userId: { type: "string", required: true },
        name: { type: "string", required: true },
        cap: { type: "number" },
        schools: { type: "list", items: { type: "string" } },
        districts: { type: "list", items: { type: "string" } },
        /** Where the member's schools sit (school code → district), for the access check. */
        schoolDistricts: { type: "any" },
        conflictSchools: { type: "list", items: { type: "string" } },
        conflictPeople: { type: "list", items: { type: "string" } },
      },
      indexes: {
        byRound: { pk: { field: "pk", composite: ["roundId"] }, sk: { field: "sk", composite: ["userId"] } },
      },
    },
    config,
  );

  const Entry = new Entity(
    {
      model: { service, entity: "reviewentry", version: "1" },
      attributes: {
        roundId: { type: "string", required: true },
        activityId: { type: "string", required: true },
        schoolCode: { type: "string", required: true },
        schoolName: { type: "string", required: true },
        schoolLevel: { type: "string", required: true },
        districtId: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        area: { type: "string", required: true },
        title: { type: "string", required: true },
        people: { type: "list", items: { type: "string" } },
        reconciliation: { type: "any" },
        /** Decision snapshot (promotion, award). */
        rank: { type: "number" },
        score: { type: "number" },
        promoted: { type: "boolean" },
        tier: { type: "string" },
        fair: { type: "boolean" },
      },
      indexes: {
        byRound: { pk: { field: "pk", composite: ["roundId"] }, sk: { field: "sk", composite: ["activityId"] } },
        bySchool: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["schoolCode", "schoolYear"] },
          sk: { field: "gsi2sk", composite: ["roundId", "activityId"] },
        },
      },
    },
    config,
  );

  const Assignment = new Entity(
    {
      model: { service, entity: "reviewassignment", version: "1" },
      attributes: {
        roundId: { type: "string", required: true },
        activityId: { type: "string", required: true },
        reviewerId: { type: "string", required: true },
        reviewerName: { type: "string", required: true },
        area: { type: "string", required: true },
        title: { type: "string", required: true },
        schoolCode: { type: "string", required: true },
        districtId: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        /** Criterion id → { points, comment }. */
        scores: { type: "any" },
        comment: { type: "string" },
        total: { type: "number" },
        rubricVersion: { type: "string" },
        savedAt: { type: "string" },
        submittedAt: { type: "string" },
        version: { type: "number", required: true },
      },
      indexes: {
        byRound: {
          pk: { field: "pk", composite: ["roundId"] },
          sk: { field: "sk", composite: ["activityId", "reviewerId"] },
        },
        byReviewer: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["reviewerId"] },
          sk: { field: "gsi1sk", composite: ["roundId", "activityId"] },
        },
      },
    },
    config,
  );

  // --- certificates ---
  const Certificate = new Entity(
    {
      model: { service, entity: "reviewcertificate", version: "1" },
      attributes: {
        /** The verification code (Crockford base32, 10 characters): printed and in the QR link. */
        code: { type: "string", required: true },
        roundId: { type: "string", required: true },
        activityId: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        districtId: { type: "string", required: true },
        schoolCode: { type: "string", required: true },
        /** What is printed on the certificate (`Printed` in certificate.ts). */
        printed: { type: "any", required: true },
        /** The S3 key of the PDF (built from the validated round and activity ids). */
        key: { type: "string", required: true },
        status: { type: ["valid", "revoked"] as const, required: true },
        renderedAt: { type: "string" },
        revokedAt: { type: "string" },
        revokedBy: { type: "string" },
        reason: { type: "string" },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byCode: { pk: { field: "pk", composite: ["code"] }, sk: { field: "sk", composite: [] } },
      },
    },
    config,
  );

  const CertificateSlot = new Entity(
    {
      model: { service, entity: "reviewcertslot", version: "1" },
      attributes: {
        roundId: { type: "string", required: true },
        activityId: { type: "string", required: true },
        code: { type: "string", required: true },
      },
      indexes: {
        byRound: { pk: { field: "pk", composite: ["roundId"] }, sk: { field: "sk", composite: ["activityId"] } },
      },
    },
    config,
  );

  const entities = { Rubric, Round, Member, Entry, Assignment, Certificate, CertificateSlot };
  return { ...entities, service: new Service(entities, config) };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
