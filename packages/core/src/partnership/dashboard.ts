/**
 * Officer dashboards of the Okul Ortaklığı Programı: a province's pairs (province officers, OGM)
 * or a cohort's pairs nationwide (OGM), each row with the pair's status, its plan's and report's
 * step in the chain for the school year and its plan attainment.
 *
 * Paginated, never a Scan: a page is one Query on a named index (`byProvince` of the member
 * items, `byCohort` of the partnerships) plus three reads per pair (plan, report, actuals).
 * Every page carries ADDITIVE totals of its rows (counts, and attainment as a sum and a count),
 * so a client that needs a whole province or cohort adds the pages up exactly.
 */
import * as z from "zod";
import { assert } from "../access";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { fromCursor, PageInput } from "../util/page";
import { attainment } from "./attainment";
import { entities } from "./entities";
import { ChainStatus, SchoolYear, Status } from "./fields";
import { current as currentPlan } from "./plan";
import { loadReport } from "./report";
import { load, type Stored, statusOn } from "./store";
import { actualPoints } from "./work";

export const Input = PageInput.extend({
  year: SchoolYear,
  /** A province's pairs (either member school in it). */
  province: z
    .string()
    .regex(/^(0[1-9]|[1-7]\d|8[01])$/)
    .optional(),
  /** A cohort (start year): nationwide without `province`, a filter with it. */
  cohort: z
    .string()
    .regex(/^20\d\d$/)
    .optional(),
});

const Counts = z.record(z.string(), z.number().int());

export const Row = z
  .object({
    id: z.string(),
    cohort: z.string(),
    startYear: z.string(),
    status: Status,
    schools: z.array(z.object({ code: z.string(), name: z.string(), province: z.string() })),
    leadSchool: z.string(),
    plan: ChainStatus.nullable(),
    planVersion: z.number().int().nullable(),
    report: ChainStatus.nullable(),
    /** Plan attainment in percent (null without a plan or indicators). */
    attainment: z.number().nullable(),
  })
  .meta({ id: "PartnershipDashboardRow" });
export type Row = z.infer<typeof Row>;

export const Totals = z
  .object({
    partnerships: z.number().int(),
    /** By partnership status (active, ending, ended, upcoming). */
    byStatus: Counts,
    /** By the plan's / report's step; `none` when not started. */
    plans: Counts,
    reports: Counts,
    /** Plans sent by the I. grup school (submitted, received or forwarded). */
    plansSubmitted: z.number().int(),
    /** Plans through the chain (forwarded to OGM). */
    plansApproved: z.number().int(),
    reportsSubmitted: z.number().int(),
    reportsApproved: z.number().int(),
    /** Sum and count of the rows' attainment: add pages up, then divide. */
    attainmentSum: z.number(),
    attainmentCount: z.number().int(),
    /** Mean attainment of this page's rows (one decimal). */
    attainment: z.number().nullable(),
  })
  .meta({ id: "PartnershipDashboardTotals" });
export type Totals = z.infer<typeof Totals>;

export const Dashboard = z
  .object({
    year: z.string(),
    scope: z.object({ province: z.string().optional(), cohort: z.string().optional() }),
    items: z.array(Row),
    totals: Totals,
    cursor: z.string().nullable(),
  })
  .meta({ id: "PartnershipDashboard" });
export type Dashboard = z.infer<typeof Dashboard>;

const sent: readonly (string | null)[] = ["submitted", "received", "forwarded"];

async function rowOf(p: Stored, year: string): Promise<Row> {
  const [plan, report] = await Promise.all([currentPlan(p.id, year), loadReport(p.id, year)]);
  return {
    id: p.id,
    cohort: p.cohort,
    startYear: p.startYear,
    status: statusOn(p.startYear, year),
    schools: p.schools.map((s) => ({ code: s.code, name: s.name, province: s.province })),
    leadSchool: p.leadSchool,
    plan: plan?.status ?? null,
    planVersion: plan?.version ?? null,
    report: report?.status ?? null,
    attainment: plan ? attainment(plan.items, await actualPoints(p.id, year)).percent : null,
  };
}

/** Additive totals of some rows (pure). */
export function totalsOf(rows: readonly Row[]): Totals {
  const count = (values: string[]) => {
    const out: Record<string, number> = {};
    for (const v of values) out[v] = (out[v] ?? 0) + 1;
    return out;
  };
  const att = rows.flatMap((r) => (r.attainment === null ? [] : [r.attainment]));
  const sum = Math.round(att.reduce((s, x) => s + x, 0) * 10) / 10;
  return {
    partnerships: rows.length,
    byStatus: count(rows.map((r) => r.status)),
    plans: count(rows.map((r) => r.plan ?? "none")),
    reports: count(rows.map((r) => r.report ?? "none")),
    plansSubmitted: rows.filter((r) => sent.includes(r.plan)).length,
    plansApproved: rows.filter((r) => r.plan === "forwarded").length,
    reportsSubmitted: rows.filter((r) => sent.includes(r.report)).length,
    reportsApproved: rows.filter((r) => r.report === "forwarded").length,
    attainmentSum: sum,
    attainmentCount: att.length,
    attainment: att.length ? Math.round((sum / att.length) * 10) / 10 : null,
  };
}

/**
 * A page of the dashboard: a province's pairs (province officers of that province, OGM), or a
 * cohort's pairs nationwide (OGM). 400 when neither is given; 403 outside the caller's scope.
 */
export const get = fn(Input, async ({ year, province, cohort, limit, cursor }): Promise<Dashboard> => {
  if (!province && !cohort) {
    throw new VisibleError("input", "filter_required", "İl ya da başlangıç yılı seçilmeli.");
  }
  assert("partnership.dashboard", { place: province ? { province } : {} });
  const { Member, Partnership } = entities();
  let ids: string[];
  let next: string | null;
  if (province) {
    const page = await fromCursor(cursor, (c) =>
      Member.query.byProvince({ provinceCode: province }).go({ limit: Math.min(limit, 50), cursor: c }),
    );
    ids = page.data.map((m) => m.partnershipId);
    next = page.cursor;
  } else {
    const page = await fromCursor(cursor, (c) =>
      Partnership.query.byCohort({ cohort: cohort as string }).go({ limit: Math.min(limit, 50), cursor: c }),
    );
    ids = page.data.map((p) => p.partnershipId);
    next = page.cursor;
  }
  const pairs = (await Promise.all(ids.map((id) => load(id)))).filter(
    (p): p is Stored => !!p && (!cohort || p.cohort === cohort),
  );
  const items = await Promise.all(pairs.map((p) => rowOf(p, year)));
  return {
    year,
    scope: { ...(province ? { province } : {}), ...(cohort ? { cohort } : {}) },
    items,
    totals: totalsOf(items),
    cursor: next,
  };
});
