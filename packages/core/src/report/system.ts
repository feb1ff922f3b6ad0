/**
 * System entry of the report domain (`@bigep/core/system/report`): the work of the report jobs.
 * One streaming pass (resumable by checkpoint) feeds every format: JSON, CSV, XLSX and PDF are
 * rendered from the same figures, stored in S3 under `reports/` and the run recorded. The
 * national report fans out one report job per province (each a province report of its own, run
 * in parallel by the queue's workers) and merges their saved states — it never reads the whole
 * table in one function. Only the job worker and the local pool load this file.
 */
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { Place, Scope } from "../actor";
import type { JobType, Json, RunContext } from "../job/define";
import * as Job from "../job/job";
import { District } from "../org";
import { provinces } from "../org/provinces";
import { bucket, s3 } from "../storage/system";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { log } from "../util/log";
import { type CompileCheckpoint, compile } from "./compile";
import { runs } from "./entities";
import { contentTypes, type Format, type Params, prefixOf, reportJob, yearEndedBefore, yearlyReports } from "./job";
import { renderPdf } from "./render/pdf";
import { type Document, renderCsv, renderJson } from "./render/text";
import { renderXlsx } from "./render/xlsx";
import type { Target } from "./section";
import { sections } from "./sections";
import { loadTarget } from "./target";

/** How often a national run looks at its province jobs. */
export const fanOut = { pollMs: 2_000 };

async function putObject(key: string, body: string | Buffer, contentType: string) {
  await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }));
  return typeof body === "string" ? Buffer.byteLength(body) : body.length;
}

export async function getText(key: string): Promise<string> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return (await out.Body?.transformToString("utf-8")) ?? "";
}

/** The newest run of the scope's previous year, its sections' JSON (year-over-year), or undefined. */
async function previousOf(scope: Scope, year: string): Promise<Record<string, Json> | undefined> {
  const start = Number(year.slice(0, 4)) - 1;
  const { data } = await runs()
    .query.byScopeYear({ scopeType: scope.type, scopeId: scope.id || "-", year: `${start}-${start + 1}` })
    .go({ limit: 1, order: "desc" });
  const run = data[0];
  if (!run) return undefined;
  const files = run.files as { format: string; key: string }[];
  const json = files.find((f) => f.format === "json");
  if (!json) return undefined;
  return (JSON.parse(await getText(json.key)) as { sections: Record<string, Json> }).sections;
}

/** Renders and stores every format, records the run; returns the job's result. */
async function finish(
  jobId: string,
  target: Target,
  name: string,
  asOf: string,
  states: Record<string, Json>,
  place: Place,
): Promise<Json> {
  const { scope, year } = target;
  const previous = await previousOf(scope, year);
  const doc: Document = {
    scope: { type: scope.type, id: scope.id, name },
    year,
    asOf,
    sections: sections.map((section) => {
      const state = states[section.id] ?? section.empty();
      const prev = previous?.[section.id];
      return {
        id: section.id,
        title: section.title,
        json: section.json(state, target, prev),
        tables: section.tables(state, target, prev),
        charts: section.charts(state, target),
      };
    }),
  };
  const prefix = prefixOf(scope, year, jobId);
  const files: { format: Format; key: string; size: number }[] = [];
  const rendered: [Format, () => Promise<string | Buffer>][] = [
    ["json", async () => renderJson(doc)],
    ["csv", async () => renderCsv(doc)],
    ["xlsx", () => renderXlsx(doc)],
    ["pdf", () => renderPdf(doc)],
  ];
  for (const [format, render] of rendered) {
    const key = `${prefix}report.${format}`;
    files.push({ format, key, size: await putObject(key, await render(), contentTypes[format]) });
  }
  // The states, for a national run to merge (they are the figures before rendering).
  const stateKey = `${prefix}state.json`;
  await putObject(stateKey, JSON.stringify({ states, names: Object.fromEntries(target.districts) }), contentTypes.json);
  const activities = (states.activities as { total?: number } | undefined)?.total ?? 0;
  const evidence = (states.evidence as { total?: number } | undefined)?.total ?? 0;
  const totals = { activities, evidence };
  await runs()
    .put({
      jobId,
      scopeType: scope.type,
      scopeId: scope.id || "-",
      scopeName: name,
      year,
      asOf,
      place,
      files,
      stateKey,
      totals,
      charts: doc.sections.flatMap((section) => section.charts),
      createdAt: now().toISOString(),
    })
    .go();
  log().info("report compiled", { jobId, scope, year, ...totals });
  return { year, totals, files: files.map((f) => ({ format: f.format, size: f.size })) };
}

type NationalCheckpoint = { children: Record<string, string> };

async function runNational(ctx: RunContext<Params>, year: string): Promise<Json> {
  const saved = ctx.checkpoint as NationalCheckpoint | undefined;
  let children = saved?.children;
  if (!children) {
    children = {};
    // Only provinces that use the platform (have districts) get a job.
    for (const p of provinces) {
      const districts = await District.list({ province: p.code });
      if (districts.items.length === 0) continue;
      const { job } = await Job.start(reportJob, {
        params: { scope: { type: "province", id: p.code }, year, pageSize: ctx.params.pageSize, parent: ctx.jobId },
        key: `${ctx.jobId}-${p.code}`,
        asOf: ctx.asOf,
      });
      children[p.code] = job.id;
    }
    await ctx.progress(1, { children });
  }
  const codes = Object.keys(children).sort();
  for (;;) {
    const jobs = await Promise.all(codes.map((code) => Job.get(children[code] as string)));
    const failed = jobs.find((j) => j.status === "failed" || j.status === "canceled");
    if (failed) {
      throw new VisibleError(
        "conflict",
        "province_report_failed",
        "Bir ilin raporu derlenemedi; ulusal rapor birleştirilemedi.",
      );
    }
    const mean =
      jobs.reduce((sum, j) => sum + (j.status === "succeeded" ? 100 : j.progress), 0) / Math.max(jobs.length, 1);
    await ctx.progress(1 + mean * 0.89, { children });
    if (jobs.every((j) => j.status === "succeeded")) break;
    await new Promise((resolve) => setTimeout(resolve, fanOut.pollMs));
  }
  // Merge one province state at a time (memory: one province's figures).
  const states: Record<string, Json> = {};
  for (const section of sections) states[section.id] = section.empty();
  const names = new Map<string, string>();
  for (const code of codes) {
    const { data: run } = await runs()
      .get({ jobId: children[code] as string })
      .go();
    if (!run) throw new Error(`province run ${code} has no record`);
    const saved = JSON.parse(await getText(run.stateKey)) as {
      states: Record<string, Json>;
      names: Record<string, string>;
    };
    for (const section of sections) {
      const other = saved.states[section.id];
      if (other !== undefined) states[section.id] = section.merge(states[section.id] as Json, other);
    }
    for (const [id, n] of Object.entries(saved.names)) names.set(id, n);
  }
  const target: Target = { scope: { type: "national", id: "" }, year, districts: names, schools: new Map() };
  const result = await finish(ctx.jobId, target, "Türkiye (ulusal)", ctx.asOf, states, {});
  return { ...(result as Record<string, Json>), provinces: children };
}

async function runReport(ctx: RunContext<Params>): Promise<Json> {
  const year = ctx.params.year ?? yearEndedBefore(ctx.asOf);
  if (ctx.params.scope.type === "national") return runNational(ctx, year);
  const { target, name } = await loadTarget(ctx.params.scope, year);
  const states = await compile(sections, target, {
    checkpoint: ctx.checkpoint as CompileCheckpoint | undefined,
    pageSize: ctx.params.pageSize,
    // Tests stop a run half way on small pages: there every page saves.
    saveEveryMs: ctx.params.pageSize < 50 ? 0 : 1000,
    progress: (fraction, checkpoint) => ctx.progress(fraction * 90, checkpoint as unknown as Json),
  });
  const { placeOrFail } = await import("../identity/scope");
  return finish(ctx.jobId, target, name, ctx.asOf, states, await placeOrFail(ctx.params.scope));
}

/** The yearly schedule's work: the national report and every district's, for the year that ended. */
async function runYearly(ctx: RunContext<Record<string, never>>): Promise<Json> {
  const year = yearEndedBefore(ctx.asOf);
  let jobs = 0;
  await Job.start(reportJob, {
    params: { scope: { type: "national", id: "" }, year, pageSize: 500 },
    key: `yearly-${year}-national`,
    asOf: ctx.asOf,
  });
  jobs++;
  for (const p of provinces) {
    const districts = await District.list({ province: p.code });
    for (const d of districts.items) {
      await Job.start(reportJob, {
        params: { scope: { type: "district", id: d.id }, year, pageSize: 500 },
        key: `yearly-${year}-${d.id}`,
        asOf: ctx.asOf,
      });
      jobs++;
    }
  }
  return { year, jobs };
}

/** The report job types with their work (the worker's registry merges these in). */
export const reportJobTypes: readonly JobType<never>[] = [
  { ...reportJob, run: runReport } as unknown as JobType<never>,
  { ...yearlyReports, run: runYearly } as unknown as JobType<never>,
];
