/** Turkish display helpers shared by pages. */
export { levelLabels, typeLabels } from "@bigep/core/shared";

/** Sort comparator for names, the way a Turkish reader sorts them. */
export const compareTr = (a: string, b: string): number => a.localeCompare(b, "tr");

const dateTime = new Intl.DateTimeFormat("tr-TR", {
  timeZone: "Europe/Istanbul",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "dd.MM.yyyy HH:mm" in Istanbul time. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const date = new Intl.DateTimeFormat("tr-TR", {
  timeZone: "Europe/Istanbul",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** "dd.MM.yyyy" of an instant, in Istanbul time. */
export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

/** The programme's own province (Balıkesir): where pages open for a national role or the anonymous. */
export const PROGRAMME_PROVINCE = "10";

/** A province as people read it everywhere: "10 — Balıkesir". */
export const provinceLabel = (p: { code: string; name: string }): string => `${p.code} — ${p.name}`;

const integer = new Intl.NumberFormat("tr-TR");

/** A count as Turkish text writes it ("1.250"), whatever the browser's language. */
export const formatNumber = (n: number): string => integer.format(n);
