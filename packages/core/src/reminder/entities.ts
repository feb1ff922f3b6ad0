/**
 * ElectroDB entities of the reminder domain (private to this folder).
 *
 * - reminderledger:  base `pk = person#milestone#offset#day` → "this reminder was sent"; the
 *                    conditional put that makes a send happen at most once; gsi1
 *                    `milestone / day#person#offset` → the sent history of a milestone.
 * - reminderdigest:  base `pk = day`, `sk = person` → the outbox item of one person's digest of an
 *                    Istanbul day (its existence is the "one digest a day" gate), drained with
 *                    retries; expires after 180 days.
 * - suppression:     base `pk = e-mail` → no more mail to this address (bounce, complaint);
 *                    gsi1 `list / at#email` → the admins' list, newest last.
 * - reminderpref:    base `pk = user` → programmes muted, digest on/off.
 */
import { Entity } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";

export const digestStatuses = ["pending", "sent", "failed", "skipped"] as const;

function build(config: ReturnType<typeof electro>) {
  const Ledger = new Entity(
    {
      model: { service, entity: "reminderledger", version: "1" },
      attributes: {
        personId: { type: "string", required: true },
        milestoneRef: { type: "string", required: true },
        offset: { type: "string", required: true },
        day: { type: "string", required: true },
        email: { type: "string", required: true },
        items: { type: "any", required: true },
        at: { type: "string", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byKey: {
          pk: { field: "pk", composite: ["personId", "milestoneRef", "offset", "day"] },
          sk: { field: "sk", composite: [] },
        },
        byMilestone: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["milestoneRef"] },
          sk: { field: "gsi1sk", composite: ["day", "personId", "offset"] },
        },
      },
    },
    config,
  );
  const Digest = new Entity(
    {
      model: { service, entity: "reminderdigest", version: "1" },
      attributes: {
        day: { type: "string", required: true },
        personId: { type: "string", required: true },
        email: { type: "string", required: true },
        subject: { type: "string", required: true },
        text: { type: "string", required: true },
        html: { type: "string", required: true },
        headers: { type: "any" },
        status: { type: digestStatuses, required: true },
        attempts: { type: "number", required: true },
        /** A drain holding the item until then (ms); another drain may take it over after. */
        leaseUntil: { type: "number" },
        error: { type: "string" },
        sentAt: { type: "string" },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byDay: { pk: { field: "pk", composite: ["day"] }, sk: { field: "sk", composite: ["personId"] } },
      },
    },
    config,
  );
  const Suppression = new Entity(
    {
      model: { service, entity: "suppression", version: "1" },
      attributes: {
        emailKey: { type: "string", required: true },
        list: { type: "string", required: true, default: "all" },
        reason: { type: ["bounce", "complaint", "manual"] as const, required: true },
        detail: { type: "string" },
        at: { type: "string", required: true },
      },
      indexes: {
        byEmail: { pk: { field: "pk", composite: ["emailKey"] }, sk: { field: "sk", composite: [] } },
        byList: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["list"] },
          sk: { field: "gsi1sk", composite: ["at", "emailKey"] },
        },
      },
    },
    config,
  );
  const Preference = new Entity(
    {
      model: { service, entity: "reminderpref", version: "1" },
      attributes: {
        userId: { type: "string", required: true },
        muted: { type: "list", items: { type: "string" }, required: true },
        digest: { type: "boolean", required: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byUser: { pk: { field: "pk", composite: ["userId"] }, sk: { field: "sk", composite: [] } },
      },
    },
    config,
  );
  return { Ledger, Digest, Suppression, Preference };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
