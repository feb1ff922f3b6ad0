/**
 * Istanbul time without zod, shared by the API and the web (`@bigep/core/shared`): the school year
 * of a date and the minute review rounds open and close at. The web's pages need them on first
 * paint, and importing `./date` (which builds zod schemas at load) would put zod on their path.
 */

/** All scheduling and "today" questions are answered in Istanbul time (UTC+3, no DST). */
export const TIME_ZONE = "Europe/Istanbul";

const yearMonthFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "numeric" });

/** The school year a date falls in (a school year starts in September). */
export function schoolYearOf(date: Date): string {
  const parts = yearMonthFormat.formatToParts(date).reduce<Record<string, string>>((acc, p) => {
    acc[p.type] = p.value;
    return acc;
  }, {});
  const year = Number(parts.year);
  const month = Number(parts.month);
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

// One formatter for the process: building an Intl.DateTimeFormat costs tens of microseconds and
// native memory, and access checks ask for the minute on every request.
const minuteFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** A moment in Istanbul as `YYYY-MM-DDTHH:mm` (review rounds open and close at a minute; a datetime-local input's value). */
export function minuteOf(at: Date): string {
  const p = Object.fromEntries(minuteFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
