/**
 * Activities' personal data (privacy/hooks.ts): the owner's name on activities they created
 * (`byOwner` index), their name where they are listed as a participating teacher, and their name
 * on the history of every activity they acted on (found through the audit trail). The activities
 * stay: what a school did is not the person's data.
 */
import type { Person, PersonalData } from "../privacy/hooks";
import { ERASED_NAME } from "../privacy/hooks";
import { now } from "../util/clock";
import { schoolYearOf } from "../util/date";
import { entities } from "./entities";

type Teacher = { userId?: string; name?: string };

/** School years from the platform's first (2020-2021) to the next one: a role without a year spans them all. */
function yearsSoFar(): string[] {
  const last = Number(schoolYearOf(now()).slice(0, 4)) + 1;
  return Array.from({ length: last - 2019 }, (_, i) => `${2020 + i}-${2021 + i}`);
}

/**
 * Activities naming the person: owned (`byOwner`), acted on (audit trail), and a colleague's
 * activities listing them as a participating teacher — those are at a school where the person
 * holds a role, in that role's year (`bySchool`, one Query per school-year, filtered by teacher).
 */
async function activitiesOf(person: Person) {
  const { Activity } = entities();
  const owned = (await Activity.query.byOwner({ ownerId: person.userId }).go({ pages: "all" })).data;
  const listed: string[] = [];
  const schoolYears = new Set(
    person.roles
      .filter((r) => r.scopeType === "school")
      .flatMap((r) =>
        (/^\d{4}-\d{4}$/.test(r.schoolYear) ? [r.schoolYear] : yearsSoFar()).map((y) => `${r.scopeId}|${y}`),
      ),
  );
  for (const schoolYear of schoolYears) {
    const [schoolCode = "", year = ""] = schoolYear.split("|");
    const rows = await Activity.query
      .bySchool({ schoolCode, schoolYear: year })
      .go({ pages: "all", attributes: ["activityId", "teachers"] });
    for (const a of rows.data)
      if (((a.teachers as Teacher[] | undefined) ?? []).some((t) => t.userId === person.userId))
        listed.push(a.activityId);
  }
  const ids = new Set([
    ...owned.map((a) => a.activityId),
    ...listed,
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
      person.mentioned.push({ type: "activity", id: a.activityId });
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
