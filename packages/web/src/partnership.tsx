/**
 * The Okul Ortaklığı Programı in the web: calls to `/api/partnerships`, the shapes the pages
 * read, and small pieces the workspace tabs share (status badge, attainment bar, year list).
 * Rights come from the server: the partnership's `may`, refusals from every call.
 */
import {
  type ChainStatus,
  chainStatusLabels,
  type PartnershipStoredItem,
  type PlanAttainment,
  schoolYearOf,
} from "@bigep/core/shared";
import { api, request } from "./api";
import "./partnership.css";

export const fetchPartnership = (id: string) => request(api.api.partnerships[":id"].$get({ param: { id } }));

/** A partnership as the workspace reads it (with `may`). */
export type PartnershipView = Awaited<ReturnType<typeof fetchPartnership>>;
export type PartnershipSchool = PartnershipView["schools"][number];

const fetchPlanRaw = (id: string, year: string, version?: number) =>
  request(
    api.api.partnerships[":id"].plans[":year"].$get({
      param: { id, year },
      query: version ? { version: String(version) } : {},
    }),
  );

/** A year's plan: the API models items and attainment; the web shows them as they come. */
export type PlanView = Omit<Awaited<ReturnType<typeof fetchPlanRaw>>, "items" | "attainment"> & {
  items: PartnershipStoredItem[];
  attainment?: PlanAttainment;
};

export const fetchPlan = (id: string, year: string, version?: number) =>
  fetchPlanRaw(id, year, version) as Promise<PlanView>;

export const fetchHistory = (id: string, year: string) =>
  request(api.api.partnerships[":id"].years[":year"].history.$get({ param: { id, year } }));

export const fetchWork = (id: string, year: string) =>
  request(api.api.partnerships[":id"].years[":year"].work.$get({ param: { id, year } }));
export type WorkView = Awaited<ReturnType<typeof fetchWork>>[number];

export const fetchReport = (id: string, year: string) =>
  request(api.api.partnerships[":id"].reports[":year"].$get({ param: { id, year } }));
export type ReportView = Awaited<ReturnType<typeof fetchReport>>;

/** What the compile job stored in the report (report.ts `compileNow`). */
export type Compiled = {
  plan: { version: number; status: ChainStatus; items: number };
  attainment: PlanAttainment;
  activities: number;
  byItem: { itemId: string; title: string; topic: string; activities: { title: string; date: string }[] }[];
  unmet: string[];
};

/** The four school years of a partnership's term, from its start year. */
export function termYears(startYear: string): string[] {
  const first = Number(startYear.slice(0, 4));
  return [0, 1, 2, 3].map((i) => `${first + i}-${first + i + 1}`);
}

/** The year a workspace opens at: today's school year inside the term, else the first year. */
export function defaultYear(startYear: string): string {
  const now = schoolYearOf(new Date());
  return termYears(startYear).includes(now) ? now : startYear;
}

export const partnershipStatusNames: Record<PartnershipView["status"], string> = {
  active: "Etkin",
  ending: "Son yılında",
  ended: "Süresi doldu",
  upcoming: "Başlamadı",
};

/** The name of one of the pair's schools, by code (the partnership carries its schools' names). */
export function schoolNameIn(schools: readonly { code: string; name: string }[], code: string): string {
  return schools.find((s) => s.code === code)?.name ?? code;
}

/** "dd.MM.yyyy" of a calendar day `yyyy-MM-dd` (no time zone shift). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-");
  return y && m && d ? `${d}.${m}.${y}` : day;
}

export function ChainBadge({ status }: { status: ChainStatus }) {
  return <span className={`chain-badge chain-${status}`}>{chainStatusLabels[status]}</span>;
}

/** An attainment percentage as the API computed it, with a bar; "—" before anything is recorded. */
export function AttainmentBar({ percent, label }: { percent: number | null; label: string }) {
  if (percent === null) return <span className="muted">—</span>;
  return (
    <span className="attainment">
      <meter min={0} max={100} low={50} high={99.9} optimum={100} value={percent} aria-label={label} />
      <span className="mono">%{percent.toLocaleString("tr-TR")}</span>
    </span>
  );
}
