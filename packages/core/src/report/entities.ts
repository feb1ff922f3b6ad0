/**
 * ElectroDB entity of the report domain (private to this folder).
 *
 * - run: base `pk = job id` → a finished report run by id (downloads);
 *        gsi1 `scope#year / createdAt#id` → report runs of a scope and year, newest first.
 * The files themselves are in S3 under `reports/<scope type>/<scope id>/<year>/<job id>/`.
 */
import { Entity, type EntityItem } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";

function build(config: ReturnType<typeof electro>) {
  return new Entity(
    {
      model: { service, entity: "reportrun", version: "1" },
      attributes: {
        jobId: { type: "string", required: true },
        scopeType: { type: "string", required: true },
        scopeId: { type: "string", required: true },
        scopeName: { type: "string", required: true },
        year: { type: "string", required: true },
        asOf: { type: "string", required: true },
        place: {
          type: "map",
          required: true,
          properties: { province: { type: "string" }, district: { type: "string" }, school: { type: "string" } },
        },
        /** `{ format, key, size }` per rendered file; `state` is the merge input of a national run. */
        files: { type: "any", required: true },
        stateKey: { type: "string", required: true },
        totals: { type: "any", required: true },
        /** The charts of the run (small: labels and values), for the web's dashboard. */
        charts: { type: "any" },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["jobId"] },
          sk: { field: "sk", composite: [] },
        },
        byScopeYear: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["scopeType", "scopeId", "year"] },
          sk: { field: "gsi1sk", composite: ["createdAt", "jobId"] },
        },
      },
    },
    config,
  );
}

export type RunRow = EntityItem<ReturnType<typeof build>>;
export const runs = bound(build);
