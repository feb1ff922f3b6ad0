/**
 * The audit trail's personal data (privacy/hooks.ts): events the person caused (their name and
 * IP on each, found by the `byActor` index) and sign-in events filed under their e-mail address
 * (the address is the event's key, found by `byEntity`). Erasure keeps every event the person
 * caused (what happened stays on record) without their name and IP, and deletes the events
 * keyed by their address.
 */
import { ERASED_NAME, type PersonalData, scrubbed } from "../privacy/hooks";
import { entities } from "./entities";

async function byActor(actorId: string) {
  return (await entities().Event.query.byActor({ actorId }).go({ pages: "all" })).data;
}
async function byEmail(emailKey: string) {
  return (await entities().Event.query.byEntity({ entityType: "email", entityId: emailKey }).go({ pages: "all" })).data;
}

/** The records (type and id) the person acted on, each once: how other domains find their traces. */
export async function touchedBy(actorId: string): Promise<{ type: string; id: string }[]> {
  const seen = new Map<string, { type: string; id: string }>();
  for (const e of await byActor(actorId))
    seen.set(`${e.entityType}:${e.entityId}`, { type: e.entityType, id: e.entityId });
  return [...seen.values()];
}

export const auditData: PersonalData = {
  domain: "audit",
  async export(person) {
    const events = [...(await byActor(person.userId)), ...(await byEmail(person.emailKey.slice(0, 128)))];
    return events.map((e) => ({
      at: e.at,
      action: e.action,
      entity: `${e.entityType}:${e.entityId}`,
      ip: e.ip ?? null,
    }));
  },
  async erase(person) {
    const { Event } = entities();
    let changed = 0;
    for (const e of await byActor(person.userId)) {
      if (e.actorName === ERASED_NAME && e.ip === undefined) continue;
      await Event.patch({ entityType: e.entityType, entityId: e.entityId, at: e.at, eventId: e.eventId })
        .set({ actorName: ERASED_NAME })
        .remove(["ip"])
        .go();
      changed++;
    }
    // Events of records that name the person (theirs, or others' naming them): the name in the
    // event's data (a change listing teachers) goes, the event stays.
    const refs = new Map([...person.touched, ...person.mentioned].map((r) => [`${r.type}:${r.id}`, r] as const));
    for (const { type, id } of refs.values()) {
      const events = await Event.query.byEntity({ entityType: type, entityId: id }).go({ pages: "all" });
      for (const e of events.data) {
        const set = scrubbed(e, ["data", "actorName"], person);
        if (!set) continue;
        await Event.patch({ entityType: e.entityType, entityId: e.entityId, at: e.at, eventId: e.eventId })
          .set(set)
          .go();
        changed++;
      }
    }
    for (const e of await byEmail(person.emailKey.slice(0, 128))) {
      await Event.delete({ entityType: e.entityType, entityId: e.entityId, at: e.at, eventId: e.eventId }).go();
      changed++;
    }
    return changed;
  },
};
