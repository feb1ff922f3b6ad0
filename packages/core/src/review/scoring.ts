/**
 * The arithmetic of reviewing, as pure functions: a reviewer's weighted total, the aggregates of
 * an activity, per-reviewer z-score normalisation, ranking with the written tie rule, promotion
 * and award tiers. Browser-safe (no Node imports).
 *
 * Tie rule (README, "Reviews and awards"): activities are ordered by the deciding score (raw mean
 * or normalised, as the round says), both rounded to 2 decimals; equal scores are ordered by the
 * median, then by the lowest reviewer total (the activity every reviewer liked beats the one only
 * some did). Activities equal on all three share a rank ("1, 1, 3": the next rank is skipped) and
 * share a tier; the list shows them in activity-id order.
 */

export type Criterion = {
  id: string;
  title: string;
  guidance?: string;
  weight: number;
  max: number;
  min?: number;
};

export type CriterionScore = { points: number; comment?: string };

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Problems with a set of criterion scores (empty when it may be submitted). */
export function scoreProblems(
  criteria: readonly Criterion[],
  scores: Readonly<Record<string, CriterionScore>>,
  options: { complete: boolean },
): { criterion: string; message: string }[] {
  const problems: { criterion: string; message: string }[] = [];
  for (const id of Object.keys(scores)) {
    if (!criteria.some((c) => c.id === id)) problems.push({ criterion: id, message: "Ölçütlerde olmayan bir puan." });
  }
  for (const c of criteria) {
    const s = scores[c.id];
    if (!s) {
      if (options.complete) problems.push({ criterion: c.id, message: `${c.title}: puan verilmeli.` });
      continue;
    }
    if (s.points < 0 || s.points > c.max) {
      problems.push({ criterion: c.id, message: `${c.title}: puan 0 ile ${c.max} arasında olmalı.` });
    } else if (options.complete && c.min !== undefined && s.points < c.min && !s.comment?.trim()) {
      problems.push({
        criterion: c.id,
        message: `${c.title}: en az ${c.min} puanın altındaki bir puan gerekçe (yorum) ister.`,
      });
    }
  }
  return problems;
}

/** A reviewer's weighted total on 0–100: Σ weight × points/max ÷ Σ weight × 100, 2 decimals. */
export function weightedTotal(
  criteria: readonly Criterion[],
  scores: Readonly<Record<string, CriterionScore>>,
): number {
  let weights = 0;
  let sum = 0;
  for (const c of criteria) {
    weights += c.weight;
    sum += (c.weight * (scores[c.id]?.points ?? 0)) / c.max;
  }
  return weights === 0 ? 0 : round2((sum / weights) * 100);
}

export type Aggregate = {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  /** max − min. */
  spread: number;
  /** Population standard deviation. */
  sd: number;
  /** spread > threshold. */
  disagreement: boolean;
};

/** Aggregates of the submitted totals of one activity. */
export function aggregate(totals: readonly number[], threshold: number): Aggregate {
  const n = totals.length;
  if (n === 0) return { n, mean: 0, median: 0, min: 0, max: 0, spread: 0, sd: 0, disagreement: false };
  const sorted = [...totals].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  const mid = Math.floor(n / 2);
  const median = n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const sd = Math.sqrt(sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  return {
    n,
    mean: round2(mean),
    median: round2(median),
    min,
    max,
    spread: round2(max - min),
    sd: round2(sd),
    disagreement: max - min > threshold,
  };
}

export type Review = { activityId: string; reviewerId: string; total: number };

/**
 * Per-reviewer z-score normalisation within a round: each total becomes (total − reviewer's
 * mean) ÷ reviewer's sd (0 when the reviewer gave everyone the same), the activity's normalised
 * score is the mean of its z-scores, mapped back to the 0–100 scale with the round's overall mean
 * and sd so raw and normalised read alike. A harsh reviewer's 40 and a lenient one's 90 for
 * their respective best activity both count as "their best".
 */
export function normalise(reviews: readonly Review[]): Map<string, number> {
  const byReviewer = new Map<string, number[]>();
  for (const r of reviews) byReviewer.set(r.reviewerId, [...(byReviewer.get(r.reviewerId) ?? []), r.total]);
  const stats = new Map<string, { mean: number; sd: number }>();
  for (const [id, totals] of byReviewer) {
    const mean = totals.reduce((s, x) => s + x, 0) / totals.length;
    const sd = Math.sqrt(totals.reduce((s, x) => s + (x - mean) ** 2, 0) / totals.length);
    stats.set(id, { mean, sd });
  }
  const all = reviews.map((r) => r.total);
  const overallMean = all.length ? all.reduce((s, x) => s + x, 0) / all.length : 0;
  const overallSd = all.length ? Math.sqrt(all.reduce((s, x) => s + (x - overallMean) ** 2, 0) / all.length) : 0;
  const zs = new Map<string, number[]>();
  for (const r of reviews) {
    const s = stats.get(r.reviewerId) as { mean: number; sd: number };
    const z = s.sd === 0 ? 0 : (r.total - s.mean) / s.sd;
    zs.set(r.activityId, [...(zs.get(r.activityId) ?? []), z]);
  }
  const out = new Map<string, number>();
  for (const [id, list] of zs) {
    const meanZ = list.reduce((s, x) => s + x, 0) / list.length;
    out.set(id, round2(overallMean + meanZ * overallSd));
  }
  return out;
}

export type Rankable = {
  activityId: string;
  /** The deciding score (raw mean or normalised). */
  score: number;
  median: number;
  min: number;
};

export type Ranked<T extends Rankable> = T & { rank: number };

/** Orders by the tie rule and gives competition ranks ("1, 1, 3"). */
export function rank<T extends Rankable>(entries: readonly T[]): Ranked<T>[] {
  const keyOf = (e: T) => [round2(e.score), round2(e.median), round2(e.min)];
  const sorted = [...entries].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (kb[i] as number) - (ka[i] as number);
    return a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0;
  });
  const out: Ranked<T>[] = [];
  sorted.forEach((e, i) => {
    const prev = out[i - 1];
    const same = prev && keyOf(prev).every((v, j) => v === keyOf(e)[j]);
    out.push({ ...e, rank: same && prev ? prev.rank : i + 1 });
  });
  return out;
}

export type PromotionRule = { topN?: number; minScore?: number };

/** Does a ranked entry pass the promotion rule (top N of its group and/or at least minScore)? */
export function promoted(entry: { rank: number; score: number }, rule: PromotionRule): boolean {
  if (rule.topN !== undefined && entry.rank > rule.topN) return false;
  if (rule.minScore !== undefined && entry.score < rule.minScore) return false;
  return rule.topN !== undefined || rule.minScore !== undefined;
}

export const tiers = ["birincilik", "ikincilik", "ucunculuk", "mansiyon"] as const;
export type Tier = (typeof tiers)[number];

/** Turkish names of the award tiers. */
export const tierNames: Record<Tier, string> = {
  birincilik: "Birincilik",
  ikincilik: "İkincilik",
  ucunculuk: "Üçüncülük",
  mansiyon: "Mansiyon",
};

/**
 * The tier of a competition rank: 1, 2, 3 → birincilik, ikincilik, üçüncülük; ranks 4 to
 * 3 + mentions → mansiyon; below that none. Tied entries share the rank, so they share the tier,
 * and the skipped rank's tier is not given ("1, 1, 3": two birincilik, no ikincilik).
 */
export function tierOf(rankValue: number, mentions: number): Tier | undefined {
  if (rankValue === 1) return "birincilik";
  if (rankValue === 2) return "ikincilik";
  if (rankValue === 3) return "ucunculuk";
  if (rankValue <= 3 + mentions) return "mansiyon";
  return undefined;
}
