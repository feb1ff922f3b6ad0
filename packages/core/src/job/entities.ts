/**
 * ElectroDB entities of the job domain (private to this folder).
 *
 * Keys, one per access pattern (DESIGN.md):
 * - job:   base `pk = job id`, `sk = ""` → a job by id;
 *          gsi1 `scope / createdAt#id` → jobs of a scope, newest first.
 *          gsi2 `status / id` → queued and running jobs (the local pool resumes them on start).
 * - key:   base `pk = type + key` → the job started for an idempotency key (conditional put:
 *          the first start wins, a second start with the same key finds the first job).
 * - chunk: base `pk = job id`, `sk = chunk index` → the job's input rows (a validated CSV is
 *          larger than one 400 KB item), expiring with the job's retention.
 */
import { Entity } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";
export const statuses = ["queued", "running", "succeeded", "failed", "canceled"] as const;

function build(config: ReturnType<typeof electro>) {
  const Job = new Entity(
    {
      model: { service, entity: "job", version: "1" },
      attributes: {
        jobId: { type: "string", required: true },
        type: { type: "string", required: true },
        title: { type: "string", required: true },
        key: { type: "string", required: true },
        params: { type: "any", required: true },
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
        asOf: { type: "string", required: true },
        status: { type: statuses, required: true },
        progress: { type: "number", required: true },
        checkpoint: { type: "any" },
        attempts: { type: "number", required: true },
        maxAttempts: { type: "number", required: true },
        /** The run holding the job (set by the claim, checked by every progress write). */
        runId: { type: "string" },
        leaseUntil: { type: "number" },
        error: { type: "string" },
        result: { type: "any" },
        chunks: { type: "number", required: true },
        createdBy: { type: "string" },
        createdByName: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        startedAt: { type: "string" },
        finishedAt: { type: "string" },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["jobId"] },
          sk: { field: "sk", composite: [] },
        },
        byScope: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["scopeType", "scopeId"] },
          sk: { field: "gsi1sk", composite: ["createdAt", "jobId"] },
        },
        /**
         * Jobs by status: the local pool asks for the queued and running ones when `npm start`
         * restarts (its messages lived in the old process). Keyed by id only, so every status
         * change (a patch keyed by `jobId` that sets `status`) moves the item to its partition.
         */
        byStatus: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["status"] },
          sk: { field: "gsi2sk", composite: ["jobId"] },
        },
      },
    },
    config,
  );

  const Key = new Entity(
    {
      model: { service, entity: "jobkey", version: "1" },
      attributes: {
        type: { type: "string", required: true },
        key: { type: "string", required: true },
        jobId: { type: "string", required: true },
      },
      indexes: {
        byKey: {
          pk: { field: "pk", composite: ["type", "key"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

  const Chunk = new Entity(
    {
      model: { service, entity: "jobchunk", version: "1" },
      attributes: {
        jobId: { type: "string", required: true },
        /** Zero-padded, so chunks sort in order. */
        index: { type: "string", required: true },
        rows: { type: "any", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byJob: {
          pk: { field: "pk", composite: ["jobId"] },
          sk: { field: "sk", composite: ["index"] },
        },
      },
    },
    config,
  );
  return { Job, Key, Chunk };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
