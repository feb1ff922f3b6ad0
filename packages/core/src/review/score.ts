/**
 * Scoring: an assigned reviewer saves per-criterion scores (autosave), submits once, and may
 * edit until the round closes; the policy refuses a late score, another school's member, a
 * non-assignee. Reviewers see others' scores of an activity only after submitting their own,
 * and never their names. Every save is one transaction with its audit event; two reviewers
 * write different items, so simultaneous submissions both succeed.
 */
import * as z from "zod";
import { assert } from "../access";
import { Activity } from "../activity";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { TransactionCanceled, transact, update } from "../db";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { entities } from "./entities";
import { RoundId } from "./round";
import { criteriaOf } from "./rubric";
import { type Aggregate, aggregate, type Criterion, scoreProblems, weightedTotal } from "./scoring";
import { type AssignmentRow, assignmentsOf, reviewFacts, roundOrFail } from "./store";

export const CriterionScore = z.object({
  points: z.number().min(0).max(100),
  comment: z.string().trim().max(2000).optional(),
});
const Scores = z.record(z.string().regex(/^[a-z0-9_]{1,32}$/), CriterionScore);

export const SaveInput = z.object({
  roundId: RoundId,
  activityId: Activity.Id,
  scores: Scores,
  comment: z.string().trim().max(4000).optional(),
  /** Submit (complete scores required). After a submission every save must stay complete. */
  submit: z.boolean().default(false),
  /** The version the form last saw (autosave); a stale one is 409. */
  version: z.number().int().positive().optional(),
});

export const MyReview = z
  .object({
    roundId: z.string(),
    activityId: z.string(),
    title: z.string(),
    area: z.string(),
    school: z.string(),
    scores: Scores,
    comment: z.string().optional(),
    total: z.number().optional(),
    savedAt: z.string().optional(),
    submittedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: "ReviewMine" });
export type MyReview = z.infer<typeof MyReview>;

function mine(a: AssignmentRow): MyReview {
  return {
    roundId: a.roundId,
    activityId: a.activityId,
    title: a.title,
    area: a.area,
    school: a.schoolCode,
    scores: (a.scores ?? {}) as z.infer<typeof Scores>,
    ...(a.comment ? { comment: a.comment } : {}),
    ...(a.total !== undefined ? { total: a.total } : {}),
    ...(a.savedAt ? { savedAt: a.savedAt } : {}),
    ...(a.submittedAt ? { submittedAt: a.submittedAt } : {}),
    version: a.version,
  };
}

async function context(roundId: string, activityId: string) {
  const user = useUser();
  const round = await roundOrFail(roundId);
  const { Entry, Member } = entities();
  const [{ data: entry }, { data: member }, reviews] = await Promise.all([
    Entry.get({ roundId, activityId }).go(),
    Member.get({ roundId, userId: user.userId }).go(),
    assignmentsOf(roundId, activityId),
  ]);
  if (!entry) throw new VisibleError("not_found", "not_found", "Kayıt bulunamadı.");
  const facts = reviewFacts(
    round,
    entry,
    reviews.map((r) => r.reviewerId),
    member ?? undefined,
  );
  return { user, round, entry, reviews, facts, own: reviews.find((r) => r.reviewerId === user.userId) };
}

/** Saves (and optionally submits) the caller's scores for one assigned activity. */
export const save = fn(SaveInput, async (input): Promise<MyReview> => {
  const { user, round, entry, facts, own } = await context(input.roundId, input.activityId);
  const crossDistrict = round.level === "province" && !round.allowOwnDistrict;
  assert(crossDistrict ? "review.score.province" : "review.score", facts, { hide: true });
  if (!own) throw new VisibleError("not_found", "not_found", "Kayıt bulunamadı.");
  if (input.version !== undefined && input.version !== own.version) {
    throw new VisibleError("conflict", "stale", "Puanlar başka bir pencerede değişmiş; sayfayı yenileyin.");
  }
  const rubricVersion = (round.rubrics as Record<string, number>)[entry.area] ?? 0;
  const criteria: Criterion[] = await criteriaOf(round.provinceCode, round.schoolYear, entry.area, rubricVersion);
  const complete = input.submit || Boolean(own.submittedAt);
  const problems = scoreProblems(criteria, input.scores, { complete });
  if (problems.length > 0) {
    throw new VisibleError(
      "input",
      "invalid_scores",
      problems[0]?.message ?? "Puanlar geçersiz.",
      problems.map((p) => ({ path: ["scores", p.criterion], message: p.message })),
    );
  }
  const at = now().toISOString();
  const submittedAt = own.submittedAt ?? (input.submit ? at : undefined);
  const total = weightedTotal(criteria, input.scores);
  const set = {
    scores: input.scores,
    total,
    rubricVersion: String(rubricVersion),
    savedAt: at,
    version: own.version + 1,
    ...(submittedAt ? { submittedAt } : {}),
    ...(input.comment !== undefined ? { comment: input.comment } : {}),
  };
  try {
    await transact([
      update(
        entities()
          .Assignment.patch({ roundId: input.roundId, activityId: input.activityId, reviewerId: user.userId })
          .set(set)
          .where((a, { eq }) => eq(a.version, own.version)),
      ),
      await Audit.entry({
        action: input.submit && !own.submittedAt ? "review.score.submit" : "review.score.save",
        entity: { type: "round", id: input.roundId },
        scope: { type: "province", id: round.provinceCode },
        data: { activityId: input.activityId, total },
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled) {
      throw new VisibleError("conflict", "stale", "Puanlar başka bir pencerede değişmiş; sayfayı yenileyin.");
    }
    throw error;
  }
  return mine({ ...own, ...set });
});

export const Key = z.object({ roundId: RoundId, activityId: Activity.Id });

export const OtherReview = z
  .object({
    /** "Değerlendirici 1", "Değerlendirici 2", … in a stable order; names are never shown. */
    label: z.string(),
    total: z.number(),
    scores: Scores,
    comment: z.string().optional(),
  })
  .meta({ id: "ReviewOther" });

export const ActivityReviews = z
  .object({
    mine: MyReview.optional(),
    criteria: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        guidance: z.string().optional(),
        weight: z.number(),
        max: z.number(),
        min: z.number().optional(),
      }),
    ),
    /** Others' submitted reviews: empty until the caller has submitted their own. */
    others: z.array(OtherReview),
    blind: z.boolean(),
  })
  .meta({ id: "ReviewActivity" });
export type ActivityReviews = z.infer<typeof ActivityReviews>;

/** One activity's review for an assigned reviewer: their own, the rubric, others' after submitting. */
export const forActivity = fn(Key, async ({ roundId, activityId }): Promise<ActivityReviews> => {
  const { user, round, entry, reviews, facts, own } = await context(roundId, activityId);
  assert("review.assigned", facts, { hide: true });
  const version = (round.rubrics as Record<string, number>)[entry.area] ?? 0;
  const criteria = await criteriaOf(round.provinceCode, round.schoolYear, entry.area, version);
  const blind = !own?.submittedAt;
  const others = blind
    ? []
    : reviews
        .filter((r) => r.reviewerId !== user.userId && r.submittedAt)
        .map((r, i) => ({
          label: `Değerlendirici ${i + 1}`,
          total: r.total ?? 0,
          scores: (r.scores ?? {}) as z.infer<typeof Scores>,
          ...(r.comment ? { comment: r.comment } : {}),
        }));
  return { ...(own ? { mine: mine(own) } : {}), criteria, others, blind };
});

export const QueueItem = MyReview.extend({ roundName: z.string(), closesAt: z.string() }).meta({
  id: "ReviewQueueItem",
});
export type QueueItem = z.infer<typeof QueueItem>;

/** The caller's assignments in a round (or every round), with progress. */
export const queue = fn(z.object({ roundId: RoundId.optional() }), async ({ roundId }) => {
  const user = useUser();
  assert("review.self", { place: {}, userId: user.userId });
  const query = roundId
    ? entities().Assignment.query.byReviewer({ reviewerId: user.userId, roundId })
    : entities().Assignment.query.byReviewer({ reviewerId: user.userId });
  const { data } = await query.go({ pages: "all" });
  const rounds = new Map<string, Awaited<ReturnType<typeof roundOrFail>>>();
  for (const id of new Set(data.map((a) => a.roundId))) rounds.set(id, await roundOrFail(id));
  const items: QueueItem[] = data.map((a) => ({
    ...mine(a),
    roundName: rounds.get(a.roundId)?.name ?? "",
    closesAt: rounds.get(a.roundId)?.closesAt ?? "",
  }));
  return {
    items,
    progress: { assigned: items.length, submitted: items.filter((i) => i.submittedAt).length },
  };
});

/** Aggregates of one activity's submitted totals (decision.ts and the chair's views). */
export function aggregateOf(reviews: readonly AssignmentRow[], threshold: number): Aggregate {
  return aggregate(
    reviews.filter((r) => r.submittedAt).map((r) => r.total ?? 0),
    threshold,
  );
}
