/**
 * Programme calendars: read (the stored calendar, or the template rolled to the year until the
 * responsible board first edits it), edit with optimistic locking — the edit, its history entry
 * and its audit event in one transaction — and the review-window hook that keeps review rounds
 * the one source of truth for the BİGEP review milestones.
 */
import * as z from "zod";
import { assert, can } from "../access";
import { actor, type Scope } from "../actor";
import { Audit } from "../audit";
import { put, TransactionCanceled, transact, update } from "../db";
import { placeOrFail } from "../identity/scope";
import { now } from "../util/clock";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { entities } from "./entities";
import { type Calendar, Milestone, Programme } from "./schema";
import { calendarScope, template } from "./templates";

/** Review levels whose windows a review round may own. */
export type ReviewLevel = "school" | "district" | "province";
export type Window = { from: string; to: string };

/**
 * Supplied by the reviews domain once rounds exist: the windows of the round of a province and
 * year (undefined when there is no round yet, and the calendar's dates apply).
 */
export type ReviewWindowProvider = (input: {
  province: string;
  schoolYear: string;
}) => Promise<Partial<Record<ReviewLevel, Window>> | undefined>;

let reviewWindows: ReviewWindowProvider | undefined;

/** Registers the reviews domain's window provider (one line at start-up); returns an undo for tests. */
export function useReviewWindows(provider: ReviewWindowProvider | undefined): () => void {
  const before = reviewWindows;
  reviewWindows = provider;
  return () => {
    reviewWindows = before;
  };
}

const reviewRule: Partial<Record<Milestone["rule"], ReviewLevel>> = {
  "review.school": "school",
  "review.district": "district",
  "review.province": "province",
};

async function withReviewWindows(cal: Calendar): Promise<Calendar> {
  if (cal.programme !== "bigep" || !reviewWindows) return cal;
  const windows = await reviewWindows({ province: cal.scope.id, schoolYear: cal.schoolYear });
  if (!windows) return cal;
  return {
    ...cal,
    milestones: cal.milestones.map((m) => {
      const level = reviewRule[m.rule];
      const w = level ? windows[level] : undefined;
      return w ? { ...m, from: w.from, to: w.to, source: "review" as const } : m;
    }),
  };
}

export const Key = z.object({
  programme: Programme,
  schoolYear: SchoolYear,
  /** Plate code; required for BİGEP (a province's calendar). */
  province: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional(),
});
export type Key = z.infer<typeof Key>;

function scopeOf(key: Key): Scope {
  if (key.programme === "bigep" && !key.province) {
    throw new VisibleError("input", "province_required", "BİGEP takvimi için il seçilmeli.");
  }
  return calendarScope(key.programme, key.province);
}

function stored(scope: Scope, key: Key) {
  return { programme: key.programme, scopeType: scope.type, scopeId: scope.id || "-", schoolYear: key.schoolYear };
}

/** The calendar without an access check (system work: the reminder run, the feed). */
export async function loadCalendar(key: Key): Promise<Calendar> {
  const scope = scopeOf(key);
  const { data } = await entities().Calendar.get(stored(scope, key)).go();
  const base: Calendar = data
    ? {
        programme: key.programme,
        scope,
        schoolYear: key.schoolYear,
        milestones: z.array(Milestone).parse(data.milestones),
        version: data.version,
        updatedAt: data.updatedAt,
        ...(data.updatedBy ? { updatedBy: data.updatedBy } : {}),
      }
    : {
        programme: key.programme,
        scope,
        schoolYear: key.schoolYear,
        milestones: template(key.programme, key.schoolYear),
        version: 0,
      };
  return withReviewWindows(base);
}

/** A programme's calendar of a year, with whether the caller may edit it. */
export const get = fn(Key, async (key): Promise<Calendar> => {
  // Calendars are public: the programmes announce their dates (step 1 of the partnership
  // programme is exactly that). Only editing is controlled.
  const scope = scopeOf(key);
  const cal = await loadCalendar(key);
  const place = scope.type === "national" ? {} : await placeOrFail(scope);
  return { ...cal, editable: actor().type === "user" && can("calendar.edit", { place }) };
});

export const UpdateInput = Key.extend({
  version: z.number().int().min(0),
  milestones: z.array(Milestone).min(1).max(40),
});

const stale = () =>
  new VisibleError("conflict", "stale_version", "Takvim siz düzenlerken değişti; yenileyip tekrar deneyin.");

/**
 * The responsible board edits the calendar (409 when `version` is stale). Dates a review round
 * owns cannot be changed here: they are changed on the round.
 */
export const update_ = fn(UpdateInput, async ({ version, milestones, ...key }): Promise<Calendar> => {
  const scope = scopeOf(key);
  const place = scope.type === "national" ? {} : await placeOrFail(scope);
  // The calendar is public, so refusing says so (403) rather than hiding it.
  assert("calendar.edit", { place });
  const ids = new Set(milestones.map((m) => m.id));
  if (ids.size !== milestones.length) {
    throw new VisibleError("input", "duplicate_milestone", "Aynı kimlikli iki kilometre taşı olamaz.");
  }
  const current = await loadCalendar(key);
  for (const m of current.milestones.filter((c) => c.source === "review")) {
    const next = milestones.find((x) => x.id === m.id);
    if (next && (next.from !== m.from || next.to !== m.to)) {
      throw new VisibleError(
        "input",
        "review_owned_dates",
        `"${m.title}" tarihleri değerlendirme turundan gelir; turda değiştirin.`,
      );
    }
  }
  const kept = milestones.map((m) => ({ ...m, source: "calendar" as const }));
  const { Calendar: C, History } = entities();
  const me = actor();
  const by = me.type === "user" ? me.userId : undefined;
  const byName = me.type === "user" ? me.name : undefined;
  const at = now().toISOString();
  const k = stored(scope, key);
  const changed = kept
    .filter((m) => {
      const before = current.milestones.find((c) => c.id === m.id);
      return !before || before.from !== m.from || before.to !== m.to || before.title !== m.title;
    })
    .map((m) => m.id);
  const next = version + 1;
  const write =
    version === 0
      ? put(C.create({ ...k, milestones: kept, version: next, updatedAt: at, ...(by ? { updatedBy: by } : {}) }))
      : update(
          C.patch(k)
            .set({ milestones: kept, version: next, updatedAt: at, ...(by ? { updatedBy: by } : {}) })
            .where((a, op) => op.eq(a.version, version)),
        );
  try {
    await transact([
      write,
      put(
        History.create({
          ...k,
          version: String(next).padStart(6, "0"),
          milestones: kept,
          changed,
          at,
          ...(by ? { by } : {}),
          ...(byName ? { byName } : {}),
        }),
      ),
      await Audit.entry({
        action: "calendar.update",
        entity: { type: "calendar", id: `${key.programme}.${scope.id || "tr"}.${key.schoolYear}` },
        scope,
        data: { version: next, changed },
        ...(scope.type === "national" ? { place: {} } : {}),
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && (error.conditionFailed(0) || error.conditionFailed(1))) throw stale();
    throw error;
  }
  return get(key);
});
export { update_ as update };

export const HistoryEntry = z
  .object({ version: z.number().int(), at: z.string(), by: z.string().optional(), changed: z.array(z.string()) })
  .meta({ id: "CalendarHistoryEntry" });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Edits of a calendar, newest first (bounded: a calendar is edited a few times a year); for its editors. */
export const history = fn(Key, async (key): Promise<HistoryEntry[]> => {
  const scope = scopeOf(key);
  assert("calendar.edit", { place: scope.type === "national" ? {} : await placeOrFail(scope) }, { hide: true });
  const { data } = await entities().History.query.byCalendar(stored(scope, key)).go({ order: "desc", limit: 100 });
  return data.map((h) => ({
    version: Number(h.version),
    at: h.at,
    ...(h.byName ? { by: h.byName } : {}),
    changed: (h.changed as string[] | undefined) ?? [],
  }));
});
