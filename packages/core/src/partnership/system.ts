/**
 * The partnership domain's system entry: reads for other domains' jobs (calendar reminders,
 * reports) that run without a person and skip the access policy. Not exported from index.ts
 * and not imported by the API.
 */
import * as z from "zod";
import { Scope } from "../actor";
import { attainment } from "./attainment";
import { entities } from "./entities";
import { type ChainStatus, SchoolYear, TERM_YEARS } from "./fields";
import { current as currentPlan } from "./plan";
import { loadReport } from "./report";
import { firstYear, load, type Stored, statusOn, toStored } from "./store";
import { actualPoints } from "./work";

export { compileNow } from "./report";

/** One active partnership of a school year, as the calendar reminders read it. */
export type ReminderRow = {
  partnershipId: string;
  schools: { code: string; province: string; district: string }[];
  coordinatorUserIds: string[];
  /** Each school's coordinator (the I. grup school's one submits). */
  coordinators: { school: string; userId: string }[];
  leadSchool: string;
  plan: ChainStatus | null;
  report: ChainStatus | null;
};

/** Partnerships whose term covers the school year (cohorts of that year and the 3 before). */
async function* activeIn(schoolYear: string): AsyncGenerator<Stored> {
  const first = firstYear(schoolYear);
  for (let cohort = first - TERM_YEARS + 1; cohort <= first; cohort++) {
    let cursor: string | null = null;
    do {
      const page: { data: Parameters<typeof toStored>[0][]; cursor: string | null } = await entities()
        .Partnership.query.byCohort({ cohort: String(cohort) })
        .go({ cursor, limit: 100 });
      for (const row of page.data) {
        const p = toStored(row);
        const status = statusOn(p.startYear, schoolYear);
        if (status === "active" || status === "ending") yield p;
      }
      cursor = page.cursor;
    } while (cursor);
  }
}

/**
 * For the calendar/reminders helper: each partnership active in `schoolYear` with its two
 * schools, coordinator user ids, I. grup school, and its plan's and report's workflow status
 * for that year (null when not started). Streams (one Query page of a cohort at a time).
 */
export async function* remindersView(input: { schoolYear: string }): AsyncGenerator<ReminderRow> {
  const schoolYear = SchoolYear.parse(input.schoolYear);
  for await (const p of activeIn(schoolYear)) {
    const [plan, report] = await Promise.all([currentPlan(p.id, schoolYear), loadReport(p.id, schoolYear)]);
    yield {
      partnershipId: p.id,
      schools: p.schools.map((s) => ({ code: s.code, province: s.province, district: s.district })),
      coordinatorUserIds: Object.values(p.coordinators).map((c) => c.userId),
      coordinators: Object.entries(p.coordinators).map(([school, c]) => ({ school, userId: c.userId })),
      leadSchool: p.leadSchool,
      plan: plan?.status ?? null,
      report: report?.status ?? null,
    };
  }
}

export const SummaryInput = z.object({
  /** `national`, `province:<plate>`, `school:<code>` or `partnership:<id>`. */
  scope: Scope,
  schoolYear: SchoolYear,
});

export type YearSummary = {
  schoolYear: string;
  partnerships: {
    partnershipId: string;
    schools: { code: string; name: string; province: string }[];
    plan: ChainStatus | null;
    planVersion: number | null;
    report: ChainStatus | null;
    /** Plan attainment in percent (null without a plan or indicators). */
    attainment: number | null;
  }[];
  totals: {
    partnerships: number;
    plans: Partial<Record<ChainStatus, number>>;
    reports: Partial<Record<ChainStatus, number>>;
    /** Mean plan attainment over partnerships that have one. */
    attainment: number | null;
  };
};

async function inScope(scope: Scope, schoolYear: string): Promise<Stored[]> {
  if (scope.type === "partnership") {
    const p = await load(scope.id);
    return p ? [p] : [];
  }
  if (scope.type === "national") {
    const all: Stored[] = [];
    for await (const p of activeIn(schoolYear)) all.push(p);
    return all;
  }
  if (scope.type !== "school" && scope.type !== "province") return [];
  const { Member } = entities();
  const query =
    scope.type === "school"
      ? Member.query.bySchool({ schoolCode: scope.id })
      : Member.query.byProvince({ provinceCode: scope.id });
  const { data } = await query.go({ pages: "all" });
  const loaded = await Promise.all(data.map((m) => load(m.partnershipId)));
  return loaded.filter((p): p is Stored => {
    if (!p) return false;
    const status = statusOn(p.startYear, schoolYear);
    return status === "active" || status === "ending";
  });
}

/**
 * For the reports helper: plan and report status and plan attainment of every partnership in
 * a scope that is active in the school year, with totals. System read (no access check): the
 * caller checks its own report's rights.
 */
export async function yearSummary(input: z.input<typeof SummaryInput>): Promise<YearSummary> {
  const { scope, schoolYear } = SummaryInput.parse(input);
  const partnerships = await Promise.all(
    (await inScope(scope, schoolYear)).map(async (p) => {
      const [plan, report] = await Promise.all([currentPlan(p.id, schoolYear), loadReport(p.id, schoolYear)]);
      const att = plan ? attainment(plan.items, await actualPoints(p.id, schoolYear)).percent : null;
      return {
        partnershipId: p.id,
        schools: p.schools.map((s) => ({ code: s.code, name: s.name, province: s.province })),
        plan: plan?.status ?? null,
        planVersion: plan?.version ?? null,
        report: report?.status ?? null,
        attainment: att,
      };
    }),
  );
  const count = (values: (ChainStatus | null)[]) => {
    const out: Partial<Record<ChainStatus, number>> = {};
    for (const v of values) if (v) out[v] = (out[v] ?? 0) + 1;
    return out;
  };
  const withAtt = partnerships.flatMap((p) => (p.attainment === null ? [] : [p.attainment]));
  return {
    schoolYear,
    partnerships,
    totals: {
      partnerships: partnerships.length,
      plans: count(partnerships.map((p) => p.plan)),
      reports: count(partnerships.map((p) => p.report)),
      attainment: withAtt.length ? Math.round((withAtt.reduce((s, x) => s + x, 0) / withAtt.length) * 10) / 10 : null,
    },
  };
}

/** The demo pairs of the local runtime (kept out of index.ts so the API bundle does not carry them). */
export { seedDemoPartnerships } from "./demo";
