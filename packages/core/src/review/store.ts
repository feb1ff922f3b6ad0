/**
 * Loading review records and the facts the access policy reads (private to this folder).
 */
import type { EntityItem } from "electrodb";
import type { Resource } from "../access";
import type { Place } from "../actor";
import { VisibleError } from "../util/error";
import { entities } from "./entities";

type E = ReturnType<typeof entities>;
export type RoundRow = EntityItem<E["Round"]>;
export type EntryRow = EntityItem<E["Entry"]>;
export type AssignmentRow = EntityItem<E["Assignment"]>;
export type MemberRow = EntityItem<E["Member"]>;

/** A round, or 404. */
export async function roundOrFail(roundId: string): Promise<RoundRow> {
  const { data } = await entities().Round.get({ roundId }).go();
  if (!data) throw new VisibleError("not_found", "not_found", "Değerlendirme turu bulunamadı.");
  return data;
}

/** Where a round sits (its province). */
export function roundPlace(round: Pick<RoundRow, "provinceCode">): Place {
  return { province: round.provinceCode };
}

/** The round's window as the access policy reads it (Istanbul date-times). */
export function windowOf(round: Pick<RoundRow, "opensAt" | "closesAt">) {
  return { from: round.opensAt, to: round.closesAt };
}

/** Every entry of a round (one partition, paged). */
export async function entriesOf(roundId: string): Promise<EntryRow[]> {
  const { data } = await entities().Entry.query.byRound({ roundId }).go({ pages: "all" });
  return data;
}

/** Every assignment of a round, or of one activity in it. */
export async function assignmentsOf(roundId: string, activityId?: string): Promise<AssignmentRow[]> {
  const query = activityId
    ? entities().Assignment.query.byRound({ roundId, activityId })
    : entities().Assignment.query.byRound({ roundId });
  const { data } = await query.go({ pages: "all" });
  return data;
}

/** What the assignment reads of an entry: its conflict facts and what each assignment copies. */
export type AssignableEntry = Pick<
  EntryRow,
  "activityId" | "schoolCode" | "districtId" | "provinceCode" | "area" | "title" | "people"
>;

/**
 * Every entry of a round with only what the assignment needs (the assignment places all of them
 * at once, so it holds them all; the rest of each entry — school name, decision snapshot — stays
 * in the table).
 */
export async function assignableEntriesOf(roundId: string): Promise<AssignableEntry[]> {
  const { data } = await entities()
    .Entry.query.byRound({ roundId })
    .go({
      pages: "all",
      attributes: ["activityId", "schoolCode", "districtId", "provinceCode", "area", "title", "people"],
    });
  return data as AssignableEntry[];
}

/** Every reviewer-activity pair of a round, and nothing else of the assignments. */
export async function pairsOf(roundId: string): Promise<{ activityId: string; reviewerId: string }[]> {
  const { data } = await entities()
    .Assignment.query.byRound({ roundId })
    .go({ pages: "all", attributes: ["activityId", "reviewerId"] });
  return data.map((a) => ({ activityId: a.activityId as string, reviewerId: a.reviewerId as string }));
}

/** Each assignment of a round as its reviewer and whether it is submitted, a page at a time. */
export async function* reviewStatesOf(roundId: string): AsyncGenerator<{ reviewerId: string; submitted: boolean }> {
  let cursor: string | null = null;
  do {
    const page: { data: { reviewerId?: string; submittedAt?: string }[]; cursor: string | null } = await entities()
      .Assignment.query.byRound({ roundId })
      .go({ cursor, limit: 1000, attributes: ["reviewerId", "submittedAt"] });
    cursor = page.cursor;
    for (const a of page.data) yield { reviewerId: a.reviewerId as string, submitted: Boolean(a.submittedAt) };
  } while (cursor);
}

/** The panel of a round. */
export async function membersOf(roundId: string): Promise<MemberRow[]> {
  const { data } = await entities().Member.query.byRound({ roundId }).go({ pages: "all" });
  return data;
}

/** The access facts of one activity's reviews in a round. */
export function reviewFacts(
  round: RoundRow,
  entry: Pick<EntryRow, "provinceCode" | "districtId" | "schoolCode">,
  assignees: readonly string[],
  member?: Pick<MemberRow, "schoolDistricts">,
): Resource {
  const schools = (member?.schoolDistricts ?? {}) as Record<string, string>;
  return {
    place: { province: entry.provinceCode, district: entry.districtId, school: entry.schoolCode },
    schoolYear: round.schoolYear,
    assignees,
    window: windowOf(round),
    actorSchools: Object.fromEntries(
      Object.entries(schools).map(([school, district]) => [school, { province: round.provinceCode, district, school }]),
    ),
  };
}
