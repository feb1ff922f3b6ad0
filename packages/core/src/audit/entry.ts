/**
 * An audit event as a transaction item, so a domain write and its event commit together
 * (`transact` in db/transact.ts). Same fields as `record`; the actor and request come from the
 * current context. The caller passes the place (it often knows it, e.g. a school it is creating).
 */
import type { Place, Scope } from "../actor";
import { context } from "../actor";
import type { TransactItem } from "../db/transact";
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
export function entry({ action, entity, scope, place, data }: EntryInput): TransactItem {
  const { actor, requestId, ip } = context();
  const at = now().toISOString();
  return {
    put: entities()
      .Event.create({
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
      })
      .params(),
  };
}
