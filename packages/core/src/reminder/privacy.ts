/**
 * Reminders' personal data (privacy/hooks.ts): the person's preferences (`reminderpref`, by user),
 * a suppression of their address (`suppression`, by address) and the digests sent to them
 * (`reminderdigest`, by Istanbul day and person; kept 180 days by TTL, so the last 180 days are
 * read). Erasure deletes all three. Not reached: the send ledger (`reminderledger`, keyed by
 * person, milestone, offset and day, with the address; no index by person), which TTL deletes
 * 400 days after the send.
 */
import type { Person, PersonalData } from "../privacy/hooks";
import { now } from "../util/clock";
import { istanbulDay, previousDay } from "../util/date";
import { normalizeEmail } from "../util/text";
import { entities } from "./entities";

/** Digests live 180 days (run.ts, `digestTtlSeconds`). */
const digestDays = 181;

function days(): string[] {
  const out = [istanbulDay(now())];
  while (out.length < digestDays) out.push(previousDay(out[out.length - 1] as string));
  return out;
}

async function digestsOf(person: Person) {
  const { Digest } = entities();
  const found = [];
  const all = days();
  for (let i = 0; i < all.length; i += 100) {
    const { data } = await Digest.get(all.slice(i, i + 100).map((day) => ({ day, personId: person.userId }))).go();
    found.push(...data);
  }
  return found;
}

export const reminderData: PersonalData = {
  domain: "reminder",
  async export(person) {
    const { Preference, Suppression } = entities();
    const pref = (await Preference.get({ userId: person.userId }).go()).data;
    const suppression = (await Suppression.get({ emailKey: normalizeEmail(person.email) }).go()).data;
    return {
      preferences: pref ? { muted: pref.muted, digest: pref.digest } : null,
      suppressed: suppression ? { reason: suppression.reason, at: suppression.at } : null,
      digests: (await digestsOf(person)).map((d) => ({ day: d.day, subject: d.subject, sentAt: d.sentAt ?? null })),
    };
  },
  async erase(person) {
    const { Preference, Suppression, Digest } = entities();
    let changed = 0;
    if ((await Preference.get({ userId: person.userId }).go()).data) {
      await Preference.delete({ userId: person.userId }).go();
      changed++;
    }
    const emailKey = normalizeEmail(person.email);
    if ((await Suppression.get({ emailKey }).go()).data) {
      await Suppression.delete({ emailKey }).go();
      changed++;
    }
    for (const d of await digestsOf(person)) {
      await Digest.delete({ day: d.day, personId: d.personId }).go();
      changed++;
    }
    return changed;
  },
};
