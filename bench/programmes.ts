/**
 * The programme jobs over the seeded province (bench/seed-programmes.ts). Each job's baseline is
 * measured in one fresh process and the job itself in another (bench/programme-child.ts), so the
 * job's peak RSS is its own and not that of the baseline's reads. Budgets (issue 14 names none for these;
 * issue 10 asks "in seconds" for a province round of 5,000 activities × 3 reviewers over 200
 * members, issue 12 asks for the reminder run's time to be budgeted here):
 *
 * - review assignment (`review-assign`): time ≤ 2 × (reading the round's entries, panel and pairs
 *   with the same Queries + as many 98-put transactions as the job writes, each timed directly).
 *   The job's I/O is exactly that; what it adds is the assignment itself (greedy placement and
 *   the rebalancing pass, O(entries × panel)), building and validating the items, and one audit
 *   event. Twice the bare I/O leaves that work its room and still catches a quadratic step or a
 *   round trip per pair.
 * - daily reminders (`reminders`): time ≤ 2 × (reading what the run reads — the calendars and every
 *   due milestone's pending people, with the sources' own Queries — + one single-item round trip
 *   for each further DynamoDB call the run makes). Beyond its reads, the run is a chain of small
 *   calls per person (directory lookups, the digest + ledger transaction, the drain's claim,
 *   suppression check and mark); a transaction costs more than a PutItem and each digest is
 *   rendered and written to the outbox, hence 2 and not 1.
 * - partnership yearly report (`partnership-report`, one pair): reported with its read baseline
 *   for information; the compile renders a PDF and an XLSX whose cost has no I/O baseline.
 * - peak RSS ≤ 300 MB for each (the same cap issue 13 sets for reports): the whole job process
 *   (Node, tsx compiling the sources, the worker's modules, then the job), which ran nothing else.
 */
import { runChild as runChildOf } from "./lib/child";
import { info, maxResult, type Result, ratioResult } from "./lib/result";
import type { Seeded } from "./seed";
import { seededProgrammes } from "./seed-programmes";

export const budgets = { assignRatio: 2, remindersRatio: 2, peakMb: 300 };

type ChildReport = Record<string, number | string | unknown> & {
  ms: number;
  calls: number;
  readMs: number;
  readCalls: number;
  rssBefore: number;
  peakRss: number;
};

/** The job's baseline in one fresh process, then the job in another; their figures merged. */
async function runChild(root: string, args: string[]): Promise<ChildReport> {
  const baseline = await runChildOf<ChildReport>(root, "programme-child.ts", ["baseline", ...args]);
  const job = await runChildOf<ChildReport>(root, "programme-child.ts", ["job", ...args]);
  return { ...baseline, ...job, baselinePeakRss: baseline.peakRss };
}

const mb = 1024 * 1024;
const group = "programme jobs";

function rss(name: string, report: ChildReport): Result {
  return {
    ...maxResult(group, `${name}: peak RSS`, report.peakRss / mb, "MB", budgets.peakMb),
    baseline: Number((report.rssBefore / mb).toFixed(1)),
    ratio: Number((report.peakRss / report.rssBefore).toFixed(3)),
    note: `the job's own process (Node + tsx + the worker's modules + the job; its baseline ran in another process, whose peak was ${((report.baselinePeakRss as number) / mb).toFixed(0)} MB), the larger of a 20 ms sampler and maxRSS; baseline: the job process's RSS once loaded, just before the job`,
  };
}

/**
 * Runs before the API group: the assignment it times is what gives the reviewers the queue the
 * API group reads, and the reminder day finds those assignments unscored.
 */
export async function programmesBench(root: string, seeded: Seeded): Promise<Result[]> {
  const p = seededProgrammes();
  const results: Result[] = [];

  const a = await runChild(root, ["assign", seeded.province, p.roundId]);
  const assignBaseline = a.readMs + (a.transactions as number) * (a.txMs as number);
  results.push(
    ratioResult(
      group,
      `review assignment (${a.entries} activities × ${p.k} over ${a.members} members): time`,
      a.ms,
      "ms",
      assignBaseline,
      budgets.assignRatio,
      `${a.pairs} pairs written in ${a.transactions} transactions, ${a.short} short, max load ${a.maxLoad}; ${a.calls} DynamoDB calls. Baseline: the round's entries, panel and pairs read with the same Queries (${a.readMs.toFixed(0)} ms) + ${a.transactions} × the median TransactWriteItems of 98 assignment items written directly (${(a.txMs as number).toFixed(1)} ms), in a fresh process just before the job's own. k = 2: that I/O is all the job must do; the factor leaves room for the assignment itself (greedy placement + rebalancing, O(entries × panel)), item building and the audit event, and still fails on a quadratic step or a round trip per pair`,
    ),
    rss("review assignment", a),
  );

  const r = await runChild(root, ["reminders", p.reminderDay]);
  const extra = Math.max(0, r.calls - r.readCalls);
  const remindersBaseline = r.readMs + extra * (r.putMs as number);
  results.push(
    ratioResult(
      group,
      `daily reminders as of ${p.reminderDay}: time`,
      r.ms,
      "ms",
      remindersBaseline,
      budgets.remindersRatio,
      `${r.milestones} milestones due, ${r.pending} pending items, ${r.people} people, ${r.committed} digests committed, ${r.sent} sent; ${r.calls} DynamoDB calls. Baseline: the calendars and each due milestone's pending people read with the sources' own Queries (${r.readMs.toFixed(0)} ms, ${r.readCalls} calls) + ${extra} further calls × the median single PutItem (${(r.putMs as number).toFixed(1)} ms), in a fresh process just before the job's own. k = 2: past its reads the run is small calls per person (directory lookups, the digest + ledger transaction, the drain's claim, suppression check and mark); a transaction costs more than a PutItem and each digest is rendered and written to the outbox, so the factor is 2, not 1; a read per item or a per-person Query of the sources would fail it`,
    ),
    rss("daily reminders", r),
  );

  if (p.samplePartnership) {
    const c = await runChild(root, ["partnership-report", p.samplePartnership, seeded.year]);
    const files = (c.files as { format: string; size: number }[]).map(
      (f) => `${f.format} ${(f.size / 1024).toFixed(1)} KB`,
    );
    results.push(
      info(
        group,
        "partnership yearly report (one pair): compile time",
        c.ms,
        "ms",
        c.readMs,
        `${c.outcome}; plan of ${c.items} items, ${c.works} joint activities, ${c.actuals} actuals; files ${files.join(", ")}; ${c.calls} DynamoDB calls. Baseline: the compile's reads with the same functions (${c.readCalls} calls), in a fresh process just before; no budget on time: rendering the PDF and XLSX has no I/O baseline`,
      ),
      rss("partnership yearly report", c),
    );
  }
  return results;
}
