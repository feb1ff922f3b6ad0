/**
 * The report job types as the registry declares them (parameters, who may start them, where they
 * sit). Their work runs only in the job worker and the local pool (`./system.ts`, wired in
 * `job/system.ts`), so the API bundle carries neither the compiler nor PDF/XLSX/chart libraries.
 */
import * as z from "zod";
import type { Scope } from "../actor";
import { ScopeText, ValidScope } from "../identity/scope";
import { defineJob } from "../job/define";
import { SchoolYear, schoolYearOf } from "../util/date";

export const formats = ["json", "csv", "xlsx", "pdf"] as const;
export type Format = (typeof formats)[number];
export const contentTypes: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

export const Params = z.object({
  /** A scope, or its text form (`province:10`, `national`) as `npm run job -- report --param scope=…` gives it. */
  scope: z
    .union([ValidScope, ScopeText])
    .refine((s) => s.type !== "partnership", { message: "Ortaklık raporları henüz yok." }),
  /** Default: the school year that ended before the job's day (on 1 September, the one just ended). */
  year: SchoolYear.optional(),
  /** Items per Query page (tests use small pages to stop half way). */
  pageSize: z.number().int().min(5).max(1000).default(500),
  /** Set on the province jobs of a national fan-out: the national job's id. */
  parent: z.string().max(64).optional(),
});
export type Params = z.infer<typeof Params>;

/** The school year that ended before `day` (Istanbul date). */
export function yearEndedBefore(day: string): string {
  const current = schoolYearOf(new Date(`${day}T12:00:00+03:00`));
  const start = Number(current.slice(0, 4)) - 1;
  return `${start}-${start + 1}`;
}

/** Where a run's files live. */
/** Where a run's files live. */
export function prefixOf(scope: Scope, year: string, jobId: string): string {
  return `reports/${scope.type}/${scope.id || "-"}/${year}/${jobId}/`;
}

const workerOnly = async (): Promise<never> => {
  throw new Error("report jobs run only in the job worker (workerJobTypes)");
};

/** The report job type (`npm run job -- report --param scope=province:10 --param year=2025-2026`). */
export const reportJob = defineJob({
  type: "report",
  title: "Yıllık rapor",
  params: Params,
  action: "report.run",
  scope: (p) => p.scope,
  place: async (p) => {
    const { placeOrFail } = await import("../identity/scope");
    return placeOrFail(p.scope);
  },
  run: workerOnly,
});

/**
 * The yearly schedule (1 September, Istanbul): the national report (which makes every province's
 * report on the way) and every district's, for the school year that ended. Schools' reports are
 * made on demand (one Query each; tens of thousands of files nobody asked for are not worth it).
 */
export const yearlyReports = defineJob({
  type: "report-yearly",
  title: "Yıllık raporların derlenmesi",
  params: z.object({}),
  action: "job.run",
  scope: () => ({ type: "national", id: "" }),
  place: async () => ({}),
  run: workerOnly,
});
