/**
 * As `Audit.entry`, with the place given by the caller instead of looked up: bulk writers (the
 * school import job) know it, and a school being created has no place to look up yet.
 */
import type { Place, Scope } from "../actor";
import { context } from "../actor";
import { put, type TxItem } from "../db/tx";
import { toStored } from "../identity/scope";
import { now } from "../util/clock";
import { createId } from "../util/id";
import { entities } from "./entities";

export type EntryInput = {
  action: string;
  entity: { type: string; id: string };
  scope: Scope;
  place: Place;
  data?: Record<string, unknown>;
};

/** The put of one audit event (append-only: conditional on a new key). */
export function entryAt({ action, entity, scope, place, data }: EntryInput): TxItem {
  const { actor, requestId, ip } = context();
  const at = now().toISOString();
  return put(
    entities().Event.create({
      eventId: createId("audit"),
      at,
      day: at.slice(0, 10),
      action,
      entityType: entity.type,
      entityId: entity.id,
      ...toStored(scope),
      place,
      actorType: actor.type,
      ...(actor.type === "user" ? { actorId: actor.userId, actorName: actor.name } : {}),
      ...(actor.type === "system" ? { actorName: actor.reason } : {}),
      requestId,
      ...(ip ? { ip } : {}),
      ...(data ? { data } : {}),
    }),
  );
}
