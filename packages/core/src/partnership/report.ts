/**
 * The yearly evaluation report: compiled by a job from the year's plan, joint activities and
 * indicator attainment; both coordinators edit the narrative and approve; then the plan's chain
 * (I. grup → provinces → OGM). "Plan next year" starts next year's plan from the report.
 */
import * as z from "zod";
import { assert } from "../access";
import { context, useUser, withActor } from "../actor";
import { Audit } from "../audit";
import { put, TransactionCanceled, transact, update } from "../db";
import * as Job from "../job/job";
import { presignGet } from "../storage";
import { now } from "../util/clock";
import { istanbulDay } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId } from "../util/id";
import { attainment } from "./attainment";
import { ChainAction, type ChainState, step } from "./chain";
import { entities, type ReportRow } from "./entities";
import { ChainStatus, Id, SchoolYear, type StoredItem } from "./fields";
import { readable } from "./partnership";
import { current as currentPlan } from "./plan";
import type { StoredFiles } from "./report-files";
import { reportJob } from "./report-job";
import { firstYear, load, resourceOf, type Stored, yearFrom } from "./store";
import { actualPoints, worksOf } from "./work";

export const Narrative = z.object({
  summary: z.string().trim().max(8000).optional(),
  findings: z.string().trim().max(8000).optional(),
  nextSteps: z.string().trim().max(8000).optional(),
});

export const Info = z
  .object({
    partnershipId: z.string(),
    year: SchoolYear,
    status: ChainStatus,
    compiled: z.any(),
    narrative: Narrative,
    agreements: z.record(z.string(), z.object({ userId: z.string(), name: z.string(), at: z.string() })),
    receipts: z.record(z.string(), z.string()),
    returnReason: z.string().optional(),
    rev: z.number().int(),
    compiledAt: z.string(),
    updatedAt: z.string(),
    /**
     * The report's files as the last compile rendered them, and the revision they show (when it
     * is below `rev`, the narrative or approvals changed since: compile again for fresh files).
     */
    files: z
      .object({
        rev: z.number().int(),
        renderedAt: z.string(),
        items: z.array(z.object({ format: z.enum(["json", "xlsx", "pdf"]), size: z.number().int() })),
      })
      .optional(),
  })
  .meta({ id: "PartnershipReport" });
export type Info = z.infer<typeof Info>;

function toInfo(row: ReportRow): Info {
  return {
    partnershipId: row.partnershipId,
    year: row.schoolYear,
    status: row.status as ChainStatus,
    compiled: row.compiled,
    narrative: (row.narrative as Info["narrative"] | undefined) ?? {},
    agreements: (row.agreements as ChainState["agreements"] | undefined) ?? {},
    receipts: (row.receipts as ChainState["receipts"] | undefined) ?? {},
    ...(row.returnReason ? { returnReason: row.returnReason } : {}),
    rev: row.rev,
    compiledAt: row.compiledAt,
    updatedAt: row.updatedAt,
    ...(row.files ? { files: publicFiles(row.files as StoredFiles) } : {}),
  };
}

function publicFiles(files: StoredFiles): NonNullable<Info["files"]> {
  return {
    rev: files.rev,
    renderedAt: files.renderedAt,
    items: files.items.map(({ format, size }) => ({ format, size })),
  };
}

/** The stored report, or undefined; no access check. */
export async function loadReport(id: string, year: string): Promise<Info | undefined> {
  const { data } = await entities().Report.get({ partnershipId: id, schoolYear: year }).go();
  return data ? toInfo(data) : undefined;
}

const YearInput = z.object({ id: Id, year: SchoolYear });
const noReport = () => new VisibleError("not_found", "not_found", "Bu yıl için değerlendirme raporu derlenmemiş.");
const stale = () =>
  new VisibleError("conflict", "stale", "Rapor siz düzenlerken değişti; sayfayı yenileyip tekrar deneyin.");

async function historyOf(
  p: Stored,
  year: string,
  action: string,
  from: string | undefined,
  to: string,
  at: string,
  reason?: string,
) {
  const { actor } = context();
  return put(
    entities().History.create({
      partnershipId: p.id,
      kind: "report",
      schoolYear: year,
      seq: createId("audit").slice(4),
      action,
      ...(from ? { from } : {}),
      to,
      ...(reason ? { reason } : {}),
      actorId: actor.type === "user" ? actor.userId : "system",
      actorName: actor.type === "user" ? actor.name : "Sistem",
      at,
    }),
  );
}

function auditOf(p: Stored, action: string, data: Record<string, unknown>) {
  return Audit.entry({
    action,
    entity: { type: "partnership", id: p.id },
    scope: { type: "partnership", id: p.id },
    data,
  });
}

/**
 * Starts the compile job of the year's report (coordinators). Idempotent per partnership, year
 * and minute: a double click starts one job.
 */
export const compile = fn(YearInput, async ({ id, year }): Promise<Job.Info> => {
  const p = await readable(id);
  assert("partnership.report.edit", resourceOf(p));
  const key = `${id}.${year}.${now().toISOString().slice(0, 16)}`;
  // The coordinator's right was checked above with the partnership's facts; the job record
  // itself is filed by the system (the generic job policy knows no partnership relations).
  const { job } = await withActor({ ...context(), actor: { type: "system", reason: "partnership report" } }, () =>
    Job.start(reportJob, { params: { partnershipId: id, year }, key }),
  );
  return job;
});

/**
 * System: compiles the report from the year's data. A draft or returned report gets fresh
 * figures (its narrative kept, approvals cleared); a report on its way up is left alone.
 */
export async function compileNow(id: string, year: string): Promise<"compiled" | "locked" | "no_plan"> {
  const outcome = await compileFigures(id, year);
  if (outcome === "no_plan") return outcome;
  // The files follow the figures and the narrative as they are now (a report on its way up gets
  // files with its approvals; its figures stay). Loaded here: only the job renders.
  const p = (await load(id)) as Stored;
  const report = (await loadReport(id, year)) as Info;
  const { renderFiles } = await import("./report-files");
  await renderFiles(p, report, istanbulDay(now()));
  return outcome;
}

/** Meetings of the year, oldest first, as the report lists them. */
async function meetingsOf(id: string, year: string) {
  const { data } = await entities()
    .Meeting.query.byPartnership({ partnershipId: id })
    .go({ pages: "all", attributes: ["schoolYear", "title", "startsAt", "mode"] });
  return data
    .filter((m) => m.schoolYear === year)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map((m) => ({ title: m.title as string, startsAt: m.startsAt as string, mode: m.mode as "online" | "in_person" }));
}

async function compileFigures(id: string, year: string): Promise<"compiled" | "locked" | "no_plan"> {
  const p = await load(id);
  if (!p) throw new Error(`partnership ${id} not found`);
  const plan = await currentPlan(id, year);
  if (!plan) return "no_plan";
  const works = await worksOf(id, year);
  const att = attainment(plan.items, await actualPoints(id, year));
  const compiled = {
    plan: { version: plan.version, status: plan.status, items: plan.items.length },
    attainment: att,
    activities: works.length,
    byItem: plan.items.map((item: StoredItem) => ({
      itemId: item.id,
      title: item.title,
      topic: item.topic,
      activities: works.filter((w) => w.itemId === item.id).map((w) => ({ title: w.title, date: w.date })),
    })),
    unmet: att.items.flatMap((i) => i.indicators.filter((ind) => ind.percent < 100).map((ind) => ind.indicatorId)),
    meetings: await meetingsOf(id, year),
  };
  const existing = await loadReport(id, year);
  const at = now().toISOString();
  const { Report } = entities();
  if (!existing) {
    await transact([
      put(
        Report.create({
          partnershipId: id,
          schoolYear: year,
          status: "draft",
          compiled,
          narrative: {},
          agreements: {},
          receipts: {},
          rev: 1,
          compiledAt: at,
          updatedAt: at,
        }),
      ),
      await historyOf(p, year, "compile", undefined, "draft", at),
      await auditOf(p, "partnership.report.compile", { year }),
    ]);
    return "compiled";
  }
  if (existing.status !== "draft" && existing.status !== "returned") return "locked";
  await transact([
    update(
      Report.patch({ partnershipId: id, schoolYear: year })
        .set({ compiled, status: "draft", agreements: {}, rev: existing.rev + 1, compiledAt: at, updatedAt: at })
        .where((a, { eq }) => eq(a.rev, existing.rev)),
    ),
    await historyOf(p, year, "compile", existing.status, "draft", at),
    await auditOf(p, "partnership.report.compile", { year }),
  ]);
  return "compiled";
}

/** The year's report. */
export const get = fn(YearInput, async ({ id, year }): Promise<Info> => {
  await readable(id);
  const report = await loadReport(id, year);
  if (!report) throw noReport();
  return report;
});

export const NarrativeInput = YearInput.extend({ rev: z.number().int().min(1), narrative: Narrative });

/** Coordinators edit the narrative of a draft (or returned) report; approvals start over. */
export const editNarrative = fn(NarrativeInput, async ({ id, year, rev, narrative }): Promise<Info> => {
  const p = await readable(id);
  assert("partnership.report.edit", resourceOf(p));
  const report = await loadReport(id, year);
  if (!report) throw noReport();
  if (report.status !== "draft" && report.status !== "returned" && report.status !== "agreed") {
    throw new VisibleError("conflict", "report_locked", "Gönderilmiş rapor değiştirilemez.");
  }
  if (report.rev !== rev) throw stale();
  const at = now().toISOString();
  try {
    await transact([
      update(
        entities()
          .Report.patch({ partnershipId: id, schoolYear: year })
          .set({ narrative, status: "draft", agreements: {}, rev: rev + 1, updatedAt: at })
          .where((a, { eq }) => eq(a.rev, rev)),
      ),
      await historyOf(p, year, "edit", report.status, "draft", at),
      await auditOf(p, "partnership.report.edit", { year }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled) throw stale();
    throw error;
  }
  return { ...report, narrative, status: "draft", agreements: {}, rev: rev + 1, updatedAt: at };
});

export const TransitionInput = YearInput.extend({
  rev: z.number().int().min(1),
  action: ChainAction,
  reason: z.string().trim().max(2000).optional(),
});

/** A step of the report up the chain (approve = `agree`, submit, receive, forward, return). */
export const transition = fn(TransitionInput, async ({ id, year, rev, action, reason }): Promise<Info> => {
  const user = useUser();
  const p = await readable(id);
  const report = await loadReport(id, year);
  if (!report) throw noReport();
  if (report.rev !== rev) throw stale();
  const at = now().toISOString();
  const state: ChainState = {
    ...report,
    // A returned report is edited and approved again.
    status: report.status === "returned" && action === "agree" ? "draft" : report.status,
  };
  const next = step(p, state, action, user, at, "partnership.report.edit", reason);
  try {
    await transact([
      update(
        entities()
          .Report.patch({ partnershipId: id, schoolYear: year })
          .set({
            status: next.status,
            agreements: next.agreements,
            receipts: next.receipts,
            ...(next.returnReason ? { returnReason: next.returnReason } : {}),
            rev: rev + 1,
            updatedAt: at,
          })
          .where((a, { eq }) => eq(a.rev, rev)),
      ),
      await historyOf(
        p,
        year,
        action,
        report.status,
        next.status,
        at,
        action === "return" ? next.returnReason : undefined,
      ),
      await auditOf(p, `partnership.report.${action}`, { year, to: next.status }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled) throw stale();
    throw error;
  }
  return { ...report, ...next, rev: rev + 1, updatedAt: at };
});

/**
 * "Plan next year from this report": next year's first plan version, the same items with each
 * indicator's baseline set to the value reached; items whose targets were all met are left out
 * (their work is done), unless every target was met (then all items carry over as a start).
 */
export const planNextYear = fn(YearInput, async ({ id, year }) => {
  const p = await readable(id);
  assert("partnership.plan.edit", resourceOf(p));
  const report = await loadReport(id, year);
  if (!report) throw noReport();
  const plan = await currentPlan(id, year);
  if (!plan) throw noReport();
  const att = attainment(plan.items, await actualPoints(id, year));
  const value = new Map(att.items.flatMap((i) => i.indicators.map((ind) => [ind.indicatorId, ind] as const)));
  const unmet = plan.items.filter((item) => item.indicators.some((ind) => (value.get(ind.id)?.percent ?? 0) < 100));
  const carried = (unmet.length ? unmet : plan.items).map((item) => ({
    ...item,
    indicators: item.indicators.map((ind) => {
      const reached = value.get(ind.id)?.value;
      return ind.aggregate === "latest" && reached !== null && reached !== undefined
        ? { ...ind, baseline: reached }
        : ind;
    }),
  }));
  const next = yearFrom(firstYear(year) + 1);
  if (await currentPlan(id, next)) {
    throw new VisibleError("conflict", "plan_exists", "Gelecek yılın planı zaten başlatılmış.");
  }
  const at = now().toISOString();
  const user = useUser();
  await transact([
    put(
      entities().Plan.create({
        partnershipId: id,
        schoolYear: next,
        planVersion: "0001",
        status: "draft",
        items: carried,
        agreements: {},
        receipts: {},
        origin: `report:${year}`,
        rev: 1,
        createdAt: at,
        updatedAt: at,
      }),
    ),
    put(
      entities().History.create({
        partnershipId: id,
        kind: "plan",
        schoolYear: next,
        seq: createId("audit").slice(4),
        action: "create_from_report",
        planVersion: 1,
        to: "draft",
        actorId: user.userId,
        actorName: user.name,
        at,
      }),
    ),
    await auditOf(p, "partnership.plan.create", { year: next, from: `report:${year}` }),
  ]);
  return { year: next, items: carried.length };
});

export const FileInput = YearInput.extend({ format: z.enum(["json", "xlsx", "pdf"]) });

/**
 * A short-lived (60 s) link to a file of the year's report, for everyone who may read the
 * partnership; each download is an audit event. 404 until a compile has rendered the files.
 */
export const downloadFile = fn(FileInput, async ({ id, year, format }) => {
  const p = await readable(id);
  const { data } = await entities().Report.get({ partnershipId: id, schoolYear: year }).go();
  const file = (data?.files as StoredFiles | undefined)?.items.find((f) => f.format === format);
  if (!file) throw new VisibleError("not_found", "not_found", "Raporun dosyaları henüz hazırlanmadı; raporu derleyin.");
  const link = await presignGet(file.key, { fileName: `okul-ortakligi-raporu-${year}.${format}`, expiresIn: 60 });
  await Audit.record({
    action: "partnership.report.download",
    entity: { type: "partnership", id: p.id },
    scope: { type: "partnership", id: p.id },
    data: { year, format },
  });
  return link;
});
