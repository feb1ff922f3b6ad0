/**
 * Calendar templates, rolled forward to any school year. The partnership programme's nine
 * steps follow its text ("ETKİNLİK TAKVİMİ" of the Okul Ortaklığı Programı, written for
 * 2022-2023): a step dated "Eylül 2022" is due by the last day of that month, "Ekim 2022-Haziran
 * 2023" runs from the first day of October to the last of June. The BİGEP calendar is the
 * province's own; its dates are a starting point the province board edits.
 */
import type { Scope } from "../actor/schema";
import type { Milestone, Programme } from "./schema";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** First day of a month, `YYYY-MM-01`. */
export function monthStart(year: number, month: number): string {
  return `${year}-${pad(month)}-01`;
}

/** Last day of a month (calendar arithmetic, time-zone free). */
export function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}

function month(year: number, m: number): { from: string; to: string } {
  return { from: monthStart(year, m), to: monthEnd(year, m) };
}

/** The partnership programme's nine-step calendar for school year `Y-(Y+1)`. */
export function partnershipTemplate(schoolYear: string): Milestone[] {
  const y = Number(schoolYear.slice(0, 4));
  const n = y + 1;
  const step = (
    no: number,
    title: string,
    dates: { from: string; to: string },
    actor: Milestone["actor"],
    rule: Milestone["rule"],
  ): Milestone => ({ id: `oop-${no}`, title, ...dates, actor, rule, source: "calendar" });
  return [
    step(
      1,
      "Okul Ortaklığı Programı Uygulama kılavuzunun il, ilçe ve okullara duyurulması",
      month(y, 5),
      { role: "ministry_officer", level: "national" },
      "none",
    ),
    step(
      2,
      "Ortak okulların yönetici ve zümre öğretmenleriyle çevrim içi bilgi paylaşım toplantıları",
      month(y, 9),
      { role: "principal", level: "partnership" },
      "none",
    ),
    step(
      3,
      "Ortak okul koordinatörlerinin ve ortak zümre başkanlarının belirlenmesi",
      month(y, 9),
      { role: "principal", level: "partnership" },
      "partnership.coordinators",
    ),
    step(
      4,
      "Hedef ve performans göstergeleriyle ortak eylem planlarının hazırlanması",
      month(y, 9),
      { role: "partnership_coordinator", level: "partnership" },
      "partnership.plan.prepared",
    ),
    step(
      5,
      "Ortak eylem planlarının I. grup okullarca ilçe/il millî eğitim müdürlükleri üzerinden OGM'ye gönderilmesi",
      month(y, 9),
      { role: "partnership_coordinator", level: "partnership" },
      "partnership.plan.submitted",
    ),
    step(
      6,
      "Eylem planları doğrultusunda ortak çalışmalar",
      { from: monthStart(y, 10), to: monthEnd(n, 6) },
      { role: "partnership_coordinator", level: "partnership" },
      "none",
    ),
    step(
      7,
      "OGM Okul Ortaklığı Programı Değerlendirme Toplantısı",
      month(n, 6),
      { role: "ministry_officer", level: "national" },
      "none",
    ),
    step(
      8,
      "İzleme değerlendirme raporlarının hazırlanması",
      month(n, 7),
      { role: "partnership_coordinator", level: "partnership" },
      "partnership.report.prepared",
    ),
    step(
      9,
      "Ortak değerlendirme raporlarının I. grup okullarca ilçe/il millî eğitim müdürlükleri üzerinden OGM'ye gönderilmesi",
      month(n, 8),
      { role: "partnership_coordinator", level: "partnership" },
      "partnership.report.submitted",
    ),
  ];
}

/** BİGEP's yearly calendar for a province: entry deadline, the three review windows, results, ceremony, fair. */
export function bigepTemplate(schoolYear: string): Milestone[] {
  const n = Number(schoolYear.slice(0, 4)) + 1;
  const m = (id: string, title: string, from: string, to: string, actor: Milestone["actor"], rule: Milestone["rule"]) =>
    ({ id, title, from, to, actor, rule, source: "calendar" }) as Milestone;
  const y = n - 1;
  return [
    m(
      "bigep-entry",
      "Etkinliklerin sisteme girilmesi ve gönderilmesi (son gün)",
      `${y}-09-15`,
      `${n}-04-30`,
      { role: "teacher", level: "school" },
      "activity.drafts",
    ),
    m(
      "bigep-review-school",
      "Okul Proje Komisyonu değerlendirmesi",
      `${n}-05-01`,
      `${n}-05-10`,
      { role: "school_commission", level: "school" },
      "review.school",
    ),
    m(
      "bigep-review-district",
      "İlçe Proje Yürütme Kurulu değerlendirmesi",
      `${n}-05-11`,
      `${n}-05-20`,
      { role: "district_board", level: "district" },
      "review.district",
    ),
    m(
      "bigep-review-province",
      "Proje İzleme ve Değerlendirme Kurulu (il) değerlendirmesi",
      `${n}-05-21`,
      `${n}-05-31`,
      { role: "province_review_board", level: "province" },
      "review.province",
    ),
    m(
      "bigep-results",
      "Sonuçların duyurulması",
      `${n}-06-05`,
      `${n}-06-05`,
      { role: "province_board", level: "province" },
      "none",
    ),
    m(
      "bigep-ceremony",
      "Ödül töreni",
      `${n}-06-12`,
      `${n}-06-12`,
      { role: "province_board", level: "province" },
      "none",
    ),
    m(
      "bigep-fair",
      "Yıl sonu fuarı",
      `${n}-06-15`,
      `${n}-06-19`,
      { role: "province_board", level: "province" },
      "none",
    ),
  ];
}

/** Where a programme's calendar lives: BİGEP per province, the partnership programme nationally. */
export function calendarScope(programme: Programme, province?: string): Scope {
  return programme === "bigep" ? { type: "province", id: province ?? "" } : { type: "national", id: "" };
}

/** The template of a programme for a year. */
export function template(programme: Programme, schoolYear: string): Milestone[] {
  return programme === "bigep" ? bigepTemplate(schoolYear) : partnershipTemplate(schoolYear);
}
