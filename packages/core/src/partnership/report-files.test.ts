/**
 * The files of a partnership's yearly report: the compile job renders JSON, XLSX and PDF from the
 * same figures. Read back: the workbook keeps Turkish text, types numbers and its totals equal the
 * JSON; the PDF's text (pdftotext) carries the Turkish letters; downloads are short links.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { as, type Person, person, system } from "../../../../test/helpers/people";
import { Job } from "../job";
import { jobTypes } from "../job/registry";
import { seedDemo } from "../org";
import { bucket, s3 } from "../storage/system";
import { VisibleError } from "../util/error";
import { JointWork, Meeting, Partnership, Plan, Report } from ".";
import { entities } from "./entities";

const year = "2026-2027";
const fenBalikesir = "710204";
const fenTrabzon = "716101";
const anadoluBalikesir = "710104";

const school = (id: string) => ({ type: "school" as const, id });

async function bytesOf(key: string): Promise<Buffer> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

let coordA: Person;
let coordB: Person;
let thirdTeacher: Person;
let pairId: string;
let keys: Record<string, string>;
let compiled: Report.Info["compiled"];

beforeAll(async () => {
  await seedDemo();
  const ogm = await person("OGM Görevlisi", [{ role: "ministry_officer", scope: { type: "national", id: "" } }]);
  coordA = await person("Ayşe Koordinatör", [{ role: "teacher", scope: school(fenBalikesir) }]);
  coordB = await person("Burak Koordinatör", [{ role: "teacher", scope: school(fenTrabzon) }]);
  thirdTeacher = await person("Üçüncü Öğretmen", [{ role: "teacher", scope: school(anadoluBalikesir) }]);
  const pair = await as(ogm, () =>
    Partnership.create({
      schools: [fenBalikesir, fenTrabzon],
      leadSchool: fenBalikesir,
      startYear: year,
      coordinators: { [fenBalikesir]: coordA.userId, [fenTrabzon]: coordB.userId },
    }),
  );
  pairId = pair.id;
  const plan = await as(coordA, () =>
    Plan.save({
      id: pairId,
      year,
      rev: 0,
      items: [
        {
          topic: "academic_success",
          activityType: "joint_exam",
          title: "Ortak deneme sınavları (çağdaş öğretim)",
          schools: [fenBalikesir, fenTrabzon],
          from: "2026-10-01",
          to: "2027-05-31",
          indicators: [
            { name: "Yapılan ortak sınav", unit: "adet", baseline: 0, target: 4, owner: fenBalikesir },
            {
              name: "Öğrenci başarı ölçüsü",
              unit: "puan",
              baseline: 50,
              target: 70,
              aggregate: "latest",
              owner: fenTrabzon,
            },
          ],
        },
        {
          topic: "teacher_training",
          activityType: "conference",
          title: "Öğretmenlere ortak seminer",
          schools: [fenTrabzon],
          from: "2026-11-01",
          to: "2027-01-31",
          indicators: [{ name: "Seminer sayısı", unit: "adet", baseline: 0, target: 2, owner: fenTrabzon }],
        },
      ],
    }),
  );
  const [exams, score] = plan.items[0]!.indicators;
  const seminar = plan.items[1]!.indicators[0]!;
  await as(coordA, () =>
    JointWork.createWork({
      id: pairId,
      year,
      itemId: plan.items[0]!.id,
      title: "1. ortak deneme",
      date: "2026-11-20",
      schools: [fenBalikesir, fenTrabzon],
    }),
  );
  await as(coordA, () =>
    JointWork.createWork({ id: pairId, year, title: "Tanışma gezisi", date: "2026-10-05", schools: [fenTrabzon] }),
  );
  for (const [indicatorId, value] of [
    [exams!.id, 3],
    [score!.id, 60],
    [seminar.id, 1],
  ] as const) {
    await as(coordB, () => JointWork.recordActual({ id: pairId, year, indicatorId, date: "2027-01-15", value }));
  }
  await as(coordA, () =>
    Meeting.create({
      id: pairId,
      mode: "in_person",
      title: "Güz dönemi değerlendirme toplantısı",
      startsAt: "2027-01-20T14:00",
      participants: [coordB.userId],
      decisions: [],
    }),
  );
  const report0 = await (async () => {
    const job = await as(coordA, () => Report.compile({ id: pairId, year }));
    expect((await system(() => Job.system.execute(job.id, jobTypes))).status).toBe("succeeded");
    return as(coordA, () => Report.get({ id: pairId, year }));
  })();
  await as(coordA, () =>
    Report.editNarrative({
      id: pairId,
      year,
      rev: report0.rev,
      narrative: { summary: "Öğrencilerimiz güçlü bir iş birliği gösterdi.\n\nİkinci paragraf: çalışmalar sürecek." },
    }),
  );
  // Compile again: fresh figures and files showing the narrative.
  const job = await as(coordB, () => Report.compile({ id: pairId, year }));
  await system(async () => {
    // A second job on the same minute is the same job: run it again explicitly.
    const { job: again } = await Job.start((await import("./report-job")).reportJob, {
      params: { partnershipId: pairId, year },
      key: `${job.id}-again`,
      enqueue: false,
    });
    expect((await Job.system.execute(again.id, jobTypes)).status).toBe("succeeded");
  });
  const { data } = await entities().Report.get({ partnershipId: pairId, schoolYear: year }).go();
  const files = data!.files as { rev: number; items: { format: string; key: string }[] };
  keys = Object.fromEntries(files.items.map((f) => [f.format, f.key]));
  compiled = data!.compiled;
  expect(files.rev).toBe(data!.rev);
});

describe("partnership report files", () => {
  it("stores JSON, XLSX and PDF under the partnership and lists them on the report", async () => {
    const report = await as(coordB, () => Report.get({ id: pairId, year }));
    expect(report.files?.items.map((f) => f.format)).toEqual(["json", "xlsx", "pdf"]);
    expect(report.files?.rev).toBe(report.rev);
    for (const key of Object.values(keys)) expect(key.startsWith(`partnerships/${pairId}/${year}/`)).toBe(true);
    const json = JSON.parse((await bytesOf(keys.json!)).toString("utf-8"));
    expect(json.sections.partnership.compiled.attainment.percent).toBe(compiled.attainment.percent);
  });

  it("the workbook keeps Turkish text, types numbers and its totals equal the JSON", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(keys.xlsx!)) as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual(["Rapor", "Özet", "Değerlendirme", "Göstergeler", "Plan maddeleri", "Toplantılar"]);
    const indicators = workbook.getWorksheet("Göstergeler")!;
    const rows = indicators.getSheetValues().slice(2) as unknown[][];
    // Expected from the rule: sum 3 of 4 = 75 %; latest 60 on 50 → 70 = 50 %; seminar 1 of 2 = 50 %.
    // Item 1 = (75 + 50) / 2 = 62.5; item 2 = 50; plan = 56.3 (one decimal).
    const body = rows.filter((r) => r?.[1] !== "Plan geneli");
    expect(body.map((r) => r[2])).toEqual(["Yapılan ortak sınav", "Öğrenci başarı ölçüsü", "Seminer sayısı"]);
    expect(body.map((r) => r[1])).toContain("Ortak deneme sınavları (çağdaş öğretim)");
    expect(body.map((r) => r[7])).toEqual([3, 60, 1]);
    expect(body.map((r) => typeof r[7])).toEqual(["number", "number", "number"]);
    expect(body.map((r) => r[8])).toEqual([0.75, 0.5, 0.5]);
    const total = rows.find((r) => r?.[1] === "Plan geneli")!;
    expect(compiled.attainment.percent).toBe(56.3);
    expect(total[8]).toBeCloseTo(compiled.attainment.percent / 100, 10);
    expect(indicators.getColumn(8).numFmt).toBe("0.0%");
    const items = workbook.getWorksheet("Plan maddeleri")!;
    const itemRows = (items.getSheetValues().slice(2) as unknown[][]).filter(Boolean);
    const itemTotal = itemRows.find((r) => r[1] === "Toplam")!;
    expect(itemTotal[3]).toBe(compiled.activities);
    expect(compiled.activities).toBe(2);
    expect(itemRows.filter((r) => r[1] !== "Toplam").reduce((s, r) => s + (r[3] as number), 0)).toBe(
      compiled.activities,
    );
    const meetings = workbook.getWorksheet("Toplantılar")!;
    expect(meetings.getRow(2).getCell(1).value).toBe("20.01.2027 14:00");
    expect(meetings.getRow(2).getCell(3).value).toBe("Yüz yüze");
    const narrative = workbook.getWorksheet("Değerlendirme")!;
    expect(narrative.getRow(2).getCell(2).value).toBe("Öğrencilerimiz güçlü bir iş birliği gösterdi.");
    expect(narrative.getRow(3).getCell(2).value).toBe("İkinci paragraf: çalışmalar sürecek.");
  });

  it("the PDF's text carries the Turkish letters and the figures", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bigep-pr-"));
    const file = join(dir, "rapor.pdf");
    writeFileSync(file, await bytesOf(keys.pdf!));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf-8" });
    expect(text).toContain("Okul Ortaklığı Değerlendirme Raporu");
    expect(text).toContain("Güz dönemi değerlendirme toplantısı");
    expect(text).toContain("Öğrenci başarı ölçüsü");
    expect(text).toContain("Göstergelerin gerçekleşme oranı");
    for (const letter of ["ğ", "ü", "ş", "ı", "ö", "ç", "İ", "Ö"]) expect(text).toContain(letter);
    expect(text).toContain("%56,3");
  });

  it("downloads are short links for readers (audited), 404 for a third school's teacher", async () => {
    const link = await as(coordB, () => Report.downloadFile({ id: pairId, year, format: "xlsx" }));
    expect(link.expiresIn).toBe(60);
    expect(decodeURIComponent(link.url)).toContain(keys.xlsx!);
    expect(decodeURIComponent(link.url)).toContain("okul-ortakligi-raporu-2026-2027.xlsx");
    const error = await as(thirdTeacher, () => Report.downloadFile({ id: pairId, year, format: "pdf" })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VisibleError);
    expect((error as VisibleError).kind).toBe("not_found");
  });
});
