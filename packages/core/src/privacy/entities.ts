/**
 * ElectroDB entities of the privacy domain (private to this folder).
 *
 * - retention mark: base `pk = "privacy-retention"` → the cutoffs the last complete destruction
 *   run applied. The next run starts each kind's traversal there, so a monthly run reads about a
 *   month of audit days instead of the whole history (privacy/retention-job.ts).
 */
import { Entity } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";

function build(config: ReturnType<typeof electro>) {
  const Mark = new Entity(
    {
      model: { service, entity: "retentionmark", version: "1" },
      attributes: {
        name: { type: "string", required: true },
        /** ISO instant per retained kind: records that started before it were destroyed. */
        cutoffs: { type: "any", required: true },
        /** When that run started. */
        at: { type: "string", required: true },
      },
      indexes: {
        byName: { pk: { field: "pk", composite: ["name"] }, sk: { field: "sk", composite: [] } },
      },
    },
    config,
  );
  return { Mark };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
