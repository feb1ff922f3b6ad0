/**
 * One source of truth for review windows: once a province has rounds for a year, the BİGEP
 * calendar's review milestones take their days from the rounds (the calendar's own dates apply
 * until then). Registered with the calendar when the reviews domain loads (index.ts, system.ts).
 */
import { useReviewWindows, type Window } from "../calendar/calendar";
import { previousDay } from "../util/date";
import { entities } from "./entities";

type Level = "school" | "district" | "province";

/** A round closes at a minute it excludes: closing at 00:00 means the day before is the last. */
function lastDay(closesAt: string): string {
  const day = closesAt.slice(0, 10);
  return closesAt.slice(11, 16) === "00:00" ? previousDay(day) : day;
}

/** Per level, from the earliest opening day to the latest closing day of the province's rounds. */
export async function roundWindows(input: {
  province: string;
  schoolYear: string;
}): Promise<Partial<Record<Level, Window>> | undefined> {
  const { data } = await entities()
    .Round.query.byYear({ provinceCode: input.province, schoolYear: input.schoolYear })
    .go({ pages: "all" });
  if (data.length === 0) return undefined;
  const windows: Partial<Record<Level, Window>> = {};
  for (const round of data) {
    const from = round.opensAt.slice(0, 10);
    const to = lastDay(round.closesAt);
    const seen = windows[round.level];
    // ISO days compare as strings: the earliest opening and the latest closing.
    const froms = [from, seen?.from ?? from].sort();
    const tos = [to, seen?.to ?? to].sort();
    windows[round.level] = { from: froms[0] as string, to: tos[1] as string };
  }
  return windows;
}

useReviewWindows(roundWindows);
