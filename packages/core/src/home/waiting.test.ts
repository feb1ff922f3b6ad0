import { beforeAll, describe, expect, it } from "vitest";
import { Activity } from "../activity";
import { type Grant, withActor } from "../actor";
import { District, School } from "../org";
import { createId } from "../util/id";
import { Home } from ".";

// A province and district no other test writes to, so the queue counts are this file's alone.
const year = "2026-2027";
const province = "79";
const schoolA = "7909001";
const schoolB = "7909002";
let district = "";

type Person = { userId: string; name: string; grants: Grant[] };
const person = (name: string, grants: Grant[]): Person => ({ userId: createId("user"), name, grants });
const teacherA = person("Ayşe Öğretmen", [{ role: "teacher", scope: { type: "school", id: schoolA } }]);
const teacherB = person("Bora Öğretmen", [{ role: "teacher", scope: { type: "school", id: schoolB } }]);
const commissionA = person("Komisyon Üyesi", [{ role: "school_commission", scope: { type: "school", id: schoolA } }]);
let board: Person;
const officer = person("İl Şube", [{ role: "province_officer", scope: { type: "province", id: province } }]);

const as = <T>(who: Person, run: () => Promise<T>) =>
  withActor({ actor: { type: "user", email: `${who.userId}@test.tr`, ...who }, requestId: "t" }, run);

const body = (school: string, title: string): Activity.CreateInput => ({
  school,
  year,
  area: "projects",
  category: "tubitak",
  title,
  startDate: "2026-10-01",
  reach: "school",
  students: [],
});

/** Moves a fresh draft of `owner` along `steps`, each taken by its person. */
async function make(owner: Person, school: string, steps: [Person, Activity.TransitionAction][]) {
  let record = await as(owner, () => Activity.create(body(school, `Etkinlik ${createId("activity").slice(-8)}`)));
  for (const [who, action] of steps) {
    record = await as(who, () =>
      Activity.transition({ id: record.id, action, ...(action === "return" ? { reason: "Eksik belge." } : {}) }),
    );
  }
  return record;
}

const counts = (waiting: Home.Waiting) => Object.fromEntries(waiting.items.map((i) => [i.kind, i.count]));

describe("what waits for a person", () => {
  beforeAll(async () => {
    await withActor({ actor: { type: "system", reason: "test fixtures" }, requestId: "fixtures" }, async () => {
      district = (await District.create({ province, name: "Bekleyen" })).id;
      for (const code of [schoolA, schoolB]) {
        await School.create({
          code,
          name: `Bekleyen Ortaokulu ${code}`,
          level: "ortaokul",
          type: "ortaokul",
          districtId: district,
          email: `${code}@meb.k12.tr`,
        });
      }
    });
    board = person("İlçe Kurulu", [{ role: "district_board", scope: { type: "district", id: district } }]);
    // Prepare: in school A two drafts, one returned, two submitted (one by the commission member
    // itself), one approved, one at the district; in school B one at the district.
    await make(teacherA, schoolA, []);
    await make(teacherA, schoolA, []);
    await make(teacherA, schoolA, [
      [teacherA, "submit"],
      [commissionA, "return"],
    ]);
    await make(teacherA, schoolA, [[teacherA, "submit"]]);
    await make(commissionA, schoolA, [[commissionA, "submit"]]);
    await make(teacherA, schoolA, [
      [teacherA, "submit"],
      [commissionA, "approve"],
    ]);
    await make(teacherA, schoolA, [
      [teacherA, "submit"],
      [commissionA, "approve"],
      [commissionA, "forward_to_district"],
    ]);
    const commissionB = person("Komisyon B", [{ role: "school_commission", scope: { type: "school", id: schoolB } }]);
    await make(teacherB, schoolB, [
      [teacherB, "submit"],
      [commissionB, "approve"],
      [commissionB, "forward_to_district"],
    ]);
  }, 60_000);

  it("counts a teacher's own drafts and returned records, and those without verified evidence", async () => {
    // Act
    const waiting = await as(teacherA, () => Home.waiting({ year }));

    // Assess: 2 drafts + 1 returned; none has a file yet, so all three lack evidence
    expect(waiting.year).toBe(year);
    expect(counts(waiting)).toEqual({ draft: 2, returned: 1, evidence: 3 });
    expect(waiting.items.find((i) => i.kind === "evidence")?.records).toHaveLength(3);
  });

  it("counts for a commission member only the records it may decide on (not its own submission)", async () => {
    // Act
    const waiting = await as(commissionA, () => Home.waiting({ year }));

    // Assess: two submitted, one of them its own → 1 to review; 1 approved to forward
    expect(counts(waiting)).toEqual({ review: 1, forward: 1 });
    expect(waiting.items.find((i) => i.kind === "review")?.scope).toEqual({ type: "school", id: schoolA });
  });

  it("counts a district board's queue and shows a province officer what has reached its level", async () => {
    // Act
    const forBoard = await as(board, () => Home.waiting({ year }));
    const forOfficer = await as(officer, () => Home.waiting({ year }));

    // Assess: two records at the district (one per school); nothing forwarded to the province yet
    expect(counts(forBoard)).toEqual({ district: 2 });
    expect(forOfficer.items).toEqual([]);
  });

  it("refuses the anonymous", async () => {
    await expect(withActor({ actor: { type: "public" }, requestId: "t" }, () => Home.waiting({}))).rejects.toThrow(
      "Lütfen oturum açın.",
    );
  });
});
