import * as z from "zod";
import { TIME_ZONE } from "./istanbul";

// Zod-free, in their own module so the web's first paint does not load zod (see ./schoolYear).
export { schoolYearOf, TIME_ZONE } from "./istanbul";

/** School year, e.g. `2026-2027`: the second year follows the first. */
export const SchoolYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, { message: "Eğitim öğretim yılı 2026-2027 biçiminde olmalı." })
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, {
    message: "Eğitim öğretim yılının ikinci yılı birinciden bir fazla olmalı.",
  });

// One formatter for the process: each Intl.DateTimeFormat holds native ICU memory until it is
// collected, so one per call (thousands in a reminder run's digests) swells the RSS.
const trDateFormat = new Intl.DateTimeFormat("tr-TR", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** `dd.MM.yyyy` in Istanbul time, as Turkish officials write dates. */
export function formatDateTr(date: Date): string {
  return trDateFormat.format(date);
}

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Istanbul calendar day of an instant, `YYYY-MM-DD` (01:30 Istanbul on the 1st is still the 1st). */
export function istanbulDay(date: Date): string {
  return dayFormat.format(date);
}

/** The calendar day before `day` (`YYYY-MM-DD`), time-zone free. */
export function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
