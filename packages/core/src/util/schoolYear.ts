/**
 * The school year of a date, without zod: the web's activity pages need it on first paint, and
 * importing `./date` (which builds zod schemas at load) would put zod on their critical path.
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
