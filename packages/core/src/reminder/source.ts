/**
 * The one interface through which a programme contributes reminder rules. A source evaluates
 * completion rules (the `rule` of calendar milestones) against its own data and yields, for a
 * milestone as of a day, one entry per person whose part is still undone. The daily run
 * (run.ts) decides when to remind and escalate; sources only say what is pending.
 *
 * Registering: `registerSource(source)` once at module load of the source file, and the file is
 * imported from `sources.ts`. The activity source is in `sources/activity.ts`; reviews
 * (`review.*` rules, from `review/system.ts` `pendingByReviewer`) and partnerships
 * (`partnership.*` rules, from `partnership/system.ts` `remindersView`) plug in the same way.
 */
import type { Scope } from "../actor/schema";
import type { Milestone, Programme, Rule } from "../calendar/schema";

/** Where an overdue item escalates: the principal of `school`, then `district`, then `province`. */
export type EscalationScope = { school?: string; district?: string; province?: string };

/** One person's undone part of one milestone. */
export type PendingItem = {
  /** The person who must act (a user id). */
  personId: string;
  /** Their address when the source has it (saves a lookup); otherwise the directory finds it. */
  email?: string;
  name?: string;
  item: {
    /** Unique within the milestone (e.g. a partnership id, a school code, a round id). */
    key: string;
    /** Turkish, one line of the digest ("Karesi AL – Trabzon FL ortaklığı: eylem planı gönderilmedi"). */
    title: string;
    /** Path inside the web app where the person does it (`/etkinlikler?durum=taslak`). */
    link: string;
  };
  escalation: EscalationScope;
};

/** What a source is asked about: the calendar's programme, scope and year, and the day. */
export type SourceContext = {
  programme: Programme;
  /** The calendar's scope (a province for BİGEP, national for the partnership programme). */
  scope: Scope;
  schoolYear: string;
  /** Istanbul date `YYYY-MM-DD` the run is "as of". */
  asOf: string;
};

/** A programme's reminder rules. */
export interface ReminderSource {
  /** Short name for logs and results (`bigep-activity`, `review`, `partnership`). */
  name: string;
  /** The completion rules this source evaluates. */
  rules: readonly Rule[];
  /** Every person whose part of `milestone` is undone as of `ctx.asOf`. Reads must be Queries on named indexes. */
  pending(milestone: Milestone, ctx: SourceContext): AsyncIterable<PendingItem>;
}

const registry = new Map<Rule, ReminderSource>();

/** Registers a source for its rules (a later registration for the same rule replaces the earlier). */
export function registerSource(source: ReminderSource): void {
  for (const rule of source.rules) registry.set(rule, source);
}

/** The registered sources, by rule. */
export function registeredSources(): ReadonlyMap<Rule, ReminderSource> {
  return registry;
}

/** A rule → source map from a list (tests and replays pass their own). */
export function sourceMap(sources: readonly ReminderSource[]): Map<Rule, ReminderSource> {
  const map = new Map<Rule, ReminderSource>();
  for (const s of sources) for (const r of s.rules) map.set(r, s);
  return map;
}
