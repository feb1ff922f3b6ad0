/**
 * The CSV imports as the benchmark runs them, kept in one place: today they are the core
 * operations called directly (as an administrator would through the API); when imports become
 * jobs, re-point these two functions at the job entry and the rest of the benchmark stays.
 */
import { withActor } from "../packages/core/src/actor";
import { Staff } from "../packages/core/src/identity";
import { School } from "../packages/core/src/org";

const asSystem = <T>(work: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "bench import" }, requestId: "bench-import" }, work);

/** Import a province's schools CSV; returns the rows that landed and the rows refused. */
export async function importSchools(province: string, csv: string): Promise<{ written: number; errors: number }> {
  const report = await asSystem(() => School.importCsv({ province, csv }));
  return { written: report.created + report.updated, errors: report.errors.length };
}

/** Import one school's staff CSV; returns the people written and the rows refused. */
export async function importStaff(school: string, csv: string): Promise<{ written: number; errors: number }> {
  const report = await asSystem(() => Staff.importCsv({ school, csv }));
  return { written: report.granted, errors: report.errors.length };
}
