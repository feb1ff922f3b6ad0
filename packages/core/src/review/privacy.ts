/**
 * Reviews' personal data (privacy/hooks.ts): the reviewer's name on their assignments (with their
 * scores and comments; `byReviewer` index), on the panels they sit on (with the conflicts they
 * declared) and any mention of them in a round's entries (the activity's people, reconciliation
 * notes). Rounds are found through their assignments, the audit trail (rounds they acted on) and
 * the rounds of the provinces where they hold roles. Erasure keeps every score, comment and
 * decision (others' results rest on them) and removes only the name.
 */
import { placeOf } from "../identity/scope";
import { ERASED_NAME, type Person, type PersonalData, scrubbed } from "../privacy/hooks";
import { entities } from "./entities";

async function assignmentsOf(person: Person) {
  return (await entities().Assignment.query.byReviewer({ reviewerId: person.userId }).go({ pages: "all" })).data;
}

/** Provinces of the person's role scopes (a school's through its place). */
async function provincesOf(person: Person): Promise<{ province: string; year: string }[]> {
  const out = new Map<string, { province: string; year: string }>();
  for (const r of person.roles) {
    if (!/^\d{4}-\d{4}$/.test(r.schoolYear) && r.schoolYear !== "*") continue;
    const scope = { type: r.scopeType, id: r.scopeId === "-" ? "" : r.scopeId } as Parameters<typeof placeOf>[0];
    const province = r.scopeType === "partnership" ? undefined : (await placeOf(scope))?.province;
    if (province && r.schoolYear !== "*") out.set(`${province}|${r.schoolYear}`, { province, year: r.schoolYear });
  }
  return [...out.values()];
}

async function roundsOf(person: Person, assignments: { roundId: string }[]): Promise<string[]> {
  const ids = new Set([
    ...assignments.map((a) => a.roundId),
    ...person.touched.filter((t) => t.type === "round").map((t) => t.id),
  ]);
  for (const { province, year } of await provincesOf(person)) {
    const rounds = await entities()
      .Round.query.byYear({ provinceCode: province, schoolYear: year })
      .go({ pages: "all", attributes: ["roundId"] });
    for (const r of rounds.data) ids.add(r.roundId);
  }
  return [...ids];
}

export const reviewData: PersonalData = {
  domain: "review",
  async export(person) {
    const assignments = await assignmentsOf(person);
    const panels = [];
    for (const roundId of await roundsOf(person, assignments)) {
      const member = (await entities().Member.get({ roundId, userId: person.userId }).go()).data;
      if (member)
        panels.push({
          roundId,
          conflictSchools: member.conflictSchools ?? [],
          conflictPeople: member.conflictPeople ?? [],
        });
    }
    return {
      assignments: assignments.map((a) => ({
        roundId: a.roundId,
        activityId: a.activityId,
        title: a.title,
        scores: (a.scores ?? null) as never,
        comment: a.comment ?? null,
        total: a.total ?? null,
        submittedAt: a.submittedAt ?? null,
      })),
      panels,
    };
  },
  async erase(person) {
    const { Assignment, Member, Entry } = entities();
    const assignments = await assignmentsOf(person);
    let changed = 0;
    for (const a of assignments) {
      if (a.reviewerName === ERASED_NAME) continue;
      await Assignment.patch({ roundId: a.roundId, activityId: a.activityId, reviewerId: a.reviewerId })
        .set({ reviewerName: ERASED_NAME })
        .go();
      changed++;
    }
    for (const roundId of await roundsOf(person, assignments)) {
      const member = (await Member.get({ roundId, userId: person.userId }).go()).data;
      if (member && member.name !== ERASED_NAME) {
        await Member.patch({ roundId, userId: person.userId }).set({ name: ERASED_NAME }).go();
        changed++;
      }
      const entries = await Entry.query.byRound({ roundId }).go({ pages: "all" });
      for (const e of entries.data) {
        const set = scrubbed(e, ["people", "reconciliation", "title"], person);
        if (!set) continue;
        await Entry.patch({ roundId, activityId: e.activityId }).set(set).go();
        changed++;
      }
    }
    return changed;
  },
};
