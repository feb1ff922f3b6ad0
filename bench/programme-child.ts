/**
 * One programme job in a fresh process, so its peak RSS is the job's own:
 *
 *   node --import tsx bench/programme-child.ts assign <province> <roundId>
 *   node --import tsx bench/programme-child.ts reminders <asOf>
 *   node --import tsx bench/programme-child.ts partnership-report <partnershipId> <year>
 *
 * Each first measures its baseline — reading the job's inputs with the same Queries (the domains'
 * own read functions), plus, where the job's work is mostly writes, the same number of writes
 * made directly (see bench/programmes.ts) — then runs the job as the worker does (`Job.start` +
 * `Job.system.execute` with `workerJobTypes`), counting its DynamoDB calls. Prints one JSON line.
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

const [kind, ...args] = process.argv.slice(2);
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

async function assign(province: string, roundId: string): Promise<Report> {
  // Baseline 1: the job's reads, with the same functions (the round, its entries, panel, pairs).
  const read = await timed(async () => {
    await reviewEntities().Round.get({ roundId }).go();
    const [entries, members, existing] = await Promise.all([
      entriesOf(roundId),
      membersOf(roundId),
      assignmentsOf(roundId),
    ]);
    return { entries: entries.length, members: members.length, existing: existing.length, sample: entries[0] };
  });
  // Baseline 2: one transaction of 98 assignment-sized puts (what the job writes per transaction),
  // into a scratch round; the median of 10.
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
  const rssBefore = process.memoryUsage().rss;
  const run = await timed(() => runJob(reviewAssign, { province, roundId, seed: "bench" }));
  const result = run.value.result as { pairs: number; short: number; maxLoad: number };
  return {
    ms: run.ms,
    calls: run.calls,
    readMs: read.ms,
    readCalls: read.calls,
    txMs: median(txs),
    transactions: Math.max(1, Math.ceil(result.pairs / 98)),
    entries: read.value.entries,
    members: read.value.members,
    ...result,
    rssBefore,
  };
}

async function reminders(asOf: string): Promise<Report> {
  // Baseline: what the run reads — the calendars of the day's school year and the one before,
  // and, for every milestone due that day, its source's pending people (the same Queries).
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
  const put = await putMedian();
  const rssBefore = process.memoryUsage().rss;
  const run = await timed(() => runJob(remindersJob, {}, asOf));
  return {
    ms: run.ms,
    calls: run.calls,
    readMs: read.ms,
    readCalls: read.calls,
    putMs: put,
    pending: read.value.pending,
    ...(run.value.result as Record<string, number>),
    rssBefore,
  };
}

async function partnershipReportCompile(partnershipId: string, year: string): Promise<Report> {
  // Baseline: the compile's reads (the pair, its plan, joint activities, actuals, meetings, report).
  const read = await timed(async () => {
    await loadPartnership(partnershipId);
    const plan = await currentPlan(partnershipId, year);
    const [works, actuals] = await Promise.all([worksOf(partnershipId, year), actualPoints(partnershipId, year)]);
    await partnershipEntities().Meeting.query.byPartnership({ partnershipId }).go({ pages: "all" });
    await loadReport(partnershipId, year);
    return { items: plan?.items.length ?? 0, works: works.length, actuals: actuals.length };
  });
  const rssBefore = process.memoryUsage().rss;
  const run = await timed(() => runJob(partnershipReport, { partnershipId, year }));
  const report = await loadReport(partnershipId, year);
  return {
    ms: run.ms,
    calls: run.calls,
    readMs: read.ms,
    readCalls: read.calls,
    ...read.value,
    outcome: (run.value.result as { outcome: string }).outcome,
    files: report?.files?.items ?? [],
    rssBefore,
  };
}

let report: Report;
if (kind === "assign" && args[0] && args[1]) report = await assign(args[0], args[1]);
else if (kind === "reminders" && args[0]) report = await reminders(args[0]);
else if (kind === "partnership-report" && args[0] && args[1]) report = await partnershipReportCompile(args[0], args[1]);
else
  throw new Error(
    "usage: programme-child.ts assign <province> <roundId> | reminders <asOf> | partnership-report <id> <year>",
  );
clearInterval(sampler);
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
process.stdout.write(`${JSON.stringify({ kind, ...report, peakRss: peak })}\n`);
process.exit(0);
