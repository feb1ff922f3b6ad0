/**
 * Activities' personal data (privacy/hooks.ts): the owner's name on activities they created
 * (`byOwner` index), their name where they are listed as a participating teacher, and their name
 * on the history of every activity they acted on (found through the audit trail). The activities
 * stay: what a school did is not the person's data.
 */
import type { PersonalData } from "../privacy/hooks";
import { ERASED_NAME } from "../privacy/hooks";
import { entities } from "./entities";

type Teacher = { userId?: string; name?: string };

async function activitiesOf(person: { userId: string; touched: { type: string; id: string }[] }) {
  const { Activity } = entities();
  const owned = (await Activity.query.byOwner({ ownerId: person.userId }).go({ pages: "all" })).data;
  const ids = new Set([
    ...owned.map((a) => a.activityId),
    ...person.touched.filter((t) => t.type === "activity").map((t) => t.id),
  ]);
  const rows = [];
  for (const activityId of ids) {
    const row = (await Activity.get({ activityId }).go()).data;
    if (row) rows.push(row);
  }
  return rows;
}

export const activityData: PersonalData = {
  domain: "activity",
  async export(person) {
    const rows = await activitiesOf(person);
    return rows
      .filter(
        (a) =>
          a.ownerId === person.userId ||
          ((a.teachers as Teacher[] | undefined) ?? []).some((t) => t.userId === person.userId),
      )
      .map((a) => ({
        id: a.activityId,
        title: a.title,
        schoolYear: a.schoolYear,
        school: a.schoolCode,
        owner: a.ownerId === person.userId,
      }));
  },
  async erase(person) {
    const { Activity, History } = entities();
    let changed = 0;
    for (const a of await activitiesOf(person)) {
      const teachers = (a.teachers as Teacher[] | undefined) ?? [];
      const listed = teachers.some((t) => t.userId === person.userId && t.name !== ERASED_NAME);
      const owner = a.ownerId === person.userId && a.ownerName !== ERASED_NAME;
      if (owner || listed) {
        await Activity.patch({ activityId: a.activityId })
          .set({
            ...(owner ? { ownerName: ERASED_NAME } : {}),
            ...(listed
              ? { teachers: teachers.map((t) => (t.userId === person.userId ? { ...t, name: ERASED_NAME } : t)) }
              : {}),
          })
          .go();
        changed++;
      }
      const history = (await History.query.byActivity({ activityId: a.activityId }).go({ pages: "all" })).data;
      for (const h of history) {
        if (h.actorId !== person.userId || h.actorName === ERASED_NAME) continue;
        await History.patch({ activityId: h.activityId, seq: h.seq }).set({ actorName: ERASED_NAME }).go();
        changed++;
      }
    }
    return changed;
  },
};
