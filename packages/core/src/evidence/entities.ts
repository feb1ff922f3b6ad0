/**
 * ElectroDB entity of the evidence domain (private to this folder).
 *
 * Keys, one per access pattern (DESIGN.md):
 * - base `pk = evidence id` → evidence by id (downloads, the upload verifier);
 * - gsi1 `activity / id` → evidence of an activity, oldest first;
 * - gsi2 `status#day / id` → uploads still pending from a day (the daily sweep); a day of the
 *   whole country is tens of thousands of small writes, far below a partition's limit;
 * - gsi3 `sha256 / id` → files with the same content (duplicate warning); only verified files
 *   have the hash, so the index is sparse;
 * - byDistrict `district#year / id` → evidence of a district's school year (yearly reports).
 */
import { Entity, type EntityItem } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";

export const statuses = ["pending", "ready", "rejected"] as const;

function build(config: ReturnType<typeof electro>) {
  return new Entity(
    {
      model: { service, entity: "evidence", version: "1" },
      attributes: {
        evidenceId: { type: "string", required: true },
        activityId: { type: "string", required: true },
        schoolCode: { type: "string", required: true },
        districtId: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        kind: { type: ["photo", "document", "video"] as const, required: true },
        contentType: { type: "string", required: true },
        fileName: { type: "string", required: true },
        size: { type: "number", required: true },
        status: { type: statuses, required: true },
        day: { type: "string", required: true },
        uploadKey: { type: "string", required: true },
        /** Set when the upload goes in parts (large videos), with the part size it was started with. */
        uploadId: { type: "string" },
        partSize: { type: "number" },
        key: { type: "string" },
        thumbnailKey: { type: "string" },
        sha256: { type: "string" },
        duplicateOf: { type: "list", items: { type: "string" } },
        rejectReason: { type: "string" },
        identifiableStudents: { type: "boolean", required: true },
        consent: { type: "any" },
        uploadedBy: { type: "string", required: true },
        uploadedByName: { type: "string", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
        verifiedAt: { type: "string" },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["evidenceId"] },
          sk: { field: "sk", composite: [] },
        },
        byActivity: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["activityId"] },
          sk: { field: "gsi1sk", composite: ["evidenceId"] },
        },
        byStatusDay: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["status", "day"] },
          sk: { field: "gsi2sk", composite: ["evidenceId"] },
        },
        bySha: {
          index: "gsi3",
          pk: { field: "gsi3pk", composite: ["sha256"] },
          sk: { field: "gsi3sk", composite: ["evidenceId"] },
        },
        // --- reports (issue 13) ---
        // Evidence of a district's school year (the yearly report counts it in one Query per
        // district); shares the `byDistrict` index with the audit views, under its own key prefix.
        byDistrictYear: {
          index: "byDistrict",
          pk: { field: "byDistrictPk", composite: ["districtId", "schoolYear"] },
          sk: { field: "byDistrictSk", composite: ["evidenceId"] },
        },
      },
    },
    config,
  );
}

export type EvidenceRow = EntityItem<ReturnType<typeof build>>;

/** The entity bound to the current table and client. */
export const evidence = bound(build);
