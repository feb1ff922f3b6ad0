/**
 * Review work without a person (jobs, reminders, reports): exported as
 * `@bigep/core/system/review`; the API may not import it.
 *
 * - `pendingByReviewer({ province, schoolYear })` — for the calendar/reminders: every round's
 *   window and, per reviewer, how many of their assignments are not submitted yet.
 * - `yearSummary({ province, schoolYear })` — for reports: review statistics and awards.
 * - `reviewAssign` — the assignment of a large round as a job.
 */
import * as z from "zod";
import "./windows";
import { Province } from "../org";
import { SchoolYear } from "../util/date";
import { entities } from "./entities";
import { type Tier, tiers } from "./scoring";
import { assignmentsOf, entriesOf, type RoundRow, reviewStatesOf } from "./store";

export const YearInput = z.object({ province: Province.Code, schoolYear: SchoolYear });
export type YearInput = z.input<typeof YearInput>;

async function roundsOf(province: string, schoolYear: string): Promise<RoundRow[]> {
  const { data } = await entities().Round.query.byYear({ provinceCode: province, schoolYear }).go({ pages: "all" });
  return data;
}

export type Pending = {
  roundId: string;
  level: "school" | "district" | "province";
  /** Istanbul date-times `YYYY-MM-DDTHH:mm` (opening included, closing excluded). */
  window: { from: string; to: string };
  reviewerId: string;
  /** Assignments of this reviewer in this round not submitted yet (0 included). */
  pending: number;
};

/** Each round's window and, per reviewer, the number of unsubmitted assignments. */
export async function pendingByReviewer(input: YearInput): Promise<Pending[]> {
  const { province, schoolYear } = YearInput.parse(input);
  const out: Pending[] = [];
  for (const round of await roundsOf(province, schoolYear)) {
    const counts = new Map<string, number>();
    // Counts only: a round's assignments are streamed a page at a time, two attributes each.
    for await (const a of reviewStatesOf(round.roundId)) {
      counts.set(a.reviewerId, (counts.get(a.reviewerId) ?? 0) + (a.submitted ? 0 : 1));
    }
    for (const [reviewerId, pending] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push({
        roundId: round.roundId,
        level: round.level,
        window: { from: round.opensAt, to: round.closesAt },
        reviewerId,
        pending,
      });
    }
  }
  return out;
}

export type YearSummary = {
  province: string;
  schoolYear: string;
  rounds: {
    roundId: string;
    name: string;
    level: "school" | "district" | "province";
    window: { from: string; to: string };
    entries: number;
    reviewers: number;
    assignments: number;
    submitted: number;
    promoted: number;
    publishAt?: string;
  }[];
  /** Awarded activities of the province round(s), by area and tier. */
  awards: {
    activityId: string;
    title: string;
    school: string;
    schoolName: string;
    area: string;
    tier: Tier;
    fair: boolean;
  }[];
  awardCounts: Record<Tier, number>;
};

/** Review statistics and awards of a province's school year. */
export async function yearSummary(input: YearInput): Promise<YearSummary> {
  const { province, schoolYear } = YearInput.parse(input);
  const summary: YearSummary = {
    province,
    schoolYear,
    rounds: [],
    awards: [],
    awardCounts: Object.fromEntries(tiers.map((t) => [t, 0])) as Record<Tier, number>,
  };
  for (const round of await roundsOf(province, schoolYear)) {
    const [entries, assignments] = await Promise.all([entriesOf(round.roundId), assignmentsOf(round.roundId)]);
    summary.rounds.push({
      roundId: round.roundId,
      name: round.name,
      level: round.level,
      window: { from: round.opensAt, to: round.closesAt },
      entries: entries.length,
      reviewers: new Set(assignments.map((a) => a.reviewerId)).size,
      assignments: assignments.length,
      submitted: assignments.filter((a) => a.submittedAt).length,
      promoted: entries.filter((e) => e.promoted).length,
      ...(round.publishAt ? { publishAt: round.publishAt } : {}),
    });
    for (const e of entries) {
      if (!e.tier) continue;
      const tier = e.tier as Tier;
      summary.awardCounts[tier]++;
      summary.awards.push({
        activityId: e.activityId,
        title: e.title,
        school: e.schoolCode,
        schoolName: e.schoolName,
        area: e.area,
        tier,
        fair: e.fair ?? false,
      });
    }
  }
  const order = (t: Tier) => tiers.indexOf(t);
  summary.awards.sort(
    (a, b) => a.area.localeCompare(b.area) || order(a.tier) - order(b.tier) || a.title.localeCompare(b.title, "tr"),
  );
  summary.rounds.sort(
    (a, b) => ["school", "district", "province"].indexOf(a.level) - ["school", "district", "province"].indexOf(b.level),
  );
  return summary;
}

// --- certificates ---
export { reviewCertificates } from "./certificate";
export { renderCertificate, runCertificates } from "./certificate-system";
export { reviewAssign } from "./job";
