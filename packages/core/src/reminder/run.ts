/**
 * The daily reminder run, "as of" an Istanbul day. It reads the calendars of the day's school
 * year (and the previous one, whose late deadlines still escalate), asks each milestone's source
 * who is still pending, and gives each person ONE digest for the day:
 *
 * 1. plan: milestones due today (14/7/3/1 days ahead, or an escalation day) → pending items →
 *    recipients (the person, or the principal / district / province officers of the item);
 * 2. commit, per person: one transaction puts the day's digest (the outbox item) and the ledger
 *    rows (person, milestone, offset, day), each with attribute_not_exists — so a rerun, a
 *    concurrent run or a resumed run finds them and commits nothing twice;
 * 3. drain: pending digests of the last days are claimed with a lease, sent, and marked sent;
 *    a failed send stays pending for the next drain (up to `maxAttempts`).
 *
 * A run killed anywhere is simply run again: committed people are skipped, undrained digests
 * are sent by the rerun's drain.
 */
import type { Role, Scope } from "../actor/schema";
import { loadCalendar } from "../calendar/calendar";
import { type Calendar, type Milestone, type Programme, programmeNames } from "../calendar/schema";
import { put, TransactionCanceled, transact } from "../db";
import * as People from "../identity/directory";
import { type Message, send as mailSend } from "../mail";
import { now } from "../util/clock";
import { config } from "../util/config";
import { SchoolYear } from "../util/date";
import { log } from "../util/log";
import { normalizeEmail } from "../util/text";
import { addDays } from "./days";
import { type DigestLine, renderDigest } from "./digest";
import { entities } from "./entities";
import { defaultSettings, dueOn, type Settings } from "./plan";
import { type PendingItem, type ReminderSource, registeredSources, sourceMap } from "./source";

/** How the run finds people: holders of a role in a scope, and one person's address. */
export interface Directory {
  holders(role: Role, scope: Scope): Promise<People.Person[]>;
  person(personId: string): Promise<People.Person | undefined>;
}

export const identityDirectory: Directory = { holders: People.holders, person: People.person };

export type RunOptions = {
  /** Istanbul day, `YYYY-MM-DD`. */
  asOf: string;
  /** Provinces whose BİGEP calendars are read (default: Balıkesir, "10"). */
  provinces?: readonly string[];
  /** Override the registered sources (tests, replays). */
  sources?: readonly ReminderSource[];
  directory?: Directory;
  settings?: Settings;
  /** Override the mailer (tests); default `mail.send`. */
  send?: (message: Message) => Promise<void>;
  /** Override the calendars read (tests); default the stored calendars / templates. */
  calendars?: (schoolYear: string) => Promise<Calendar[]>;
  /** Called after each person's digest is committed (tests kill a run half-way here). */
  afterCommit?: (count: number) => void | Promise<void>;
  progress?: (percent: number) => Promise<void>;
};

export type RunResult = {
  asOf: string;
  milestones: number;
  people: number;
  committed: number;
  alreadyDone: number;
  muted: number;
  unreachable: number;
  sent: number;
  skipped: number;
  failed: number;
};

/** A day's school year: September starts the next one. */
function schoolYearOfDay(day: string): string {
  const y = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
}

function previousYear(year: string): string {
  const y = Number(year.slice(0, 4)) - 1;
  return `${y}-${y + 1}`;
}

export function milestoneRef(cal: Calendar, m: Milestone): string {
  return `${cal.programme}.${cal.scope.id || "tr"}.${cal.schoolYear}.${m.id}`;
}

type Group = { ref: string; offset: string; line: DigestLine; programme: Programme; mandatory: boolean };
type Recipient = { person: People.Person; groups: Map<string, Group> };

const ledgerTtlSeconds = 400 * 86_400;
const digestTtlSeconds = 180 * 86_400;
const maxAttempts = 5;
const leaseMs = 60_000;

async function defaultCalendars(year: string, provinces: readonly string[]): Promise<Calendar[]> {
  SchoolYear.parse(year);
  const cals = [await loadCalendar({ programme: "okul-ortakligi", schoolYear: year })];
  for (const province of provinces) cals.push(await loadCalendar({ programme: "bigep", schoolYear: year, province }));
  return cals;
}

/** Step 1: who gets what today. */
async function plan(
  options: RunOptions,
): Promise<{ recipients: Map<string, Recipient>; milestones: number; unreachable: number }> {
  const settings = options.settings ?? defaultSettings;
  const sources = options.sources ? sourceMap(options.sources) : registeredSources();
  const directory = options.directory ?? identityDirectory;
  const year = schoolYearOfDay(options.asOf);
  const load = options.calendars ?? ((y: string) => defaultCalendars(y, options.provinces ?? ["10"]));
  const recipients = new Map<string, Recipient>();
  const holders = new Map<string, Promise<People.Person[]>>();
  let milestones = 0;
  let unreachable = 0;

  const add = (
    person: People.Person,
    group: Omit<Group, "line"> & { line: Omit<DigestLine, "items"> },
    item: DigestLine["items"][number],
  ) => {
    let r = recipients.get(person.personId);
    if (!r) {
      r = { person, groups: new Map() };
      recipients.set(person.personId, r);
    }
    const key = `${group.ref}|${group.offset}`;
    let g = r.groups.get(key);
    if (!g) {
      g = { ...group, line: { ...group.line, items: [] } };
      r.groups.set(key, g);
    }
    if (!g.line.items.some((i) => i.title === item.title && i.who === item.who)) g.line.items.push(item);
  };

  for (const y of [previousYear(year), year]) {
    for (const cal of await load(y)) {
      for (const m of cal.milestones) {
        if (m.rule === "none") continue;
        const due = dueOn(options.asOf, m.to, settings);
        const source = sources.get(m.rule);
        if (!due || !source) continue;
        milestones++;
        const ref = milestoneRef(cal, m);
        const base = {
          ref,
          programme: cal.programme,
          line: {
            milestoneTitle: m.title,
            programmeName: programmeNames[cal.programme],
            deadline: m.to,
            kind: due.kind,
            days: due.kind === "reminder" ? due.daysLeft : due.daysLate,
          },
        };
        const ctx = { programme: cal.programme, scope: cal.scope, schoolYear: cal.schoolYear, asOf: options.asOf };
        for await (const p of source.pending(m, ctx) as AsyncIterable<PendingItem>) {
          if (due.kind === "reminder") {
            const person = p.email
              ? { personId: p.personId, email: p.email, name: p.name ?? "" }
              : await directory.person(p.personId);
            if (!person) {
              unreachable++;
              continue;
            }
            add(person, { ...base, offset: due.offset, mandatory: false }, { title: p.item.title, link: p.item.link });
          } else {
            const id = p.escalation[due.step.level];
            if (!id) continue;
            const scope: Scope = { type: due.step.level, id };
            const key = `${due.step.role}|${scope.type}|${id}`;
            let found = holders.get(key);
            if (!found) {
              found = directory.holders(due.step.role, scope);
              holders.set(key, found);
            }
            const people = await found;
            if (people.length === 0) unreachable++;
            for (const person of people) {
              add(
                person,
                { ...base, offset: due.step.offset, mandatory: true },
                { title: p.item.title, link: p.item.link, ...(p.name ? { who: p.name } : {}) },
              );
            }
          }
        }
      }
    }
  }
  return { recipients, milestones, unreachable };
}

async function preferences(ids: string[]): Promise<Map<string, { muted: string[]; digest: boolean }>> {
  const { Preference } = entities();
  const out = new Map<string, { muted: string[]; digest: boolean }>();
  for (let i = 0; i < ids.length; i += 100) {
    const { data } = await Preference.get(ids.slice(i, i + 100).map((userId) => ({ userId }))).go();
    for (const p of data) out.set(p.userId, { muted: p.muted, digest: p.digest });
  }
  return out;
}

/** Runs the day: plan, commit each person's digest once, drain. */
export async function runReminders(options: RunOptions): Promise<RunResult> {
  const { recipients, milestones, unreachable } = await plan(options);
  const { Digest, Ledger } = entities();
  const ids = [...recipients.keys()].sort();
  const prefs = await preferences(ids);
  const appUrl = config().appUrl;
  const at = now();
  const seconds = Math.floor(at.getTime() / 1000);
  let committed = 0;
  let alreadyDone = 0;
  let muted = 0;
  for (const [index, id] of ids.entries()) {
    const r = recipients.get(id);
    if (!r) continue;
    // Each person's groups are needed once: released as the run goes, not held until the drain.
    recipients.delete(id);
    const pref = prefs.get(id);
    // Pre-deadline reminders follow the person's preferences; escalations are duties, always sent.
    const groups = [...r.groups.values()]
      .filter((g) => g.mandatory || !pref || (pref.digest && !pref.muted.includes(g.programme)))
      .sort((a, b) => a.line.deadline.localeCompare(b.line.deadline) || a.ref.localeCompare(b.ref));
    if (groups.length === 0) {
      muted++;
      continue;
    }
    // A day's digest has a handful of groups (one per milestone and offset); the transaction limit is far.
    const kept = groups.slice(0, 98);
    const rendered = renderDigest({
      personId: id,
      name: r.person.name,
      day: options.asOf,
      lines: kept.map((g) => g.line),
      appUrl,
      unsubscribable: kept.every((g) => !g.mandatory),
    });
    try {
      await transact([
        put(
          Digest.create({
            day: options.asOf,
            personId: id,
            email: r.person.email,
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            ...(rendered.headers ? { headers: rendered.headers } : {}),
            status: "pending",
            attempts: 0,
            expiresAt: seconds + digestTtlSeconds,
          }),
        ),
        ...kept.map((g) =>
          put(
            Ledger.create({
              personId: id,
              milestoneRef: g.ref,
              offset: g.offset,
              day: options.asOf,
              email: r.person.email,
              items: g.line.items.map((i) => i.title),
              at: at.toISOString(),
              expiresAt: seconds + ledgerTtlSeconds,
            }),
          ),
        ),
      ]);
      committed++;
    } catch (error) {
      if (!(error instanceof TransactionCanceled) || !error.reasons.some((r) => r === "ConditionalCheckFailed"))
        throw error;
      alreadyDone++;
    }
    await options.afterCommit?.(committed);
    if (options.progress && index % 50 === 49) await options.progress(Math.floor(((index + 1) / ids.length) * 80));
  }
  const drained = await drain({
    days: [addDays(options.asOf, -2), addDays(options.asOf, -1), options.asOf],
    ...(options.send ? { send: options.send } : {}),
  });
  return { asOf: options.asOf, milestones, people: ids.length, committed, alreadyDone, muted, unreachable, ...drained };
}

/**
 * Sends the pending digests of `days`: claim (a conditional update with a lease, so two drains
 * never send one item at once), check the suppression list, send, mark sent. A failure leaves
 * the item pending with its attempt counted; after `maxAttempts` it is `failed`.
 */
export async function drain(input: {
  days: readonly string[];
  send?: (message: Message) => Promise<void>;
}): Promise<{ sent: number; skipped: number; failed: number }> {
  const { Digest, Suppression } = entities();
  const deliver = input.send ?? mailSend;
  let sent = 0;
  let skipped = 0;
  let failed = 0;
  for (const day of input.days) {
    let cursor: string | null = null;
    do {
      const page: {
        data: {
          day: string;
          personId: string;
          status: string;
          leaseUntil?: number;
          attempts: number;
          email: string;
          subject: string;
          text: string;
          html: string;
          headers?: unknown;
        }[];
        cursor: string | null;
      } = await Digest.query
        .byDay({ day })
        .where((a, op) => op.eq(a.status, "pending"))
        .go({ cursor, limit: 100 });
      cursor = page.cursor;
      for (const d of page.data) {
        const nowMs = now().getTime();
        if (d.leaseUntil && d.leaseUntil > nowMs) continue;
        try {
          await Digest.patch({ day: d.day, personId: d.personId })
            .set({ leaseUntil: nowMs + leaseMs, attempts: d.attempts + 1 })
            .where((a, op) => `${op.eq(a.status, "pending")} AND ${op.eq(a.attempts, d.attempts)}`)
            .go();
        } catch {
          continue; // another drain took it
        }
        const key = { day: d.day, personId: d.personId };
        const { data: suppressed } = await Suppression.get({ emailKey: normalizeEmail(d.email) }).go();
        if (suppressed) {
          await Digest.patch(key)
            .set({ status: "skipped", error: `suppressed:${suppressed.reason}` })
            .go();
          skipped++;
          continue;
        }
        try {
          await deliver({
            to: d.email,
            subject: d.subject,
            text: d.text,
            html: d.html,
            ...(d.headers ? { headers: d.headers as Record<string, string> } : {}),
          });
        } catch (error) {
          const last = d.attempts + 1 >= maxAttempts;
          log().warn("reminder.send_failed", {
            day: d.day,
            personId: d.personId,
            attempt: d.attempts + 1,
            error: String(error),
          });
          await Digest.patch(key)
            .set({ status: last ? "failed" : "pending", leaseUntil: 0, error: String(error).slice(0, 300) })
            .go();
          if (last) failed++;
          continue;
        }
        await Digest.patch(key).set({ status: "sent", sentAt: now().toISOString() }).go();
        sent++;
      }
    } while (cursor);
  }
  return { sent, skipped, failed };
}
