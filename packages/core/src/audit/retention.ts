/**
 * The audit trail's part of the periodic destruction run (privacy/retention-job.ts): the events
 * of one Istanbul day, read by Queries on the day-bucketed indexes (no Scan), and the two changes
 * retention makes to them (remove the IP, delete the event). Worker-only, not in index.ts.
 *
 * Every event is filed in exactly one of the partitions read here, by where its scope sits:
 * - the national scope's own events: gsi3 `national / day/shard`, `nationalShards` a day;
 * - events with a province (a province's, its districts' and schools' events): `byProvince`;
 * - a partnership's events (their place names only the partnership): gsi3 `partnership / day`.
 * An event of a school unknown when it was written (place `{}`) is in none of them: it is only
 * reachable by its entity and stays until its entity's erasure; no writer produces one today.
 */
import { isConditionFailure } from "../db";
import { toStored } from "../identity/scope";
import { nationalShards } from "./audit";
import { entities } from "./entities";

/** What retention reads of an event: its key, its time and action, whether it holds an IP. */
export type RetainedEvent = {
  entityType: string;
  entityId: string;
  at: string;
  eventId: string;
  action: string;
  ip?: string;
};

const attributes = ["entityType", "entityId", "at", "eventId", "action", "ip"] as const;

const national = { type: "national", id: "" } as const;

/** The Queries (one per partition) holding one Istanbul day of events. */
function partitionsOf(day: string, where: { provinces: readonly string[]; partnerships: readonly string[] }) {
  const { Event } = entities();
  return [
    ...Array.from({ length: nationalShards }, (_, shard) =>
      Event.query.byScope({ ...toStored(national), scopeBucket: `${day}/${shard}` }),
    ),
    ...where.provinces.map((province) => Event.query.inProvince({ provinceBucket: `${province}/${day}` })),
    ...where.partnerships.map((id) => Event.query.byScope({ scopeType: "partnership", scopeId: id, scopeBucket: day })),
  ];
}

/**
 * Calls `each` for every event filed on `day`, a page (≤ 1 MB) at a time, `parallel` partitions
 * at once: memory stays bounded by a few pages whatever the day held.
 */
export async function eachEventOn(
  day: string,
  where: { provinces: readonly string[]; partnerships: readonly string[] },
  each: (event: RetainedEvent) => Promise<void>,
  parallel = 8,
): Promise<void> {
  const queue = partitionsOf(day, where);
  const worker = async () => {
    for (let query = queue.shift(); query; query = queue.shift()) {
      let cursor: string | null = null;
      do {
        const page: { data: RetainedEvent[]; cursor: string | null } = await query.go({
          cursor,
          pages: 1,
          attributes: [...attributes],
        });
        for (const event of page.data) await each(event);
        cursor = page.cursor;
      } while (cursor);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

const keyOf = (e: RetainedEvent) => ({ entityType: e.entityType, entityId: e.entityId, at: e.at, eventId: e.eventId });

/** Deletes the event; false when it was already gone (a resumed or repeated run). */
export async function deleteEvent(event: RetainedEvent): Promise<boolean> {
  try {
    await entities()
      .Event.delete(keyOf(event))
      .where((a, op) => op.exists(a.eventId))
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Removes the event's IP; false when it had none any more. The event itself stays. */
export async function removeIp(event: RetainedEvent): Promise<boolean> {
  try {
    await entities()
      .Event.patch(keyOf(event))
      .remove(["ip"])
      .where((a, op) => op.exists(a.ip))
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
