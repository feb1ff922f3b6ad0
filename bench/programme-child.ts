/**
 * One phase of one programme job in a fresh process:
 *
 *   node --import tsx bench/programme-child.ts <baseline|job> assign <province> <roundId>
 *   node --import tsx bench/programme-child.ts <baseline|job> reminders <asOf>
 *   node --import tsx bench/programme-child.ts <baseline|job> partnership-report <partnershipId> <year>
 *
 * `baseline` reads the job's inputs with the same Queries (the domains' own read functions) and,
 * where the job's work is mostly writes, times the same kind of writes made directly (see
 * bench/programmes.ts). `job` runs the job as the worker does (`Job.start` + `Job.system.execute`
 * with `workerJobTypes`), counting its DynamoDB calls. The two are separate processes so that
 * the job process's peak RSS is the job's own: it never held the baseline's arrays (V8 seldom
 * gives heap back to the system once it has grown). The job process reports its RSS once its
 * modules are loaded (`rssBefore`) and its peak (`peakRss`): the larger of a 20 ms sampler and
 * the kernel's maxRSS, so it covers the whole process (tsx included). Prints one JSON line.
 */
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { withActor } from "../packages/core/src/actor";
import { loadCalendar } from "../packages/core/src/calendar/calendar";
import { dynamo } from "../packages/core/src/db";
import { Job } from "../packages/core/src/job";
import { workerJobTypes } from "../packages/core/src/job/system";
import { entities as partnershipEntities } from "../packages/core/src/partnership/entities";
import { current as currentPlan } from "../packages/core/src/partnership/plan";
import { loadReport } from "../packages/core/src/partnership/report";
import { reportJob as partnershipReport } from "../packages/core/src/partnership/report-job";
import { load as loadPartnership } from "../packages/core/src/partnership/store";
import { actualPoints, worksOf } from "../packages/core/src/partnership/work";
import { remindersJob } from "../packages/core/src/reminder/job";
import { dueOn, registeredSources } from "../packages/core/src/reminder/system";
import { entities as reviewEntities } from "../packages/core/src/review/entities";
import { reviewAssign } from "../packages/core/src/review/job";
import { assignmentsOf, entriesOf, membersOf } from "../packages/core/src/review/store";
import { config } from "../packages/core/src/util/config";
import { median } from "./lib/result";

const [phase, kind, ...args] = process.argv.slice(2);
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "bench programme job" }, requestId: "bench" }, run);

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

let calls = 0;
dynamo().middlewareStack.add(
  (next) => async (input) => {
    calls += 1;
    return next(input);
  },
  { step: "initialize", name: "benchCounter" },
);

/** Median single PutItem round trip to the same table, measured now. */
async function putMedian(): Promise<number> {
  const puts: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    await dynamo().send(
      new PutItemCommand({
        TableName: config().tableName,
        Item: { pk: { S: `bench#put#${kind}#${i}` }, sk: { S: "-" }, n: { N: String(i) } },
      }),
    );
    if (i >= 10) puts.push(performance.now() - started);
  }
  return median(puts);
}

/** Time with the calls it made. */
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; calls: number; value: T }> {
  const before = calls;
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, calls: calls - before, value };
}

/** Runs a job as the worker does and returns its record. */
async function runJob<P>(type: Parameters<typeof Job.start<P>>[0], params: P, asOf?: string) {
  return system(async () => {
    const { job } = await Job.start(type, { params, enqueue: false, ...(asOf ? { asOf } : {}) });
    const outcome = await Job.system.execute(job.id, workerJobTypes);
    if (outcome.status !== "succeeded") throw new Error(`${type.type}: ${outcome.status}`);
    return Job.get(job.id);
  });
}

type Report = Record<string, unknown>;

/** The assignment's baseline: its reads, then 98-item transactions written directly. */
async function assignBaseline(_province: string, roundId: string): Promise<Report> {
  // 1: the job's reads, with the same functions (the round, its entries, panel, pairs).
  const read = await timed(async () => {
    await reviewEntities().Round.get({ roundId }).go();
    const [entries, members, existing] = await Promise.all([
      entriesOf(roundId),
      membersOf(roundId),
      assignmentsOf(roundId),
    ]);
    return { entries: entries.length, members: members.length, existing: existing.length, sample: entries[0] };
  });
  // 2: one transaction of 98 assignment-sized puts (what the job writes per transaction), into a
  // scratch round; the median of 10.
  const doc = DynamoDBDocumentClient.from(dynamo());
  const { Assignment } = reviewEntities();
  const sample = read.value.sample;
  if (!sample) throw new Error("the round has no entries");
  const txs: number[] = [];
  for (let t = 0; t < 12; t++) {
    const items = Array.from({ length: 98 }, (_, i) => {
      const p = Assignment.create({
        roundId: `bench-scratch-${t}`,
        activityId: `${sample.activityId}-${i}`,
        reviewerId: `usr_bench${i % 7}`,
        reviewerName: "Bench Değerlendirici",
        area: sample.area,
        title: sample.title,
        schoolCode: sample.schoolCode,
        districtId: sample.districtId,
        provinceCode: sample.provinceCode,
        version: 1,
      }).params() as { TableName: string; Item: Record<string, unknown>; ConditionExpression?: string };
      return { Put: p };
    });
    const started = performance.now();
    await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
    if (t >= 2) txs.push(performance.now() - started);
  }
  return {
    readMs: read.ms,
    readCalls: read.calls,
    txMs: median(txs),
    entries: read.value.entries,
    members: read.value.members,
  };
}

/** The assignment job, as the worker runs it. */
async function assignJob(province: string, roundId: string): Promise<Report> {
  const rssBefore = process.memoryUsage().rss;
  const run = await timed(() => runJob(reviewAssign, { province, roundId, seed: "bench" }));
  const result = run.value.result as { pairs: number; short: number; maxLoad: number };
  return {
    ms: run.ms,
    calls: run.calls,
    transactions: Math.max(1, Math.ceil(result.pairs / 98)),
    ...result,
    rssBefore,
  };
}

/**
 * The reminders' baseline: what the run reads — the calendars of the day's school year and the
 * one before, and, for every milestone due that day, its source's pending people (the same
 * Queries) — and the median single PutItem round trip.
 */
async function remindersBaseline(asOf: string): Promise<Report> {
  const read = await timed(async () =>
    system(async () => {
      const y = Number(asOf.slice(0, 4)) - (Number(asOf.slice(5, 7)) >= 9 ? 0 : 1);
      let pending = 0;
      let milestones = 0;
      for (const year of [`${y - 1}-${y}`, `${y}-${y + 1}`]) {
        const calendars = [
          await loadCalendar({ programme: "okul-ortakligi", schoolYear: year }),
          await loadCalendar({ programme: "bigep", schoolYear: year, province: "10" }),
        ];
        for (const cal of calendars) {
          for (const m of cal.milestones) {
            const source = registeredSources().get(m.rule);
            if (m.rule === "none" || !source || !dueOn(asOf, m.to)) continue;
            milestones += 1;
            const ctx = { programme: cal.programme, scope: cal.scope, schoolYear: cal.schoolYear, asOf };
            for await (const _ of source.pending(m, ctx)) pending += 1;
          }
        }
      }
      return { pending, milestones };
    }),
  );
  return { readMs: read.ms, readCalls: read.calls, putMs: await putMedian(), pending: read.value.pending };
}

/** The daily reminder run, as the worker runs it. */
async function remindersRun(asOf: string): Promise<Report> {
  const rssBefore = process.memoryUsage().rss;
  const run = await timed(() => runJob(remindersJob, {}, asOf));
  return { ms: run.ms, calls: run.calls, ...(run.value.result as Record<string, number>), rssBefore };
}

/** The yearly report's baseline: the compile's reads (the pair, its plan, joint activities, actuals, meetings, report). */
async function partnershipReportBaseline(partnershipId: string, year: string): Promise<Report> {
  const read = await timed(async () => {
    await loadPartnership(partnershipId);
    const plan = await currentPlan(partnershipId, year);
    const [works, actuals] = await Promise.all([worksOf(partnershipId, year), actualPoints(partnershipId, year)]);
    await partnershipEntities().Meeting.query.byPartnership({ partnershipId }).go({ pages: "all" });
    await loadReport(partnershipId, year);
    return { items: plan?.items.length ?? 0, works: works.length, actuals: actuals.length };
  });
  return { readMs: read.ms, readCalls: read.calls, ...read.value };
}

/** One partnership's yearly report compiled as the worker does. */
async function partnershipReportCompile(partnershipId: string, year: string): Promise<Report> {
  const rssBefore = process.memoryUsage().rss;
  const run = await timed(() => runJob(partnershipReport, { partnershipId, year }));
  const report = await loadReport(partnershipId, year);
  return {
    ms: run.ms,
    calls: run.calls,
    outcome: (run.value.result as { outcome: string }).outcome,
    files: report?.files?.items ?? [],
    rssBefore,
  };
}

const phases: Record<string, Record<string, (a: string, b: string) => Promise<Report>>> = {
  baseline: { assign: assignBaseline, reminders: remindersBaseline, "partnership-report": partnershipReportBaseline },
  job: { assign: assignJob, reminders: remindersRun, "partnership-report": partnershipReportCompile },
};
const run = phase && kind ? phases[phase]?.[kind] : undefined;
const arity = kind === "reminders" ? 1 : 2;
if (!run || args.length < arity || args.slice(0, arity).some((a) => !a))
  throw new Error(
    "usage: programme-child.ts <baseline|job> assign <province> <roundId> | reminders <asOf> | partnership-report <id> <year>",
  );
const report = await run(args[0] as string, args[1] as string);
clearInterval(sampler);
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
process.stdout.write(`${JSON.stringify({ phase, kind, ...report, peakRss: peak })}\n`);
process.exit(0);
