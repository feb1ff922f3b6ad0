/**
 * The periodic destruction run (KVKK: at most six months apart; scheduled monthly): applies
 * `retention.ts` to every kind of personal data and reports what it destroyed.
 *
 * - audit events: the IP goes after `auditIp`; sign-in events (`auth.*`) go after `signIn`;
 *   every event goes after `auditEvent` (audit/retention.ts);
 * - activities' personal fields past `activityPersonal`: names go, the activity stays
 *   (activity/retention.ts);
 * - evidence past `evidence`: the stored objects and the record go (evidence/retention.ts);
 * - sign-in records: sessions and sign-in codes carry a DynamoDB TTL (`expiresAt`: 30 days and
 *   10 minutes) well inside `signIn` (90 days), so TTL destroys them and no sweep reads them.
 *
 * No Scan: audit events are read day by day from their day-bucketed index partitions (the
 * national shards, each province's, each partnership's); activities and evidence district by
 * district and school year by school year. Only the days and years that became due since the
 * last complete run (its cutoffs are kept in a mark item; before any run, since `RECORDS_SINCE`
 * and `FIRST_SCHOOL_YEAR`) are read. The run's instant and the last unit (a day, or a
 * district-year) it finished are the checkpoint, so a run stopped by a fault resumes there with
 * the same cutoffs. Each change is conditional on the item still holding what goes, so a unit
 * done twice counts and changes nothing the second time.
 */
import { anonymiseDistrictYear } from "../activity/retention";
import { deleteEvent, eachEventOn, type RetainedEvent, removeIp } from "../audit/retention";
import { deleteDistrictYear } from "../evidence/retention";
import type { JobType, Json } from "../job/define";
import { provinces } from "../org/provinces";
import { districtIdsOf } from "../org/retention";
import { partnershipIdsOf } from "../partnership/retention";
import { now } from "../util/clock";
import { istanbulDay } from "../util/date";
import { entities } from "./entities";
import { type RetainedKind, retentionCutoff, schoolYearEnd } from "./retention";

export { ANONYMOUS } from "../activity/retention";

/** No record of the platform was written before this day (the first run reads its audit days from here). */
export const RECORDS_SINCE = "2026-01-01";
/** The oldest school year activities and evidence may belong to (the first run reads years from here). */
export const FIRST_SCHOOL_YEAR = "2020-2021";

/** What one run destroyed, per kind (the job's result). */
export type Report = {
  evidenceDeleted: number;
  evidenceObjectsDeleted: number;
  activitiesAnonymised: number;
  auditIpsRemoved: number;
  signInRecordsDeleted: number;
  auditEventsDeleted: number;
};
/** The checkpoint: the counters so far, the run's instant, the last unit finished. */
export type State = Report & { at?: string; done?: string; units?: number };

const empty = (): State => ({
  evidenceDeleted: 0,
  evidenceObjectsDeleted: 0,
  activitiesAnonymised: 0,
  auditIpsRemoved: 0,
  signInRecordsDeleted: 0,
  auditEventsDeleted: 0,
});

const DAY_MS = 86_400_000;
const auditKinds = ["auditEvent", "auditIp", "signIn"] as const;
const yearKinds = ["evidence", "activityPersonal"] as const;
type MarkedKind = (typeof auditKinds)[number] | (typeof yearKinds)[number];
const MARK = "privacy-retention";

/** The cutoffs at `at`: a record that started before its kind's cutoff is due. */
function cutoffs(at: Date): Record<MarkedKind, number> {
  return Object.fromEntries(
    [...auditKinds, ...yearKinds].map((k: RetainedKind) => [k, retentionCutoff(k, at).getTime()]),
  ) as Record<MarkedKind, number>;
}

/** The cutoffs the last complete run applied, if any run completed. */
async function lastCutoffs(): Promise<Partial<Record<MarkedKind, number>>> {
  const mark = (await entities().Mark.get({ name: MARK }).go()).data;
  const stored = (mark?.cutoffs ?? {}) as Partial<Record<MarkedKind, string>>;
  return Object.fromEntries(Object.entries(stored).map(([k, iso]) => [k, Date.parse(iso as string)]));
}

/**
 * Records that the run at `at` is complete: the next run reads only what became due after its
 * cutoffs. (Exported for tests, which say "the previous run was N days ago" with it.)
 */
export async function markComplete(at: Date): Promise<void> {
  const due = cutoffs(at);
  await entities()
    .Mark.put({
      name: MARK,
      at: at.toISOString(),
      cutoffs: Object.fromEntries(Object.entries(due).map(([k, t]) => [k, new Date(t).toISOString()])),
    })
    .go();
}

/** Istanbul days from the day of `from` to the day of `to`, both included. */
function daysBetween(from: number, to: number): string[] {
  const days: string[] = [];
  for (let t = from; istanbulDay(new Date(t)) <= istanbulDay(new Date(to)); t += DAY_MS)
    days.push(istanbulDay(new Date(t)));
  return days;
}

const nextYear = (year: string) => `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(5)) + 1}`;

/** The work of a run, in order: one unit per audit day, then one per district and school year. */
async function plan(at: Date) {
  const due = cutoffs(at);
  const last = await lastCutoffs();
  const since = Date.parse(`${RECORDS_SINCE}T00:00:00+03:00`);
  const days = new Set<string>();
  for (const kind of auditKinds) for (const day of daysBetween(last[kind] ?? since, due[kind])) days.add(day);

  // A year is due for a kind once its end passes the cutoff; one year before the last cutoff is
  // read again, for evidence or names added to a year just after it was processed.
  const years: { year: string; kinds: (typeof yearKinds)[number][] }[] = [];
  for (
    let year = FIRST_SCHOOL_YEAR;
    schoolYearEnd(year).getTime() < Math.max(...yearKinds.map((k) => due[k]));
    year = nextYear(year)
  ) {
    const end = schoolYearEnd(year).getTime();
    const kinds = yearKinds.filter(
      (k) => end < due[k] && end >= (last[k] === undefined ? Number.NEGATIVE_INFINITY : last[k] - 365 * DAY_MS),
    );
    if (kinds.length > 0) years.push({ year, kinds });
  }
  const districts = years.length === 0 ? [] : (await Promise.all(provinces.map((p) => districtIdsOf(p.code)))).flat();

  const units: { key: string; run: (state: State) => Promise<void> }[] = [];
  if (days.size > 0) {
    const cohorts: string[] = [];
    for (let y = Number(FIRST_SCHOOL_YEAR.slice(0, 4)); y <= Number(istanbulDay(at).slice(0, 4)) + 1; y++)
      cohorts.push(String(y));
    const where = { provinces: provinces.map((p) => p.code), partnerships: await partnershipIdsOf(cohorts) };
    for (const day of [...days].sort())
      units.push({ key: `a:${day}`, run: (state) => eachEventOn(day, where, (e) => applyToEvent(e, due, state)) });
  }
  for (const { year, kinds } of years)
    for (const district of districts)
      units.push({
        key: `y:${year}:${district}`,
        run: async (state) => {
          if (kinds.includes("activityPersonal"))
            state.activitiesAnonymised += await anonymiseDistrictYear(district, year);
          if (kinds.includes("evidence")) {
            const gone = await deleteDistrictYear(district, year);
            state.evidenceDeleted += gone.records;
            state.evidenceObjectsDeleted += gone.objects;
          }
        },
      });
  return units.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The audit rules for one event. */
async function applyToEvent(event: RetainedEvent, due: Record<MarkedKind, number>, state: State): Promise<void> {
  const at = Date.parse(event.at);
  const signIn = event.action.startsWith("auth.");
  if (at < due.auditEvent || (signIn && at < due.signIn)) {
    if (await deleteEvent(event)) state[at < due.auditEvent ? "auditEventsDeleted" : "signInRecordsDeleted"]++;
  } else if (event.ip !== undefined && at < due.auditIp) {
    if (await removeIp(event)) state.auditIpsRemoved++;
  }
}

/**
 * Applies the rules to everything that became due since the last complete run, from
 * `state.done` on, saving progress after each unit; marks the run complete at the end.
 */
export async function destroyDue(
  state: State = empty(),
  progress: (percent: number, state: State) => Promise<void> = async () => undefined,
): Promise<Report> {
  state.at ??= now().toISOString();
  const at = new Date(state.at);
  const units = await plan(at);
  let finished = 0;
  for (const unit of units) {
    finished++;
    if (state.done !== undefined && unit.key <= state.done) continue;
    await unit.run(state);
    state.done = unit.key;
    state.units = (state.units ?? 0) + 1;
    await progress(Math.min(99, Math.floor((finished / units.length) * 100)), state);
  }
  await markComplete(at);
  const { at: _at, done: _done, units: _units, ...report } = state;
  return report;
}

/** The run of `privacy-retention` (worker-only: job/system.ts loads this module on first run). */
export const runRetention: JobType<unknown>["run"] = async (ctx) => {
  const state = (ctx.checkpoint as State | undefined) ?? empty();
  const report = await destroyDue(state, (percent, s) => ctx.progress(percent, s as unknown as Json));
  return report as unknown as Json;
};
