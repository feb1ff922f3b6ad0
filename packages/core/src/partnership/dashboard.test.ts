/**
 * Officer dashboards and the partnerships section of the yearly reports, from pairs seeded here:
 * four pairs of Balıkesir (10) and Trabzon (61) schools of cohorts 2023–2026, in different steps.
 * Expected figures follow the rules (term status by start year, chain steps, attainment), not
 * the output.
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { as, failure, type Person, person, system } from "../../../../test/helpers/people";
import { Job } from "../job";
import { jobTypes } from "../job/registry";
import { seedDemo } from "../org";
import { reportJob } from "../report";
import { runs } from "../report/entities";
import { reportJobTypes } from "../report/system";
import { bucket, s3 } from "../storage/system";
import { Dashboard, JointWork, Partnership, Plan, Report } from ".";

const year = "2026-2027";

const school = (id: string) => ({ type: "school" as const, id });

let ogm: Person;
let officer10: Person;
let officer61: Person;
const ids: Record<string, string> = {};

async function pair(name: string, a: string, b: string, startYear: string) {
  const coordA = await person(`${name} A`, [{ role: "teacher", scope: school(a) }]);
  const coordB = await person(`${name} B`, [{ role: "teacher", scope: school(b) }]);
  const created = await as(ogm, () =>
    Partnership.create({
      schools: [a, b],
      leadSchool: a,
      startYear,
      coordinators: { [a]: coordA.userId, [b]: coordB.userId },
    }),
  );
  ids[name] = created.id;
  return { id: created.id, coordA, coordB, a, b };
}

const item = (schools: string[], target: number) => ({
  topic: "academic_success" as const,
  activityType: "joint_exam" as const,
  title: "Ortak sınavlar",
  schools,
  from: "2026-10-01",
  to: "2027-05-31",
  indicators: [{ name: "Ortak sınav", unit: "adet", baseline: 0, target, owner: schools[0]! }],
});

beforeAll(async () => {
  await seedDemo();
  ogm = await person("OGM", [{ role: "ministry_officer", scope: { type: "national", id: "" } }]);
  officer10 = await person("Balıkesir İl", [{ role: "province_officer", scope: { type: "province", id: "10" } }]);
  officer61 = await person("Trabzon İl", [{ role: "province_officer", scope: { type: "province", id: "61" } }]);

  // P1 (cohort 2026, active): plan through the chain to OGM; 3 of 4 joint exams → 75 %; report compiled.
  const p1 = await pair("p1", "710204", "716101", "2026-2027");
  let plan = await as(p1.coordA, () => Plan.save({ id: p1.id, year, rev: 0, items: [item([p1.a, p1.b], 4)] }));
  for (const [who, action] of [
    [p1.coordA, "agree"],
    [p1.coordB, "agree"],
    [p1.coordA, "submit"],
    [officer10, "receive"],
    [officer61, "receive"],
    [officer61, "forward"],
  ] as const) {
    plan = await as(who, () => Plan.transition({ id: p1.id, year, rev: plan.rev, action }));
  }
  expect(plan.status).toBe("forwarded");
  await as(p1.coordB, () =>
    JointWork.recordActual({
      id: p1.id,
      year,
      indicatorId: plan.items[0]!.indicators[0]!.id,
      date: "2026-12-01",
      value: 3,
    }),
  );
  const job = await as(p1.coordA, () => Report.compile({ id: p1.id, year }));
  expect((await system(() => Job.system.execute(job.id, jobTypes))).status).toBe("succeeded");

  // P2 (cohort 2025, active): plan submitted by the I. grup school, nothing recorded → 0 %.
  const p2 = await pair("p2", "710104", "716102", "2025-2026");
  let plan2 = await as(p2.coordA, () => Plan.save({ id: p2.id, year, rev: 0, items: [item([p2.a], 2)] }));
  for (const [who, action] of [
    [p2.coordA, "agree"],
    [p2.coordB, "agree"],
    [p2.coordA, "submit"],
  ] as const) {
    plan2 = await as(who, () => Plan.transition({ id: p2.id, year, rev: plan2.rev, action }));
  }
  expect(plan2.status).toBe("submitted");

  // P3 (cohort 2024, active) and P4 (cohort 2023, its 4th year: ending): no plan yet.
  await pair("p3", "710301", "716201", "2024-2025");
  await pair("p4", "710401", "716301", "2023-2024");
});

describe("officer dashboard", () => {
  it("shows a province's pairs with status, plan and report steps and attainment", async () => {
    const page = await as(officer10, () => Dashboard.get({ year, province: "10", limit: 50 }));
    expect(page.items.map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
    const byId = Object.fromEntries(page.items.map((r) => [r.id, r]));
    expect(byId[ids.p1!]).toMatchObject({ status: "active", plan: "forwarded", report: "draft", attainment: 75 });
    expect(byId[ids.p2!]).toMatchObject({ status: "active", plan: "submitted", report: null, attainment: 0 });
    expect(byId[ids.p3!]).toMatchObject({ status: "active", plan: null, attainment: null });
    expect(byId[ids.p4!]).toMatchObject({ status: "ending", plan: null, attainment: null });
    expect(page.totals).toEqual({
      partnerships: 4,
      byStatus: { active: 3, ending: 1 },
      plans: { forwarded: 1, submitted: 1, none: 2 },
      reports: { draft: 1, none: 3 },
      plansSubmitted: 2,
      plansApproved: 1,
      reportsSubmitted: 0,
      reportsApproved: 0,
      attainmentSum: 75,
      attainmentCount: 2,
      attainment: 37.5,
    });
    expect(page.cursor).toBeNull();
  });

  it("pages add up to the whole province exactly", async () => {
    const first = await as(officer61, () => Dashboard.get({ year, province: "61", limit: 3 }));
    expect(first.items).toHaveLength(3);
    const second = await as(officer61, () =>
      Dashboard.get({ year, province: "61", limit: 3, cursor: first.cursor ?? undefined }),
    );
    expect(second.cursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
    expect(first.totals.partnerships + second.totals.partnerships).toBe(4);
    expect(first.totals.attainmentSum + second.totals.attainmentSum).toBe(75);
    expect(first.totals.attainmentCount + second.totals.attainmentCount).toBe(2);
  });

  it("gives OGM a cohort nationwide; a province officer is refused the nation and other provinces", async () => {
    const cohort = await as(ogm, () => Dashboard.get({ year, cohort: "2026", limit: 25 }));
    expect(cohort.items.map((r) => r.id)).toEqual([ids.p1]);
    expect(cohort.totals).toMatchObject({ partnerships: 1, plansApproved: 1, attainment: 75 });
    const filtered = await as(ogm, () => Dashboard.get({ year, province: "10", cohort: "2025", limit: 25 }));
    expect(filtered.items.map((r) => r.id)).toEqual([ids.p2]);
    expect((await failure(as(officer10, () => Dashboard.get({ year, cohort: "2026", limit: 25 })))).kind).toBe(
      "forbidden",
    );
    expect((await failure(as(officer61, () => Dashboard.get({ year, province: "10", limit: 25 })))).kind).toBe(
      "forbidden",
    );
    const teacher = await person("Öğretmen", [{ role: "teacher", scope: school("710204") }]);
    expect((await failure(as(teacher, () => Dashboard.get({ year, province: "10", limit: 25 })))).kind).toBe(
      "forbidden",
    );
    expect((await failure(as(ogm, () => Dashboard.get({ year, limit: 25 })))).message).toBe(
      "İl ya da başlangıç yılı seçilmeli.",
    );
  });
});

describe("partnerships section of the yearly reports", () => {
  async function reportOf(scope: { type: "province" | "district" | "school"; id: string }) {
    const jobId = await system(async () => {
      const { job } = await Job.start(reportJob, { params: { scope, year, pageSize: 500 }, enqueue: false });
      expect((await Job.system.execute(job.id, reportJobTypes)).status).toBe("succeeded");
      return job.id;
    });
    const { data } = await runs().get({ jobId }).go();
    const key = (data!.files as { format: string; key: string }[]).find((f) => f.format === "json")!.key;
    const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
    return JSON.parse(await out.Body!.transformToString("utf-8")).sections.partnerships;
  }

  it("counts plan and report steps and attainment per province and cohort", async () => {
    const section = await reportOf({ type: "province", id: "10" });
    expect(section.totals).toEqual({
      partnerships: 4,
      plansSent: 2,
      plansForwarded: 1,
      reportsSent: 0,
      attainment: 37.5,
    });
    expect(section.plans).toEqual({ forwarded: 1, submitted: 1, none: 2 });
    expect(section.reports).toEqual({ draft: 1, none: 3 });
    expect(Object.keys(section.byProvince)).toEqual(["10"]);
    expect(section.byCohort["2026"]).toMatchObject({ partnerships: 1, attainment: 75 });
    expect(section.byCohort["2025"]).toMatchObject({ partnerships: 1, plansSent: 1, attainment: 0 });
    expect(section.byCohort["2024"]).toMatchObject({ partnerships: 1, attainment: null });
  });

  it("a district's report keeps the pairs of its own schools", async () => {
    // Karesi: 710104 (P2) of the pairs; Altıeylül's 710204 (P1) is not Karesi's.
    const section = await reportOf({ type: "district", id: "10-karesi" });
    expect(section.totals.partnerships).toBe(1);
    expect(section.byCohort["2025"]).toMatchObject({ partnerships: 1, plansSent: 1 });
  });
});
