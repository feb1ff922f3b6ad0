/**
 * Shared pieces of the commission review pages (queue, scoring form, chair's panel, results):
 * Turkish labels of the API's codes and the Istanbul date-time text the API speaks.
 */
import { minuteOf, tierNames } from "@bigep/core/shared";
import { areaNames } from "./activity";
import "./reviews.css";

/** An award area's Turkish name (the code when unknown). */
export const areaName = (area: string): string => (areaNames as Record<string, string>)[area] ?? area;

/** Round levels as the programme names them. */
export const roundLevelNames: Record<string, string> = {
  school: "Okul turu (Okul Proje Komisyonu)",
  district: "İlçe turu (İlçe Proje Yürütme Kurulu)",
  province: "İl turu (Proje İzleme ve Değerlendirme Kurulu)",
};

/** "2027-03-01T09:00" (Istanbul, as the API keeps it) → "01.03.2027 09:00". */
export function formatMinute(minute: string | undefined): string {
  if (!minute) return "";
  const [day = "", time = ""] = minute.split("T");
  const [y, m, d] = day.split("-");
  return `${d}.${m}.${y}${time ? ` ${time.slice(0, 5)}` : ""}`;
}

/** The current minute in Istanbul as "YYYY-MM-DDTHH:mm" (a datetime-local input's value), `offsetDays` on. */
export function istanbulNow(offsetDays = 0): string {
  return minuteOf(new Date(Date.now() + offsetDays * 86_400_000));
}

/** A score as Turkish text writes it (one decimal at most: "72,5"). */
export const formatScore = (n: number | undefined): string =>
  n === undefined ? "" : n.toLocaleString("tr-TR", { maximumFractionDigits: 1 });

/** An award tier's Turkish name ("Birincilik"); the code when unknown. */
export const tierName = (tier: string): string => (tierNames as Record<string, string>)[tier] ?? tier;
