/**
 * The policy's conditions and the capabilities derived from it, as pure functions (no table).
 * Expected values follow from the rows in policy.ts and the meanings written above them.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Actor, Grant } from "../actor";
import { useClock } from "../util/clock";
import { type Condition, can, capabilities, type Resource } from ".";
import { holds } from "./conditions";

const user = (grants: Grant[], userId = "usr_me"): Extract<Actor, { type: "user" }> => ({
  type: "user",
  userId,
  email: "me@test.tr",
  name: "Ben",
  grants,
});
const school = (id: string) => ({ type: "school" as const, id });
const district = (id: string) => ({ type: "district" as const, id });
const place = { province: "10", district: "10-karesi", school: "7701001" };

let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe("conditions", () => {
  const grant: Grant = { role: "province_board", scope: { type: "province", id: "10" } };
  const check = (where: Condition[], resource: Resource, actor = user([grant])) => holds(where, grant, actor, resource);

  it("notOwn refuses the creator and a record whose creator is unknown", () => {
    expect(check(["scope", "notOwn"], { place, ownerId: "usr_other" })).toBe(true);
    expect(check(["scope", "notOwn"], { place, ownerId: "usr_me" })).toEqual({ reachable: true, failed: "notOwn" });
    expect(check(["scope", "notOwn"], { place })).toEqual({ reachable: true, failed: "notOwn" });
  });

  it("notOwnDistrict refuses a person with a role at a school of the district, or whose school's district is unknown", () => {
    const teacherElsewhere = user([grant, { role: "teacher", scope: school("7709999") }]);
    const where: Condition[] = ["scope", "notOwnDistrict"];
    const elsewhere = { "7709999": { province: "10", district: "10-altieylul", school: "7709999" } };
    const inside = { "7709999": { province: "10", district: "10-karesi", school: "7709999" } };

    expect(check(where, { place, actorSchools: elsewhere }, teacherElsewhere)).toBe(true);
    expect(check(where, { place, actorSchools: inside }, teacherElsewhere)).toMatchObject({ failed: "notOwnDistrict" });
    expect(check(where, { place }, teacherElsewhere)).toMatchObject({ failed: "notOwnDistrict" });
    expect(
      check(where, { place }, user([grant, { role: "district_board", scope: district("10-karesi") }])),
    ).toMatchObject({ failed: "notOwnDistrict" });
  });

  it("assigned holds only for the record's assignees; windowOpen only inside the Istanbul dates", () => {
    // 2026-12-31 22:30 UTC is already 1 January in Istanbul (UTC+3).
    restore = useClock({ now: () => new Date("2026-12-31T22:30:00Z") });
    expect(check(["scope", "assigned"], { place, assignees: ["usr_me"] })).toBe(true);
    expect(check(["scope", "assigned"], { place, assignees: ["usr_x"] })).toMatchObject({ failed: "assigned" });
    expect(check(["windowOpen"], { place, window: { from: "2027-01-01", to: "2027-01-31" } })).toBe(true);
    expect(check(["windowOpen"], { place, window: { from: "2026-12-01", to: "2026-12-31" } })).toMatchObject({
      failed: "windowOpen",
    });
    expect(check(["windowOpen"], { place })).toMatchObject({ failed: "windowOpen" });
  });

  it("a grant outside the place does not reach it, whatever the relations", () => {
    expect(check(["scope", "notOwn"], { place: { ...place, province: "61" }, ownerId: "usr_other" })).toEqual({
      reachable: false,
    });
  });
});

describe("decisions on activities", () => {
  const activity = (ownerId: string): Resource => ({ place, ownerId, schoolYear: "2026-2027" });

  it("at the school, anyone of the commission or the principal but the creator decides", () => {
    const principal = user([{ role: "principal", scope: school("7701001") }]);
    expect(can("activity.review.school", activity("usr_me"), principal)).toBe(false);
    expect(can("activity.review.school", activity("usr_other"), principal)).toBe(true);
  });

  it("at the district, a board member who holds any role at the school does not decide", () => {
    const board = user([{ role: "district_board", scope: district("10-karesi") }]);
    const boardAndTeacher = user([...board.grants, { role: "teacher", scope: school("7701001") }]);
    expect(can("activity.review.district", activity("usr_other"), board)).toBe(true);
    expect(can("activity.review.district", activity("usr_other"), boardAndTeacher)).toBe(false);
  });
});

describe("capabilities", () => {
  it("lists per scope what the table allows, the roles one may grant there, pages and queues", () => {
    // Prepare
    const person = user([
      { role: "principal", scope: school("7701001") },
      { role: "district_board", scope: district("10-karesi") },
    ]);

    // Act
    const caps = capabilities(person);

    // Assess
    const [atSchool, atDistrict] = caps.scopes;
    expect(atSchool?.scope).toEqual(school("7701001"));
    expect(atSchool?.actions).toEqual(expect.arrayContaining(["activity.review.school", "user.invite", "role.grant"]));
    expect(atSchool?.actions).not.toContain("org.write");
    // A principal ranks at school level: they give school roles only.
    expect(atSchool?.grantable).toEqual({ school: ["principal", "school_commission", "teacher"] });
    expect(atDistrict?.actions).toEqual([
      "activity.read",
      "activity.review.district",
      "evidence.read",
      // --- review --- (scoring what the board member is assigned, while the round is open)
      "review.score",
      "review.assigned",
      // --- reports ---
      "report.read",
    ]);
    expect(atDistrict?.grantable).toEqual({});
    // A principal follows the jobs of their school (staff imports): `job.read`.
    // --- partnership, review --- the school's pairs; the board member's review queue, the principal's school results
    expect(caps.pages).toEqual([
      "activities",
      "users",
      "audit",
      "jobs",
      "reports",
      "partnerships",
      "reviews",
      "reviewResults",
    ]);
    expect(caps.queues).toEqual([school("7701001"), district("10-karesi")]);
    expect(caps.administers).toEqual([school("7701001")]);
  });

  // --- partnership ---
  it("offers the partnership pages where a member-school or member-province row can hold", () => {
    // Prepare
    const teacher = user([{ role: "teacher", scope: school("7701001") }]);
    const officer = user([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
    const districtOfficer = user([{ role: "district_officer", scope: district("10-karesi") }]);

    // Act
    const [t, o, d] = [teacher, officer, districtOfficer].map(capabilities);

    // Assess: the teacher reads (and, where named coordinator, edits) their school's pairs;
    // the province officer reads, receives and moderates; a district officer has no row.
    expect(t?.scopes[0]?.actions).toEqual(expect.arrayContaining(["partnership.read", "partnership.plan.edit"]));
    expect(t?.pages).toContain("partnerships");
    expect(t?.pages).not.toContain("partnershipModeration");
    expect(o?.pages).toEqual(expect.arrayContaining(["partnerships", "partnershipModeration"]));
    expect(d?.pages).not.toContain("partnerships");
  });

  it("gives nothing to the anonymous and to partnership roles the table does not name yet", () => {
    expect(capabilities({ type: "public" })).toEqual({ scopes: [], pages: [], queues: [], administers: [] });
    const coordinator = capabilities(
      user([{ role: "partnership_coordinator", scope: { type: "partnership", id: "p1" } }]),
    );
    expect(coordinator.pages).toEqual([]);
    expect(coordinator.scopes[0]?.actions).toEqual([]);
  });
});
