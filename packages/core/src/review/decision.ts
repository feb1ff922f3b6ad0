/**
 * Decisions of a round: the ranking per area and school level (raw and normalised side by side,
 * the round's `rankBy` decides), disagreement flags and their reconciliation, promotion to the
 * next round (preview, then one explicit step by the chair), award tiers at the last round,
 * publication, and each school's outcomes (reviewers' comments without their names).
 * The tie rule is in scoring.ts and the README.
 */
import * as z from "zod";
import { assert } from "../access";
import { istanbulMinute } from "../access/conditions";
import { Activity } from "../activity";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, type TxItem, transact, update } from "../db";
import { School } from "../org";
import { now } from "../util/clock";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { entities } from "./entities";
import { DateTime, RoundId } from "./round";
import { aggregateOf } from "./score";
import { type Aggregate, normalise, promoted, rank, type Tier, tierNames, tierOf } from "./scoring";
import {
  type AssignmentRow,
  assignmentsOf,
  type EntryRow,
  entriesOf,
  type RoundRow,
  roundOrFail,
  roundPlace,
} from "./store";

export const Standing = z
  .object({
    activityId: z.string(),
    title: z.string(),
    school: z.string(),
    schoolName: z.string(),
    district: z.string(),
    area: z.string(),
    schoolLevel: z.string(),
    reviews: z.number().int(),
    submitted: z.number().int(),
    raw: z.number(),
    normalised: z.number(),
    /** The score that decides (raw or normalised, as the round says). */
    score: z.number(),
    median: z.number(),
    spread: z.number(),
    sd: z.number(),
    disagreement: z.boolean(),
    reconciled: z.boolean(),
    /** Rank within area × school level (competition ranking, tie rule). */
    rank: z.number().int(),
    /** Rank within the promotion group (school at the school round, district at the district round). */
    groupRank: z.number().int(),
    promoted: z.boolean(),
    tier: z.string().optional(),
  })
  .meta({ id: "ReviewStanding" });
export type Standing = z.infer<typeof Standing>;

export const Ranking = z
  .object({ rankBy: z.enum(["raw", "normalised"]), items: z.array(Standing) })
  .meta({ id: "ReviewRanking" });
export type Ranking = z.infer<typeof Ranking>;

/** Computes the standings of a round from its entries and submitted reviews. */
export function standings(
  round: RoundRow,
  entries: readonly EntryRow[],
  reviews: readonly AssignmentRow[],
): Standing[] {
  const byActivity = new Map<string, AssignmentRow[]>();
  for (const r of reviews) byActivity.set(r.activityId, [...(byActivity.get(r.activityId) ?? []), r]);
  const submitted = reviews.filter((r) => r.submittedAt);
  const norm = normalise(
    submitted.map((r) => ({ activityId: r.activityId, reviewerId: r.reviewerId, total: r.total ?? 0 })),
  );
  const scored = entries.flatMap((e) => {
    const list = byActivity.get(e.activityId) ?? [];
    const agg: Aggregate = aggregateOf(list, round.threshold);
    if (agg.n === 0) return [];
    const normalised = norm.get(e.activityId) ?? agg.mean;
    return [
      {
        entry: e,
        agg,
        activityId: e.activityId,
        raw: agg.mean,
        normalised,
        score: round.rankBy === "raw" ? agg.mean : normalised,
        median: agg.median,
        min: agg.min,
        reviews: list.length,
      },
    ];
  });
  const groupOf = (e: EntryRow) =>
    round.level === "school" ? e.schoolCode : round.level === "district" ? e.districtId : "province";
  const ranks = new Map<string, number>();
  const groupRanks = new Map<string, number>();
  const buckets = new Map<string, typeof scored>();
  const groupBuckets = new Map<string, typeof scored>();
  for (const s of scored) {
    const key = `${s.entry.area}|${s.entry.schoolLevel}`;
    buckets.set(key, [...(buckets.get(key) ?? []), s]);
    const gkey = `${groupOf(s.entry)}|${key}`;
    groupBuckets.set(gkey, [...(groupBuckets.get(gkey) ?? []), s]);
  }
  for (const list of buckets.values()) for (const r of rank(list)) ranks.set(r.activityId, r.rank);
  for (const list of groupBuckets.values()) for (const r of rank(list)) groupRanks.set(r.activityId, r.rank);
  const rule = round.promotion as { topN?: number; minScore?: number };
  return scored
    .map((s) => {
      const groupRank = groupRanks.get(s.activityId) as number;
      const reconciled = Boolean(s.entry.reconciliation);
      return {
        activityId: s.activityId,
        title: s.entry.title,
        school: s.entry.schoolCode,
        schoolName: s.entry.schoolName,
        district: s.entry.districtId,
        area: s.entry.area,
        schoolLevel: s.entry.schoolLevel,
        reviews: s.reviews,
        submitted: s.agg.n,
        raw: s.raw,
        normalised: s.normalised,
        score: s.score,
        median: s.median,
        spread: s.agg.spread,
        sd: s.agg.sd,
        disagreement: s.agg.disagreement,
        reconciled,
        rank: ranks.get(s.activityId) as number,
        groupRank,
        promoted: round.level !== "province" && promoted({ rank: groupRank, score: s.score }, rule),
        ...(round.level === "province" ? tierField(tierOf(ranks.get(s.activityId) as number, round.mentions)) : {}),
      };
    })
    .sort(
      (a, b) =>
        a.area.localeCompare(b.area) ||
        a.schoolLevel.localeCompare(b.schoolLevel) ||
        a.rank - b.rank ||
        (a.activityId < b.activityId ? -1 : 1),
    );
}

const tierField = (tier: Tier | undefined) => (tier ? { tier } : {});

async function load(roundId: string, action: "review.read" | "review.manage") {
  const round = await roundOrFail(roundId);
  assert(action, { place: roundPlace(round), schoolYear: round.schoolYear }, { hide: action === "review.read" });
  const [entries, reviews] = await Promise.all([entriesOf(roundId), assignmentsOf(roundId)]);
  return { round, entries, reviews, items: standings(round, entries, reviews) };
}

/** The ranking of a round, raw and normalised side by side. */
export const ranking = fn(RoundId, async (roundId): Promise<Ranking> => {
  const { round, items } = await load(roundId, "review.read");
  return { rankBy: round.rankBy, items };
});

export const ReconcileInput = z.object({
  roundId: RoundId,
  activityId: Activity.Id,
  note: z.string().trim().min(3).max(2000),
});

/** The chair settles a disagreement flag with a note (adding a reviewer is `reassign`). */
export const reconcile = fn(ReconcileInput, async ({ roundId, activityId, note }): Promise<void> => {
  const round = await roundOrFail(roundId);
  assert("review.manage", { place: roundPlace(round), schoolYear: round.schoolYear });
  const user = useUser();
  const at = now().toISOString();
  await transact([
    update(
      entities()
        .Entry.patch({ roundId, activityId })
        .set({ reconciliation: { note, by: user.userId, byName: user.name, at } }),
    ),
    await Audit.entry({
      action: "review.reconcile",
      entity: { type: "round", id: roundId },
      scope: { type: "province", id: round.provinceCode },
      data: { activityId },
    }),
  ]);
});

export const PromotionPreview = z
  .object({
    items: z.array(Standing),
    promoted: z.number().int(),
    /** Why applying is refused now (unsettled disagreements, reviews still missing). */
    blockers: z.array(z.object({ activityId: z.string(), reason: z.string() })),
  })
  .meta({ id: "ReviewPromotionPreview" });
export type PromotionPreview = z.infer<typeof PromotionPreview>;

function blockersOf(items: readonly Standing[], entries: readonly EntryRow[], reviews: readonly AssignmentRow[]) {
  const blockers: { activityId: string; reason: string }[] = [];
  for (const s of items) {
    if (s.disagreement && !s.reconciled)
      blockers.push({ activityId: s.activityId, reason: "Puanlar arasında uzlaşılmamış ayrışma var." });
  }
  for (const e of entries) {
    const list = reviews.filter((r) => r.activityId === e.activityId);
    if (list.length === 0 || list.some((r) => !r.submittedAt)) {
      blockers.push({ activityId: e.activityId, reason: "Gönderilmemiş değerlendirme var." });
    }
  }
  return blockers;
}

/** What promotion would do. */
export const previewPromotion = fn(RoundId, async (roundId): Promise<PromotionPreview> => {
  const { entries, reviews, items } = await load(roundId, "review.manage");
  return { items, promoted: items.filter((i) => i.promoted).length, blockers: blockersOf(items, entries, reviews) };
});

export const PromoteInput = z.object({ roundId: RoundId, nextRoundId: RoundId });

/**
 * Applies the promotion rule: the round's decision snapshot (rank, score, promoted) is stored on
 * its entries and the promoted activities become entries of the next round. Refused while a
 * disagreement is unsettled or a review is unsubmitted. Bulk: transactions of 99, the round's
 * `promotedAt` and the audit event in the last. Re-running writes the same.
 */
export const promote = fn(PromoteInput, async ({ roundId, nextRoundId }): Promise<{ promoted: number }> => {
  const { round, entries, reviews, items } = await load(roundId, "review.manage");
  const next = await roundOrFail(nextRoundId);
  if (next.previousRoundId !== roundId) {
    throw new VisibleError("input", "invalid_next_round", "Sonraki tur bu turun devamı olarak tanımlanmamış.");
  }
  if (round.level === "province")
    throw new VisibleError("conflict", "last_round", "İl turundan sonra tur yok; ödülleri verin.");
  const blockers = blockersOf(items, entries, reviews);
  if (blockers.length > 0) {
    throw new VisibleError(
      "conflict",
      "promotion_blocked",
      `${blockers.length} kayıt hazır değil: ${blockers[0]?.reason}`,
    );
  }
  const byId = new Map(entries.map((e) => [e.activityId, e]));
  const writes: TxItem[] = [];
  for (const s of items) {
    const e = byId.get(s.activityId) as EntryRow;
    writes.push(put(entities().Entry.put({ ...e, rank: s.rank, score: s.score, promoted: s.promoted })));
    if (s.promoted) {
      const { rank: _r, score: _s, promoted: _p, reconciliation: _c, tier: _t, fair: _f, ...rest } = e;
      writes.push(put(entities().Entry.put({ ...rest, roundId: nextRoundId })));
    }
  }
  const closing = [
    put(entities().Round.put({ ...round, promotedAt: now().toISOString(), version: round.version + 1 })),
    await Audit.entry({
      action: "review.promote",
      entity: { type: "round", id: roundId },
      scope: { type: "province", id: round.provinceCode },
      data: { nextRoundId, promoted: items.filter((i) => i.promoted).length },
    }),
  ];
  if (writes.length === 0) await transact(closing);
  for (let i = 0; i < writes.length; i += 98) {
    await transact([...writes.slice(i, i + 98), ...(i + 98 >= writes.length ? closing : [])]);
  }
  return { promoted: items.filter((i) => i.promoted).length };
});

/**
 * Gives the award tiers of the last (province) round: per area and school level, rank 1, 2, 3 →
 * birincilik, ikincilik, üçüncülük, ranks 4..3+mentions → mansiyon; tied entries share. Every
 * awarded activity is selected for the year-end fair (sergi). Refused while not ready.
 */
export const award = fn(RoundId, async (roundId): Promise<{ awarded: number }> => {
  const { round, entries, reviews, items } = await load(roundId, "review.manage");
  if (round.level !== "province") throw new VisibleError("conflict", "not_final_round", "Ödüller il turunda verilir.");
  const blockers = blockersOf(items, entries, reviews);
  if (blockers.length > 0) {
    throw new VisibleError("conflict", "award_blocked", `${blockers.length} kayıt hazır değil: ${blockers[0]?.reason}`);
  }
  const byId = new Map(entries.map((e) => [e.activityId, e]));
  const writes = items.map((s) => {
    const e = byId.get(s.activityId) as EntryRow;
    const { tier: _t, fair: _f, ...rest } = e;
    return put(
      entities().Entry.put({ ...rest, rank: s.rank, score: s.score, ...(s.tier ? { tier: s.tier, fair: true } : {}) }),
    );
  });
  const closing = [
    put(entities().Round.put({ ...round, awardedAt: now().toISOString(), version: round.version + 1 })),
    await Audit.entry({
      action: "review.award",
      entity: { type: "round", id: roundId },
      scope: { type: "province", id: round.provinceCode },
      data: { awarded: items.filter((i) => i.tier).length },
    }),
  ];
  if (writes.length === 0) await transact(closing);
  for (let i = 0; i < writes.length; i += 98) {
    await transact([...writes.slice(i, i + 98), ...(i + 98 >= writes.length ? closing : [])]);
  }
  return { awarded: items.filter((i) => i.tier).length };
});

export const PublishInput = z.object({ roundId: RoundId, publishAt: DateTime });

/** Sets the date-time (Istanbul) from which schools see the round's outcomes. */
export const publish = fn(PublishInput, async ({ roundId, publishAt }): Promise<void> => {
  const round = await roundOrFail(roundId);
  assert("review.manage", { place: roundPlace(round), schoolYear: round.schoolYear });
  await transact([
    put(entities().Round.put({ ...round, publishAt, version: round.version + 1 })),
    await Audit.entry({
      action: "review.publish",
      entity: { type: "round", id: roundId },
      scope: { type: "province", id: round.provinceCode },
      data: { publishAt },
    }),
  ]);
});

export const Outcome = z
  .object({
    roundId: z.string(),
    roundName: z.string(),
    level: z.string(),
    activityId: z.string(),
    title: z.string(),
    area: z.string(),
    score: z.number().optional(),
    rank: z.number().int().optional(),
    promoted: z.boolean().optional(),
    tier: z.string().optional(),
    tierName: z.string().optional(),
    fair: z.boolean().optional(),
    /** Reviewers' comments, without their names. */
    comments: z.array(z.string()),
  })
  .meta({ id: "ReviewOutcome" });
export type Outcome = z.infer<typeof Outcome>;

export const ResultsInput = z.object({ school: School.Code, year: SchoolYear });

/** A school's outcomes in the published rounds of a year. */
export const results = fn(ResultsInput, async ({ school, year }): Promise<Outcome[]> => {
  const info = await School.get(school);
  if (!info) throw new VisibleError("not_found", "not_found", "Okul bulunamadı.");
  assert("review.results", { place: School.placeOf(info), schoolYear: year }, { hide: true });
  const { data } = await entities().Entry.query.bySchool({ schoolCode: school, schoolYear: year }).go({ pages: "all" });
  const minute = istanbulMinute();
  const rounds = new Map<string, RoundRow>();
  for (const id of new Set(data.map((e) => e.roundId))) rounds.set(id, await roundOrFail(id));
  const out: Outcome[] = [];
  for (const e of data) {
    const round = rounds.get(e.roundId) as RoundRow;
    if (!round.publishAt || round.publishAt > minute) continue;
    const reviews = (await assignmentsOf(e.roundId, e.activityId)).filter((r) => r.submittedAt);
    const comments = reviews.flatMap((r) => [
      ...(r.comment ? [r.comment] : []),
      ...Object.values((r.scores ?? {}) as Record<string, { comment?: string }>).flatMap((s) =>
        s.comment ? [s.comment] : [],
      ),
    ]);
    out.push({
      roundId: e.roundId,
      roundName: round.name,
      level: round.level,
      activityId: e.activityId,
      title: e.title,
      area: e.area,
      ...(e.score !== undefined ? { score: e.score } : {}),
      ...(e.rank !== undefined ? { rank: e.rank } : {}),
      ...(e.promoted !== undefined ? { promoted: e.promoted } : {}),
      ...(e.tier ? { tier: e.tier, tierName: tierNames[e.tier as Tier] } : {}),
      ...(e.fair !== undefined ? { fair: e.fair } : {}),
      comments,
    });
  }
  return out;
});
