/**
 * A province report in a fresh process, so its peak RSS is the report's own:
 * `node --import tsx bench/report-child.ts <province> <year>`. Reads the same items the report
 * reads (every segment of every section, paginated Queries, same page size, nothing counted)
 * twice: once to warm up, then timed — the baseline — and then compiles the report as the worker
 * does (one pass, checkpoints, four formats written to S3). Prints one JSON line.
 */
import { withActor } from "../packages/core/src/actor";
import { Job } from "../packages/core/src/job";
import { reportJob } from "../packages/core/src/report";
import { sections } from "../packages/core/src/report/sections";
import { reportJobTypes } from "../packages/core/src/report/system";
import { loadTarget } from "../packages/core/src/report/target";

const [province, year] = process.argv.slice(2);
if (!province || !year) throw new Error("usage: report-child.ts <province> <year>");
const pageSize = 500;
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "bench report" }, requestId: "bench" }, run);

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

const scope = { type: "province" as const, id: province };
/** The same reads as the report (target, then every segment of every section), nothing counted but items. */
async function readAll(): Promise<number> {
  const { target } = await loadTarget(scope, year as string);
  let items = 0;
  for (const section of sections) {
    for (const segment of section.segments(target)) {
      let cursor: string | null = null;
      do {
        const page = await segment.page(cursor, pageSize);
        items += page.items.length;
        cursor = page.cursor;
      } while (cursor !== null);
    }
  }
  return items;
}
// Warm-up, untimed: the seeding exercised only DynamoDB Local's write path, so the first pass of
// Queries also pays its JIT compilation (measured at full scale: the activities' Queries took
// 12.9 s cold and 9.3 s warm). The baseline and the report are both measured warm.
await readAll();
// Baseline: the same reads, nothing else.
const readStarted = performance.now();
const items = await readAll();
const readMs = performance.now() - readStarted;
const rssBefore = process.memoryUsage().rss;

const started = performance.now();
const done = await system(async () => {
  const { job } = await Job.start(reportJob, { params: { scope, year, pageSize }, enqueue: false });
  await Job.system.execute(job.id, reportJobTypes);
  return Job.get(job.id);
});
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
const result = done.result as {
  totals: { activities: number; evidence: number };
  files: { format: string; size: number }[];
};
console.log(
  JSON.stringify({
    status: done.status,
    items,
    readMs,
    ms,
    rssBefore,
    peakRss: peak,
    totals: result?.totals,
    files: result?.files,
  }),
);
process.exit(0);
