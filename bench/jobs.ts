/**
 * Jobs: the CSV imports of 5,000 schools and of 2,000 staff (the files' row limits), each in a
 * fresh process (bench/job-child.ts) so peak RSS is the import's own. Time per row is compared
 * with one PutItem round trip measured in the same process just before; peak RSS with the RSS
 * once everything is loaded.
 *
 * The issue names no budgets for imports; these are this benchmark's (see BENCHMARKS.md):
 * schools ≤ 2 × the same number of school-sized items written directly with PutItem, 25 in flight
 * as the import writes them (the import adds parsing, validation and a BatchGet of the existing
 * schools); staff ≤ 3 × as many single PutItem round trips as the row makes DynamoDB calls (a row
 * looks up the address, creates the person in a transaction, audits, reads the person back,
 * grants the role and writes an invitation to the outbox, one after another; transactions cost
 * more than a PutItem); peak RSS ≤ loaded RSS + 128 MB.
 *
 * Later jobs (review assignment, daily reminders, province report) add an entry to `jobs` here
 * with their own budget when those issues land.
 */
import { withActor } from "../packages/core/src/actor";
import { District } from "../packages/core/src/org";
import { runChild as runChildOf } from "./lib/child";
import { maxResult, type Result, ratioResult } from "./lib/result";

export const budgets = { schoolsRow: 2, staffRow: 3, rssGrowthMb: 128 };

type ChildReport = {
  kind: string;
  rows: number;
  written: number;
  errors: number;
  ms: number;
  putMs: number;
  directMs: number;
  calls: number;
  rssBefore: number;
  peakRss: number;
};

const runChild = (root: string, args: string[]) => runChildOf<ChildReport>(root, "job-child.ts", args);

export async function jobsBench(
  root: string,
  options: { schools: number; staff: number; staffSchool: string },
): Promise<Result[]> {
  const province = "16";
  await withActor({ actor: { type: "system", reason: "bench import setup" }, requestId: "bench" }, async () => {
    for (let i = 1; i <= 20; i++) await District.create({ province, name: `Aktarım İlçe ${i}` });
  });
  const results: Result[] = [];
  const jobs = [
    {
      name: `import ${options.schools} schools`,
      args: ["schools", String(options.schools), province],
      budget: budgets.schoolsRow,
      // Rows are written 25 at a time: compare with the same writes made directly, 25 in flight.
      baseline: (r: ChildReport) => r.directMs,
      baselineText: "school-sized conditional PutItems written directly, 25 in flight, time per item",
    },
    {
      name: `import ${options.staff} staff`,
      args: ["staff", String(options.staff), options.staffSchool],
      budget: budgets.staffRow,
      // Rows go one after another: compare with as many single PutItem round trips as a row makes calls.
      baseline: (r: ChildReport) => (r.putMs * r.calls) / r.rows,
      baselineText: "the row's DynamoDB calls counted, times the median single PutItem round trip",
    },
  ];
  for (const job of jobs) {
    const report = await runChild(root, job.args);
    if (report.errors > 0 || report.written !== report.rows) {
      throw new Error(`${job.name}: ${report.written} of ${report.rows} rows written, ${report.errors} refused`);
    }
    const group = "jobs";
    const mb = 1024 * 1024;
    results.push(
      ratioResult(
        group,
        `${job.name}: time per row`,
        report.ms / report.rows,
        "ms",
        job.baseline(report),
        job.budget,
        `${(report.ms / 1000).toFixed(1)} s in all; ${(report.calls / report.rows).toFixed(1)} DynamoDB calls a row; single PutItem ${report.putMs.toFixed(1)} ms; baseline: ${job.baselineText}, same process, just before`,
      ),
      {
        ...maxResult(
          group,
          `${job.name}: peak RSS`,
          report.peakRss / mb,
          "MB",
          report.rssBefore / mb + budgets.rssGrowthMb,
        ),
        baseline: Number((report.rssBefore / mb).toFixed(1)),
        ratio: Number((report.peakRss / report.rssBefore).toFixed(3)),
        budget: `≤ baseline + ${budgets.rssGrowthMb} MB`,
        note: "baseline: RSS of the same process once loaded, before the import",
      },
    );
  }
  return results;
}
