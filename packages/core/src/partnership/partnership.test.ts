import { beforeAll, describe, expect, it } from "vitest";
import { as, failure, type Person, person, system } from "../../../../test/helpers/people";
import { Job } from "../job";
import { jobTypes } from "../job/registry";
import { seedDemo } from "../org";
import { JointWork, Partnership, Plan, Report, Showcase } from ".";
import { percentOf } from "./attainment";
import { remindersView, yearSummary } from "./system";

const year = "2026-2027";
// Demo schools: fen lisesi of Balıkesir (10) and of Trabzon (61); Anadolu / sosyal bilimler of both.
const fenBalikesir = "710204";
const fenTrabzon = "716101";
const anadoluBalikesir = "710104";
const sosyalTrabzon = "716102";
const meslekBalikesir = "710106";

const school = (id: string) => ({ type: "school" as const, id });

let ogm: Person;
let coordA: Person; // Balıkesir Fen (I. grup)
let coordB: Person; // Trabzon Fen
let teacherA: Person;
let thirdTeacher: Person; // Karesi Anadolu: not a member
let officer10: Person;
let officer61: Person;
let officer35: Person;

beforeAll(async () => {
  await seedDemo();
  ogm = await person("OGM Görevlisi", [{ role: "ministry_officer", scope: { type: "national", id: "" } }]);
  coordA = await person("Ayşe Koordinatör", [{ role: "teacher", scope: school(fenBalikesir) }]);
  coordB = await person("Burak Koordinatör", [{ role: "teacher", scope: school(fenTrabzon) }]);
  teacherA = await person("Deniz Öğretmen", [{ role: "teacher", scope: school(fenBalikesir) }]);
  thirdTeacher = await person("Üçüncü Öğretmen", [{ role: "teacher", scope: school(anadoluBalikesir) }]);
  officer10 = await person("Balıkesir İl", [{ role: "province_officer", scope: { type: "province", id: "10" } }]);
  officer61 = await person("Trabzon İl", [{ role: "province_officer", scope: { type: "province", id: "61" } }]);
  officer35 = await person("İzmir İl", [{ role: "province_officer", scope: { type: "province", id: "35" } }]);
});

const pairInput = (schools: [string, string], coordinators: Record<string, string>) => ({
  schools,
  leadSchool: schools[0],
  startYear: year,
  coordinators,
  zumres: [{ subject: "Matematik", head: { name: "Ayşe Koordinatör", school: schools[0] } }],
});

const items = () => [
  {
    topic: "academic_success" as const,
    activityType: "joint_exam" as const,
    title: "Ortak deneme sınavları",
    schools: [fenBalikesir, fenTrabzon],
    people: [{ name: "Ayşe Koordinatör", school: fenBalikesir }],
    zumre: "Matematik",
    from: "2026-10-01",
    to: "2027-05-31",
    indicators: [
      { name: "Yapılan ortak sınav", unit: "adet", baseline: 0, target: 4, owner: fenBalikesir },
      {
        name: "Matematik net ortalaması",
        unit: "net",
        baseline: 10,
        target: 20,
        aggregate: "latest" as const,
        owner: fenTrabzon,
      },
    ],
  },
  {
    topic: "teacher_training" as const,
    activityType: "conference" as const,
    title: "Öğretmenlere ortak seminer",
    schools: [fenTrabzon],
    from: "2026-11-01",
    to: "2027-01-31",
    indicators: [{ name: "Seminer", unit: "adet", baseline: 0, target: 2, owner: fenTrabzon }],
  },
];

describe("partnership creation", () => {
  it("refuses two schools of one province and a school that is not an Anadolu/fen/sosyal bilimler lisesi, in Turkish", async () => {
    const same = await failure(
      as(ogm, () =>
        Partnership.create(
          pairInput([fenBalikesir, anadoluBalikesir], {
            [fenBalikesir]: coordA.userId,
            [anadoluBalikesir]: thirdTeacher.userId,
          }),
        ),
      ),
    );
    const meslek = await failure(
      as(ogm, () =>
        Partnership.create(
          pairInput([meslekBalikesir, fenTrabzon], {
            [meslekBalikesir]: coordA.userId,
            [fenTrabzon]: coordB.userId,
          }),
        ),
      ),
    );
    expect([same.kind, same.code]).toEqual(["input", "same_province"]);
    expect(same.message).toContain("farklı illerden");
    expect([meslek.kind, meslek.code]).toEqual(["input", "school_not_eligible"]);
    expect(meslek.message).toContain("Anadolu lisesi, fen lisesi ya da sosyal bilimler lisesi");
  });

  it("is for Ministry officers only", async () => {
    const error = await failure(
      as(officer10, () =>
        Partnership.create(
          pairInput([fenBalikesir, fenTrabzon], {
            [fenBalikesir]: coordA.userId,
            [fenTrabzon]: coordB.userId,
          }),
        ),
      ),
    );
    expect(error.kind).toBe("forbidden");
  });
});

describe("the Done-when flow", () => {
  let id: string;

  it("pairs, plans, works, attains, reports up to OGM and amends into version 2", async () => {
    // Prepare: the pair.
    const created = await as(ogm, () =>
      Partnership.create(
        pairInput([fenBalikesir, fenTrabzon], {
          [fenBalikesir]: coordA.userId,
          [fenTrabzon]: coordB.userId,
        }),
      ),
    );
    id = created.id;
    expect(created.schools.map((s) => s.code)).toEqual([fenBalikesir, fenTrabzon]);
    expect(created.status).toBe(Partnership.Info.shape.status.parse(created.status));

    // A second active partnership of a member school is a conflict.
    const again = await failure(
      as(ogm, () =>
        Partnership.create(
          pairInput([fenBalikesir, sosyalTrabzon], {
            [fenBalikesir]: coordA.userId,
            [sosyalTrabzon]: coordB.userId,
          }),
        ),
      ),
    );
    expect(again.kind).toBe("input"); // coordB does not work at the Trabzon Sosyal Bilimler Lisesi
    const sosyalCoord = await person("Sosyal Koordinatör", [{ role: "teacher", scope: school(sosyalTrabzon) }]);
    const busy = await failure(
      as(ogm, () =>
        Partnership.create(
          pairInput([fenBalikesir, sosyalTrabzon], {
            [fenBalikesir]: coordA.userId,
            [sosyalTrabzon]: sosyalCoord.userId,
          }),
        ),
      ),
    );
    expect([busy.kind, busy.code]).toEqual(["conflict", "school_has_partnership"]);

    // The plan: written, agreed by both, submitted by the I. grup coordinator.
    let plan = await as(coordA, () => Plan.save({ id, year, rev: 0, items: items() }));
    expect([plan.version, plan.status]).toEqual([1, "draft"]);
    const notLead = await failure(
      as(coordB, () => Plan.transition({ id, year, rev: plan.rev, action: "agree" })).then(() =>
        as(coordB, () => Plan.transition({ id, year, rev: plan.rev + 1, action: "submit" })),
      ),
    );
    expect(notLead.kind).toBe("forbidden");
    plan = await as(coordA, () => Plan.get({ id, year }));
    expect(plan.status).toBe("draft"); // one coordinator agreed
    plan = await as(coordA, () => Plan.transition({ id, year, rev: plan.rev, action: "agree" }));
    expect(plan.status).toBe("agreed");
    plan = await as(coordA, () => Plan.transition({ id, year, rev: plan.rev, action: "submit" }));
    expect(plan.status).toBe("submitted");
    const locked = await failure(as(coordA, () => Plan.save({ id, year, rev: plan.rev, items: items() })));
    expect(locked.code).toBe("plan_locked");
    plan = await as(officer10, () => Plan.transition({ id, year, rev: plan.rev, action: "receive" }));
    expect(plan.status).toBe("submitted"); // the other province has not received it yet
    plan = await as(officer61, () => Plan.transition({ id, year, rev: plan.rev, action: "receive" }));
    expect(plan.status).toBe("received");
    plan = await as(officer61, () => Plan.transition({ id, year, rev: plan.rev, action: "forward" }));
    expect(plan.status).toBe("forwarded");

    // Joint activities and actuals: attainment is computed live.
    const [exams, net] = plan.items[0]!.indicators;
    const seminar = plan.items[1]!.indicators[0]!;
    const work = await as(teacherA, () =>
      JointWork.createWork({
        id,
        year,
        itemId: plan.items[0]!.id,
        title: "1. ortak deneme",
        date: "2026-11-20",
        schools: [fenBalikesir, fenTrabzon],
      }),
    );
    expect(work.itemId).toBe(plan.items[0]!.id);
    for (const [indicatorId, date, value] of [
      [exams!.id, "2026-11-20", 1],
      [exams!.id, "2027-01-15", 2],
      [net!.id, "2026-11-20", 12],
      [net!.id, "2027-01-15", 15],
      [seminar.id, "2026-12-10", 2],
    ] as const) {
      await as(coordB, () => JointWork.recordActual({ id, year, indicatorId, date, value, workId: work.id }));
    }
    const withAtt = await as(coordA, () => Plan.get({ id, year }));
    // exams: 3 of 4 = 75 %; net: newest 15 on the way 10 → 20 = 50 %; item 1 = 62.5; seminar 2/2 = 100.
    expect(withAtt.attainment!.items[0]!.indicators.map((i) => i.percent)).toEqual([75, 50]);
    expect(withAtt.attainment!.items.map((i) => i.percent)).toEqual([62.5, 100]);
    expect(withAtt.attainment!.percent).toBe(81.3);

    // The report: compiled by the job, narrative, approved by both, up to OGM.
    const job = await as(coordA, () => Report.compile({ id, year }));
    expect(job.type).toBe("partnership-report");
    expect((await system(() => Job.system.execute(job.id, jobTypes))).status).toBe("succeeded");
    let report = await as(coordB, () => Report.get({ id, year }));
    expect(report.status).toBe("draft");
    expect(report.compiled.attainment.percent).toBe(81.3);
    expect(report.compiled.activities).toBe(1);
    report = await as(coordA, () =>
      Report.editNarrative({
        id,
        year,
        rev: report.rev,
        narrative: { summary: "Verimli bir yıl.", findings: "Net hedefi tutmadı." },
      }),
    );
    report = await as(coordA, () => Report.transition({ id, year, rev: report.rev, action: "agree" }));
    report = await as(coordB, () => Report.transition({ id, year, rev: report.rev, action: "agree" }));
    expect(report.status).toBe("agreed");
    report = await as(coordA, () => Report.transition({ id, year, rev: report.rev, action: "submit" }));
    report = await as(officer10, () => Report.transition({ id, year, rev: report.rev, action: "receive" }));
    report = await as(officer61, () => Report.transition({ id, year, rev: report.rev, action: "receive" }));
    report = await as(officer10, () => Report.transition({ id, year, rev: report.rev, action: "forward" }));
    expect(report.status).toBe("forwarded");
    const stored = await as(ogm, () => Report.get({ id, year }));
    expect([stored.status, stored.narrative.summary]).toEqual(["forwarded", "Verimli bir yıl."]);

    // An amendment after submission: version 2 (a draft copy), version 1 kept as forwarded.
    const amended = await as(coordA, () =>
      Plan.transition({ id, year, rev: plan.rev, action: "amend", reason: "Yeni seminer" }),
    );
    expect([amended.version, amended.status, amended.versions]).toEqual([2, "draft", 2]);
    const v1 = await as(ogm, () => Plan.get({ id, year, version: 1 }));
    expect([v1.version, v1.status, v1.items]).toEqual([1, "forwarded", plan.items]);
    const history = await as(coordA, () => Plan.history({ id, year }));
    expect(history.filter((h) => h.kind === "plan").map((h) => h.action)).toEqual([
      "create",
      "agree",
      "agree",
      "submit",
      "receive",
      "receive",
      "forward",
      "amend",
    ]);
  });

  it("hides the workspace from a teacher of a third school and from another province (404)", async () => {
    for (const who of [thirdTeacher, officer35]) {
      const error = await failure(as(who, () => Partnership.get(id)));
      expect(error.kind).toBe("not_found");
      const planError = await failure(as(who, () => Plan.get({ id, year })));
      expect(planError.kind).toBe("not_found");
    }
  });

  it("lists the pair per school, per province (either member) and by cohort", async () => {
    const bySchool = await as(teacherA, () => Partnership.listBySchool({ school: fenBalikesir }));
    const byProvince61 = await as(officer61, () => Partnership.listByProvince({ province: "61" }));
    const byCohort = await as(ogm, () => Partnership.listByCohort({ cohort: "2026" }));
    expect(bySchool.items.map((p) => p.id)).toContain(id);
    expect(byProvince61.items.map((p) => p.id)).toContain(id);
    expect(byCohort.items.map((p) => p.id)).toContain(id);
    const refused = await failure(as(officer35, () => Partnership.listByProvince({ province: "61" })));
    expect(refused.kind).toBe("forbidden");
  });

  it("gives the reminders and reports helpers their views", async () => {
    const rows = [];
    for await (const row of remindersView({ schoolYear: year })) rows.push(row);
    const mine = rows.find((r) => r.partnershipId === id);
    expect(mine).toEqual({
      partnershipId: id,
      schools: [
        { code: fenBalikesir, province: "10", district: "10-altieylul" },
        { code: fenTrabzon, province: "61", district: "61-ortahisar" },
      ],
      coordinatorUserIds: [coordA.userId, coordB.userId],
      coordinators: [
        { school: fenBalikesir, userId: coordA.userId },
        { school: fenTrabzon, userId: coordB.userId },
      ],
      leadSchool: fenBalikesir,
      plan: "draft", // version 2, the amendment
      report: "forwarded",
    });
    const summary = await yearSummary({ scope: { type: "province", id: "61" }, schoolYear: year });
    const row = summary.partnerships.find((p) => p.partnershipId === id);
    expect(row).toMatchObject({ plan: "draft", planVersion: 2, report: "forwarded", attainment: 81.3 });
    expect(summary.totals.partnerships).toBe(summary.partnerships.length);
  });
});

describe("content rule and public showcase", () => {
  it("publishes a joint activity only after coordinator confirmation and approval by the posting province", async () => {
    // Prepare: a pair and a draft plan, a joint activity posted by a Balıkesir teacher.
    const cA = await person("Koordinatör Sosyal", [{ role: "teacher", scope: school(anadoluBalikesir) }]);
    const cB = await person("Koordinatör Trabzon", [{ role: "teacher", scope: school(sosyalTrabzon) }]);
    const pair = await as(ogm, () =>
      Partnership.create(
        pairInput([anadoluBalikesir, sosyalTrabzon], { [anadoluBalikesir]: cA.userId, [sosyalTrabzon]: cB.userId }),
      ),
    );
    const id = pair.id;
    const hidden = await as(cA, () =>
      JointWork.createWork({
        id,
        year,
        title: "Ortak kitap söyleşisi",
        date: "2026-12-01",
        schools: [anadoluBalikesir],
      }),
    );
    const shown = await as(cA, () =>
      JointWork.createWork({
        id,
        year,
        title: "Ortak bilim şenliği",
        date: "2027-03-01",
        schools: [anadoluBalikesir, sosyalTrabzon],
      }),
    );
    // Act: confirm both, approve one (Balıkesir: the posting school's province), refuse the other.
    for (const w of [hidden, shown]) {
      await as(cA, () => Showcase.confirm({ id, year, workId: w.id, contentRule: true, consent: false }));
    }
    const beforeApproval = await Showcase.feed(id);
    const wrongProvince = await failure(
      as(officer61, () => Showcase.moderate({ id, workId: shown.id, decision: "approve" })),
    );
    const queue = await as(officer10, () => Showcase.queue({ province: "10" }));
    const noReason = await failure(
      as(officer10, async () => Showcase.moderate({ id, workId: hidden.id, decision: "refuse" })),
    );
    await as(officer10, () => Showcase.moderate({ id, workId: shown.id, decision: "approve" }));
    await as(officer10, () =>
      Showcase.moderate({ id, workId: hidden.id, decision: "refuse", reason: "Öğrenci adı var." }),
    );
    // Assess.
    expect(beforeApproval.items).toEqual([]);
    expect(wrongProvince.kind).toBe("not_found");
    expect(
      queue.items
        .filter((p) => p.partnershipId === id)
        .map((p) => p.title)
        .sort((a, b) => a.localeCompare(b, "tr")),
    ).toEqual(["Ortak bilim şenliği", "Ortak kitap söyleşisi"]);
    expect(noReason.kind).toBe("input");
    const feed = await Showcase.feed(id);
    expect(feed.items).toEqual([{ title: "Ortak bilim şenliği", date: "2027-03-01" }]);
    expect(JSON.stringify(feed)).not.toContain("Koordinatör");
    expect(Showcase.snippet(feed)).toContain("<strong>Ortak bilim şenliği</strong>");
    const pendingLeft = await as(officer10, () => Showcase.queue({ province: "10" }));
    expect(pendingLeft.items.filter((p) => p.partnershipId === id)).toEqual([]);
  });
});

describe("attainment rule", () => {
  it("sums count indicators against the target and measures latest-value ones from the baseline", () => {
    expect(percentOf({ baseline: 0, target: 4, aggregate: "sum" }, 5)).toBe(100);
    expect(percentOf({ baseline: 20, target: 10, aggregate: "latest" }, 15)).toBe(50); // lower is better
    expect(percentOf({ baseline: 0, target: 4, aggregate: "sum" }, null)).toBe(0);
  });
});
