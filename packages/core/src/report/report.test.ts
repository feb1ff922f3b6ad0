import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { areas } from "../activity/fields";
import { type Actor, type Grant, withActor } from "../actor";
import { Audit } from "../audit";
import { Job, type JobType, type Json, type RunContext, useQueue } from "../job";
import { Report } from ".";
import { prefixOf, reportJob } from "./job";
import { fanOut, getText, reportJobTypes } from "./system";
import { rule, type Seeded, seedProvince } from "./test-data";

const year = "2025-2026";
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);
const asUser = <T>(grants: Grant[], run: () => Promise<T>) => {
  const actor: Actor = {
    type: "user",
    userId: "usr_01JD0000000000000000000009",
    email: "o@meb.gov.tr",
    name: "Oya",
    grants,
  };
  return withActor({ actor, requestId: "t" }, run);
};
const types = reportJobTypes;

/** Runs a report job to the end (attempts until it is no longer queued); returns the job. */
async function compileReport(params: Record<string, unknown>, jobTypes = types) {
  const { job } = await system(() =>
    Job.start(reportJob, { params: params as never, enqueue: false, asOf: "2026-09-01" }),
  );
  for (let i = 0; i < 3; i++) {
    const outcome = await system(() => Job.system.execute(job.id, jobTypes));
    if (outcome.status !== "retry") break;
  }
  return system(() => Job.get(job.id));
}

async function file(jobId: string, scope: { type: string; id: string }, format: string) {
  return getText(`${prefixOf(scope as never, year, jobId)}report.${format}`);
}

/** Expected figures from the data rule: n activities of each of `schools` schools. */
function expected(schools: number, n: number) {
  const byArea: Record<string, number> = {};
  let girls = 0;
  let boys = 0;
  let evidence = 0;
  for (let j = 0; j < n; j++) {
    const r = rule(j);
    byArea[r.area] = (byArea[r.area] ?? 0) + schools;
    girls += r.girls * schools;
    boys += r.boys * schools;
    if (r.evidence) evidence += schools;
  }
  return { total: schools * n, byArea, girls, boys, evidence };
}

let balikesir: Seeded;
let izmir: Seeded;
let ankara: Seeded;

beforeAll(async () => {
  balikesir = await seedProvince({
    province: "10",
    districts: ["Altıeylül", "Karesi", "Ayvalık"],
    schoolsPerDistrict: 3,
    perSchool: 14,
    year,
    codeBase: 700_000,
  });
  // The previous year of one district's schools (year-over-year).
  await seedProvince({
    province: "10",
    districts: ["Altıeylül"],
    schoolsPerDistrict: 3,
    perSchool: 4,
    year: "2024-2025",
    codeBase: 700_000,
  });
  izmir = await seedProvince({
    province: "35",
    districts: ["Çiğli", "Ödemiş"],
    schoolsPerDistrict: 2,
    perSchool: 9,
    year,
    codeBase: 800_000,
  });
  ankara = await seedProvince({
    province: "06",
    districts: ["Çankaya"],
    schoolsPerDistrict: 2,
    perSchool: 5,
    year,
    codeBase: 900_000,
  });
});

describe("yearly reports", () => {
  it("a province report counts every activity of the year by area, reach, students and district, with evidence", async () => {
    // Prepare: 3 districts × 3 schools × 14 activities
    const want = expected(9, 14);

    // Act
    const job = await compileReport({ scope: { type: "province", id: "10" }, year });
    const json = JSON.parse(await file(job.id, { type: "province", id: "10" }, "json"));

    // Assess
    expect(job.status).toBe("succeeded");
    expect(json).toMatchObject({
      schema: "bigep.report/1",
      year,
      scope: { type: "province", id: "10", name: "Balıkesir İl Millî Eğitim Müdürlüğü" },
    });
    const activities = json.sections.activities;
    expect(activities.total).toBe(want.total);
    expect(activities.byArea).toEqual(want.byArea);
    expect(Object.keys(activities.byArea)).toEqual([...areas]);
    expect(activities.students).toEqual({ girls: want.girls, boys: want.boys, total: want.girls + want.boys });
    expect(activities.teachers).toBe(want.total);
    expect(activities.byLevel).toEqual({ ilkokul: 3 * 14, ortaokul: 3 * 14, lise: 3 * 14 });
    expect(Object.keys(activities.byDistrict)).toEqual(
      balikesir.districts.map((d) => d.id).sort((a, b) => a.localeCompare(b, "tr")),
    );
    for (const d of balikesir.districts) expect(activities.byDistrict[d.id].activities).toBe(3 * 14);
    expect(json.sections.evidence.verified).toBe(want.evidence);
    expect(job.result).toMatchObject({ totals: { activities: want.total, evidence: want.evidence } });
  });

  it("year-over-year: a district report shows the previous year's report figures when one exists", async () => {
    // Prepare: the previous year's report of Altıeylül (3 schools × 4 activities)
    const district = balikesir.districts.find((d) => d.name === "Altıeylül")!;
    const scope = { type: "district", id: district.id };
    await compileReport({ scope, year: "2024-2025" });

    // Act
    const job = await compileReport({ scope, year });
    const json = JSON.parse(await file(job.id, scope, "json"));

    // Assess
    expect(json.sections.activities.total).toBe(3 * 14);
    expect(json.sections.activities.previousYear).toEqual({ total: 3 * 4, byArea: expected(3, 4).byArea });
    expect(Object.keys(json.sections.activities.bySchool)).toEqual(district.schools);
  });

  it("stopped at about half way and resumed, a job writes the same JSON and CSV bytes as an uninterrupted run", async () => {
    // Prepare: small pages, and a job type whose first attempt dies once progress passes 45 %
    const params = { scope: { type: "province", id: "10" }, year, pageSize: 5 };
    const seen: number[] = [];
    const runnable = reportJobTypes[0]!;
    const crashing = {
      ...runnable,
      run: (ctx: RunContext<never>) =>
        runnable.run({
          ...ctx,
          progress: async (percent: number, checkpoint?: Json) => {
            await ctx.progress(percent, checkpoint);
            seen.push(percent);
            if (ctx.attempt === 1 && percent >= 45) throw new Error("process killed");
          },
        }),
    } as unknown as JobType<never>;

    // Act
    const whole = await compileReport(params);
    const { job } = await system(() =>
      Job.start(reportJob, { params: params as never, enqueue: false, asOf: "2026-09-01" }),
    );
    const first = await system(() => Job.system.execute(job.id, [crashing]));
    const halfway = await system(() => Job.get(job.id));
    const second = await system(() => Job.system.execute(job.id, [crashing]));
    const scope = { type: "province", id: "10" };

    // Assess
    expect(first.status).toBe("retry");
    expect(halfway.progress).toBeGreaterThanOrEqual(45);
    expect(halfway.progress).toBeLessThan(70);
    expect(second.status).toBe("succeeded");
    // The second attempt started from the checkpoint, not from zero.
    const resumedFrom = seen[seen.findIndex((p) => p >= 45) + 1] ?? 0;
    // (The job record keeps whole percent; the first report after resuming may be the same fraction.)
    expect(Math.round(resumedFrom)).toBeGreaterThanOrEqual(halfway.progress);
    expect(await file(job.id, scope, "json")).toBe(await file(whole.id, scope, "json"));
    expect(await file(job.id, scope, "csv")).toBe(await file(whole.id, scope, "csv"));
  });

  it("the CSV has a BOM, `;` separators and Turkish text; the XLSX, read back, has typed numbers whose totals equal the JSON", async () => {
    // Prepare
    const scope = { type: "province" as const, id: "35" };
    const job = await compileReport({ scope, year });
    const json = JSON.parse(await file(job.id, scope, "json"));
    const want = expected(4, 9);

    // Act
    const csv = await file(job.id, scope, "csv");
    const run = (
      await asUser([{ role: "province_officer", scope }], () => Report.list({ scope: scope as never, year }))
    ).items[0]!;
    const link = await asUser([{ role: "province_officer", scope }], () =>
      Report.download({ id: run.id, format: "xlsx" }),
    );
    const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);

    // Assess
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("Etkinlikler / Ödül alanları\r\nÖdül alanı;Etkinlik\r\n");
    expect(csv).toContain(`Toplam;${want.total}\r\n`);
    expect(csv).toContain("Çiğli;");
    const sheet = workbook.getWorksheet("Ödül alanları")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Ödül alanı");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const rows = [2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(2).value);
    expect(rows.every((v) => typeof v === "number")).toBe(true);
    expect(rows).toEqual(areas.map((a) => json.sections.activities.byArea[a]));
    expect(sheet.getRow(6).getCell(2).value).toBe(json.sections.activities.total);
    const districts = workbook.getWorksheet("İlçeler")!;
    expect(districts.getRow(2).getCell(1).value).toBe("Çiğli");
    expect(districts.getRow(3).getCell(1).value).toBe("Ödemiş");
    const students = workbook.getWorksheet("Öğrenciler")!;
    expect(students.getRow(15).getCell(4).value).toBe(json.sections.activities.students.total);
    expect(workbook.getWorksheet("Rapor")!.getRow(4).getCell(2).value).toBeInstanceOf(Date);
  });

  it("the PDF has a cover, Turkish letters, charts and page numbers (pdftotext, pdftoppm)", async () => {
    // Prepare
    const scope = { type: "province" as const, id: "10" };
    const job = await compileReport({ scope, year });
    const officer = [{ role: "province_officer" as const, scope }];
    const link = await asUser(officer, () => Report.download({ id: job.id, format: "pdf" }));
    const dir = mkdtempSync(join(tmpdir(), "report-pdf-"));
    writeFileSync(join(dir, "r.pdf"), Buffer.from(await (await fetch(link.url)).arrayBuffer()));

    // Act
    const text = execFileSync("pdftotext", ["-layout", join(dir, "r.pdf"), "-"]).toString("utf8");
    execFileSync("pdftoppm", ["-png", "-r", "40", "-f", "2", "-l", "2", join(dir, "r.pdf"), join(dir, "page")]);

    // Assess
    expect(text).toContain("Başarıyı İzleme ve Geliştirme Projesi");
    expect(text).toContain("Balıkesir İl Millî Eğitim Müdürlüğü");
    expect(text).toContain("Ödül alanlarına göre etkinlikler"); // chart title (SVG text)
    expect(text).toContain("İlçelere göre etkinlikler");
    expect(text).toContain("Öğrenciler");
    expect(text).toMatch(/Sayfa 1 \/ \d+/);
    const png = join(dir, readdirSync(dir).find((f) => f.endsWith(".png"))!);
    expect(statSync(png).size).toBeGreaterThan(3000);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
  });

  it("lists runs and hands out short links in scope only; every download is an audit event", async () => {
    // Prepare
    const scope = { type: "province" as const, id: "06" };
    const job = await compileReport({ scope, year });
    const officer: Grant = { role: "province_officer", scope };
    const elsewhere: Grant = { role: "province_officer", scope: { type: "province", id: "35" } };
    const teacher: Grant = { role: "teacher", scope: { type: "school", id: ankara.districts[0]!.schools[0]! } };

    // Act
    const listed = await asUser([officer], () => Report.list({ scope, year }));
    const link = await asUser([officer], () => Report.download({ id: job.id, format: "csv" }));
    const hidden = await asUser([elsewhere], () => Report.download({ id: job.id, format: "csv" })).catch((e) => e);
    const refused = await asUser([teacher], () => Report.list({ scope, year })).catch((e) => e);
    const body = await (await fetch(link.url)).text();
    const events = await asUser([officer], () =>
      Audit.list({ entity: `report:${job.id}`, scope: "province:06" } as never),
    );

    // Assess
    expect(listed.items.map((r) => r.id)).toEqual([job.id]);
    expect(listed.items[0]).toMatchObject({
      year,
      totals: { activities: 10 },
      files: expect.arrayContaining([expect.objectContaining({ format: "pdf" })]),
    });
    expect(link.expiresIn).toBeLessThanOrEqual(60);
    expect(body).toContain("Çankaya");
    expect(hidden).toMatchObject({ kind: "not_found", code: "report_not_found" });
    expect(refused).toMatchObject({ kind: "not_found" });
    expect(events.items.map((e) => e.action)).toEqual(["report.download"]);
    expect(events.items[0]?.data).toEqual({ format: "csv", year });
  });

  it("a national run fans out one job per province, shows their progress and merges them into the sum", async () => {
    // Prepare: a bounded pool of 3 workers as the queue
    fanOut.pollMs = 100;
    const running = new Set<Promise<unknown>>();
    const stop = useQueue({
      send: async (message) => {
        if (!("jobId" in message)) return;
        const go = () => system(() => Job.system.execute(message.jobId, types));
        const work = (async () => {
          while (running.size >= 3) await Promise.race(running);
          await go();
        })();
        running.add(work);
        void work.finally(() => running.delete(work));
      },
    });
    const parentProgress: number[] = [];

    // Act
    const { job } = await system(() =>
      Job.start(reportJob, {
        params: { scope: { type: "national", id: "" }, year } as never,
        enqueue: false,
        asOf: "2026-09-01",
      }),
    );
    const outcome = system(() => Job.system.execute(job.id, types));
    const watch = setInterval(
      () => void system(() => Job.get(job.id)).then((j) => parentProgress.push(j.progress)),
      50,
    );
    await outcome;
    clearInterval(watch);
    stop();
    const done = await system(() => Job.get(job.id));
    const national = JSON.parse(await file(job.id, { type: "national", id: "" }, "json"));
    const children = (done.result as { provinces: Record<string, string> }).provinces;
    const provinceJson = await Promise.all(
      Object.entries(children).map(async ([code, id]) =>
        JSON.parse(await file(id, { type: "province", id: code }, "json")),
      ),
    );
    const childJobs = await Promise.all(Object.values(children).map((id) => system(() => Job.get(id))));

    // Assess
    expect(done.status).toBe("succeeded");
    expect(Object.keys(children).sort()).toEqual(["06", "10", "35"]);
    expect(childJobs.map((j) => [j.status, j.progress, j.scope.type])).toEqual([
      ["succeeded", 100, "province"],
      ["succeeded", 100, "province"],
      ["succeeded", 100, "province"],
    ]);
    expect(parentProgress.some((p) => p > 1 && p < 100)).toBe(true);
    const sum = (
      pick: (j: { sections: { activities: { total: number; byArea: Record<string, number> } } }) => number,
    ) => provinceJson.reduce((total, j) => total + pick(j), 0);
    expect(national.sections.activities.total).toBe(sum((j) => j.sections.activities.total));
    expect(national.sections.activities.total).toBe(9 * 14 + 4 * 9 + 2 * 5);
    for (const area of areas) {
      expect(national.sections.activities.byArea[area]).toBe(sum((j) => j.sections.activities.byArea[area] ?? 0));
    }
    expect(national.sections.activities.byProvince["35"].activities).toBe(4 * 9);
    expect(national.sections.evidence.verified).toBe(
      provinceJson.reduce((t, j) => t + j.sections.evidence.verified, 0),
    );
    expect(izmir.districts).toHaveLength(2);
  });
});
