/**
 * The province report (issue 13): compiled in a fresh process (bench/report-child.ts) over the
 * seeded province. Budgets from the issue: peak RSS ≤ 300 MB, and time ≤ 1.5 × the time to merely
 * read the same items with paginated Queries, measured in the same process just before.
 */
import { join } from "node:path";
import { runChild as runChildOf } from "./lib/child";
import { info, maxResult, type Result, ratioResult } from "./lib/result";

export const budgets = { ratio: 1.5, peakMb: 300 };

type ChildReport = {
  status: string;
  items: number;
  readMs: number;
  ms: number;
  rssBefore: number;
  peakRss: number;
  totals: { activities: number; evidence: number };
  files: { format: string; size: number }[];
};

const runChild = (root: string, args: string[]) => runChildOf<ChildReport>(root, "report-child.ts", args);

export async function reportsBench(root: string, options: { province: string; year: string }): Promise<Result[]> {
  const report = await runChild(root, [options.province, options.year]);
  if (report.status !== "succeeded") throw new Error(`province report ended ${report.status}`);
  const group = "reports";
  const mb = 1024 * 1024;
  return [
    ratioResult(
      group,
      "province report: compile time",
      report.ms,
      "ms",
      report.readMs,
      budgets.ratio,
      `${report.items} items read (activities ${report.totals.activities} of the year, verified evidence ${report.totals.evidence}); one pass of 500-item pages, a checkpoint at most once a second, JSON+CSV+XLSX+PDF written to S3; baseline: the same paginated Queries with nothing counted, same process, just before (both after an untimed warm-up pass of the same Queries)`,
    ),
    maxResult(
      group,
      "province report: peak RSS",
      report.peakRss / mb,
      "MB",
      budgets.peakMb,
      "whole child process (tsx loaded), sampled every 20 ms and maxRSS",
    ),
    info(
      group,
      "province report: files",
      report.files.reduce((t, f) => t + f.size, 0) / 1024,
      "KB",
      null,
      report.files.map((f) => `${f.format} ${(f.size / 1024).toFixed(1)} KB`).join(", "),
    ),
  ];
}
