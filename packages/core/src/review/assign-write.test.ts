/**
 * Writing a round's assignment over several transactions (98 pairs each): a round of 60
 * activities × k = 3 needs 180 pairs; 10 are already there, so 170 new pairs go out in two
 * transactions. Whatever the batching, every activity ends with exactly k distinct reviewers, the
 * existing pairs stay, no one reviews an activity of their own school, each pair copies its
 * entry's facts, and running it again adds nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../actor";
import { createId } from "../util/id";
import { entities } from "./entities";
import { writeAssignment } from "./round";
import { roundOrFail } from "./store";
import { roundRecord } from "./test-data";

const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);

const k = 3;
const roundId = createId("round");
const schools = ["720001", "720002", "720003"];
const district = "dst_assignwrite";
const activities = Array.from({ length: 60 }, (_, i) => ({
  activityId: createId("activity"),
  school: schools[i % schools.length] as string,
  area: (["academic", "projects"] as const)[i % 2] as string,
  title: `Etkinlik ${i + 1}`,
}));
/** Eight members: the first two hold a role at the first school (conflicted with its activities). */
const members = Array.from({ length: 8 }, (_, i) => ({
  userId: createId("user"),
  name: `Kurul Üyesi ${i + 1}`,
  schools: i < 2 ? [schools[0] as string] : [],
}));
/** Already assigned before the run: activities 1–5 (second and third school) have two reviewers each. */
const existing = activities
  .filter((a) => a.school !== schools[0])
  .slice(0, 5)
  .flatMap((a) => [
    { activityId: a.activityId, reviewerId: (members[2] as (typeof members)[number]).userId },
    { activityId: a.activityId, reviewerId: (members[3] as (typeof members)[number]).userId },
  ]);

async function assignments() {
  const { data } = await entities().Assignment.query.byRound({ roundId }).go({ pages: "all" });
  return data;
}

beforeAll(async () => {
  const { Round, Entry, Member, Assignment } = entities();
  await Round.put(roundRecord({ roundId, level: "district", k })).go();
  for (const a of activities) {
    await Entry.put({
      roundId,
      activityId: a.activityId,
      schoolCode: a.school,
      schoolName: `Okul ${a.school}`,
      schoolLevel: "lise",
      districtId: district,
      provinceCode: "10",
      schoolYear: "2026-2027",
      area: a.area,
      title: a.title,
      people: [],
    }).go();
  }
  for (const m of members) await Member.put({ roundId, ...m, districts: [] }).go();
  for (const p of existing) {
    const a = activities.find((x) => x.activityId === p.activityId) as (typeof activities)[number];
    await Assignment.put({
      roundId,
      ...p,
      reviewerName: (members.find((m) => m.userId === p.reviewerId) as (typeof members)[number]).name,
      area: a.area,
      title: a.title,
      schoolCode: a.school,
      districtId: district,
      provinceCode: "10",
      version: 1,
    }).go();
  }
});

describe("writeAssignment over several transactions", () => {
  it("gives every activity exactly k distinct, conflict-free reviewers, keeps the existing pairs and adds nothing when run again", async () => {
    // Act
    const preview = await system(async () => writeAssignment(await roundOrFail(roundId), "t"));
    const written = await assignments();

    // Assess: 60 × 3 pairs in all, of which 10 existed; all 170 new ones written (two transactions).
    expect(preview.newPairs).toBe(activities.length * k - existing.length);
    expect(preview.short).toEqual([]);
    expect(written).toHaveLength(activities.length * k);
    for (const a of activities) {
      const reviewers = written.filter((w) => w.activityId === a.activityId).map((w) => w.reviewerId);
      expect(new Set(reviewers).size).toBe(k);
      // The two members of the first school never review its activities.
      if (a.school === schools[0]) expect(reviewers).not.toContain(members[0]?.userId);
      if (a.school === schools[0]) expect(reviewers).not.toContain(members[1]?.userId);
    }
    for (const p of existing) {
      expect(written.some((w) => w.activityId === p.activityId && w.reviewerId === p.reviewerId)).toBe(true);
    }
    for (const w of written) {
      const a = activities.find((x) => x.activityId === w.activityId) as (typeof activities)[number];
      const m = members.find((x) => x.userId === w.reviewerId) as (typeof members)[number];
      expect([w.title, w.area, w.schoolCode, w.districtId, w.reviewerName]).toEqual([
        a.title,
        a.area,
        a.school,
        district,
        m.name,
      ]);
    }
    expect((await roundOrFail(roundId)).assignedAt).toBeDefined();

    // Act again: nothing is missing, so nothing is added.
    const again = await system(async () => writeAssignment(await roundOrFail(roundId), "t"));
    expect(again.newPairs).toBe(0);
    expect(await assignments()).toHaveLength(activities.length * k);
  });
});
