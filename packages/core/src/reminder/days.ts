/** Calendar-day arithmetic on Istanbul dates (`YYYY-MM-DD`), time-zone free. */

const DAY = 86_400_000;

function ms(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** `day` plus `n` days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(ms(day) + n * DAY).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((ms(b) - ms(a)) / DAY);
}
