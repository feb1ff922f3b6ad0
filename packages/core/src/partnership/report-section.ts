/**
 * The partnerships section of the yearly reports (`report/sections/index.ts`): the pairs active
 * in the school year (term years 1–4) with the status of their plan and evaluation report and
 * their plan's indicator attainment, counted per province and per cohort (start year).
 *
 * Reads: a school's pairs are one Query on the member index `bySchool`; a province's (and a
 * district's: its province's, kept for the district's schools) one Query on `byProvince`; each
 * pair found adds its plan (one Query), report (one get) and actuals (one Query). A pair has two
 * member schools in two provinces, so the state keeps one small entry per pair (a province has
 * tens of pairs, the nation a few hundred per cohort) and the national merge counts each once.
 */
import type { Json } from "../job/define";
import { provinces as provinceList } from "../org/provinces";
import { type Chart, defineSection, type Segment, type Table, type Target } from "../report/section";
import { attainment } from "./attainment";
import { entities } from "./entities";
import { type ChainStatus, chainStatusLabels } from "./fields";
import { current as currentPlan } from "./plan";
import { loadReport } from "./report";
import { load, statusOn } from "./store";
import { actualPoints } from "./work";

/** One pair as the section keeps it. */
type Pair = {
  cohort: string;
  provinces: string[];
  plan: ChainStatus | null;
  report: ChainStatus | null;
  attainment: number | null;
};
export type PartnershipState = { pairs: Record<string, Pair> };

/** What a page of the section's reads yields: a pair active in the year, or a skip. */
type Row = { partnershipId: string; schoolCode: string; pair: Pair | null };

/** On their way up (or past it): submitted by the I. grup school. */
const sentOn: readonly (ChainStatus | null)[] = ["submitted", "received", "forwarded"];
const statuses: ChainStatus[] = ["draft", "agreed", "submitted", "received", "forwarded", "returned"];

async function pairOf(partnershipId: string, year: string): Promise<Pair | null> {
  const p = await load(partnershipId);
  if (!p) return null;
  const status = statusOn(p.startYear, year);
  if (status !== "active" && status !== "ending") return null;
  const [plan, report] = await Promise.all([currentPlan(p.id, year), loadReport(p.id, year)]);
  return {
    cohort: p.cohort,
    provinces: [...new Set(p.schools.map((s) => s.province))].sort(),
    plan: plan?.status ?? null,
    report: report?.status ?? null,
    attainment: plan ? attainment(plan.items, await actualPoints(p.id, year)).percent : null,
  };
}

type MemberPage = { data: { partnershipId: string; schoolCode: string }[]; cursor: string | null };

function segments(target: Target): Segment[] {
  const { Member } = entities();
  const scope = target.scope;
  const read = (key: string, query: (cursor: string | null, limit: number) => Promise<MemberPage>): Segment => ({
    key,
    page: async (cursor, limit) => {
      // Each member costs three more reads: pages stay small.
      const r = await query(cursor, Math.min(limit, 100));
      const items: Row[] = await Promise.all(
        r.data.map(async (m) => ({
          partnershipId: m.partnershipId,
          schoolCode: m.schoolCode,
          pair: await pairOf(m.partnershipId, target.year),
        })),
      );
      return { items, cursor: r.cursor };
    },
  });
  if (scope.type === "school") {
    return [
      read(`partnerships:school:${scope.id}`, (cursor, limit) =>
        Member.query.bySchool({ schoolCode: scope.id }).go({ cursor, limit }),
      ),
    ];
  }
  const province = scope.type === "province" ? scope.id : scope.type === "district" ? scope.id.slice(0, 2) : undefined;
  if (!province) return []; // the national report merges the provinces' states
  return [
    read(`partnerships:province:${province}`, (cursor, limit) =>
      Member.query.byProvince({ provinceCode: province }).go({ cursor, limit }),
    ),
  ];
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);

type Group = {
  partnerships: number;
  plansSent: number;
  plansForwarded: number;
  reportsSent: number;
  attainment: number | null;
};

function groupOf(pairs: Pair[]): Group {
  return {
    partnerships: pairs.length,
    plansSent: pairs.filter((p) => sentOn.includes(p.plan)).length,
    plansForwarded: pairs.filter((p) => p.plan === "forwarded").length,
    reportsSent: pairs.filter((p) => sentOn.includes(p.report)).length,
    attainment: mean(pairs.flatMap((p) => (p.attainment === null ? [] : [p.attainment]))),
  };
}

/** Provinces the report covers (all in the national one). */
function inScope(target: Target): (province: string) => boolean {
  const scope = target.scope;
  if (scope.type === "province") return (p) => p === scope.id;
  if (scope.type === "district") return (p) => p === scope.id.slice(0, 2);
  if (scope.type === "school") {
    const district = target.schools.get(scope.id)?.districtId;
    return (p) => !district || p === district.slice(0, 2);
  }
  return () => true;
}

function figures(state: PartnershipState, target: Target) {
  const pairs = Object.keys(state.pairs)
    .sort()
    .map((id) => state.pairs[id] as Pair);
  const covered = inScope(target);
  const provinces = [...new Set(pairs.flatMap((p) => p.provinces))].filter(covered).sort();
  const cohorts = [...new Set(pairs.map((p) => p.cohort))].sort();
  const count = (values: (ChainStatus | null)[]) => {
    const out: Record<string, number> = {};
    for (const s of [...statuses, "none"]) {
      const n = values.filter((v) => (v ?? "none") === s).length;
      if (n) out[s] = n;
    }
    return out;
  };
  return {
    totals: groupOf(pairs),
    plans: count(pairs.map((p) => p.plan)),
    reports: count(pairs.map((p) => p.report)),
    byProvince: Object.fromEntries(
      provinces.map((code) => [code, groupOf(pairs.filter((p) => p.provinces.includes(code)))]),
    ),
    byCohort: Object.fromEntries(cohorts.map((c) => [c, groupOf(pairs.filter((p) => p.cohort === c))])),
  };
}

const provinceName = (code: string) => provinceList.find((p) => p.code === code)?.name ?? code;
const fraction = (x: number | null) => (x === null ? null : x / 100);

const groupColumns: Table["columns"] = [
  { key: "partnerships", title: "Ortaklık", kind: "number", width: 10 },
  { key: "plansSent", title: "Plan gönderildi", kind: "number", width: 12 },
  { key: "plansForwarded", title: "Plan OGM'ye iletildi", kind: "number", width: 14 },
  { key: "reportsSent", title: "Rapor gönderildi", kind: "number", width: 12 },
  { key: "attainment", title: "Ortalama gerçekleşme", kind: "percent", width: 14 },
];
const groupRow = (g: Group) => ({ ...g, attainment: fraction(g.attainment) });

/** The partnerships section. */
export const partnershipSection = defineSection<PartnershipState>({
  id: "partnerships",
  title: "Okul Ortaklığı Programı",
  segments,
  empty: () => ({ pairs: {} }),
  add(state, item, _segment, target) {
    const row = item as Row;
    if (!row.pair) return state;
    // A district's report keeps the pairs of its own schools.
    if (target.scope.type === "district" && !target.schools.has(row.schoolCode)) return state;
    state.pairs[row.partnershipId] = row.pair;
    return state;
  },
  merge(into, other) {
    for (const [id, pair] of Object.entries(other.pairs)) into.pairs[id] = pair;
    return into;
  },
  json(state, target) {
    return figures(state, target) as unknown as Json;
  },
  tables(state, target): Table[] {
    const f = figures(state, target);
    const statusRows = [...statuses, "none" as const].flatMap((s) => {
      const plans = f.plans[s] ?? 0;
      const reports = f.reports[s] ?? 0;
      if (!plans && !reports) return [];
      return [{ status: s === "none" ? "Başlatılmadı" : chainStatusLabels[s], plans, reports }];
    });
    return [
      {
        id: "partnership-status",
        title: "Ortaklık plan ve raporları",
        columns: [
          { key: "status", title: "Durum", kind: "text", width: 36 },
          { key: "plans", title: "Eylem planı", kind: "number", width: 12 },
          { key: "reports", title: "Değerlendirme raporu", kind: "number", width: 14 },
        ],
        rows: statusRows,
        total: { status: "Toplam", plans: f.totals.partnerships, reports: f.totals.partnerships },
      },
      {
        id: "partnership-provinces",
        title: "Ortaklıklar (il)",
        columns: [{ key: "province", title: "İl", kind: "text", width: 18 }, ...groupColumns],
        rows: Object.entries(f.byProvince).map(([code, g]) => ({ province: provinceName(code), ...groupRow(g) })),
        // Each pair once (a pair has schools in two provinces: the rows may add up to more).
        total: { province: "Toplam (tekil)", ...groupRow(f.totals) },
      },
      {
        id: "partnership-cohorts",
        title: "Ortaklıklar (başlangıç yılı)",
        columns: [{ key: "cohort", title: "Başlangıç yılı", kind: "text", width: 14 }, ...groupColumns],
        rows: Object.entries(f.byCohort).map(([cohort, g]) => ({
          cohort: `${cohort}-${Number(cohort) + 1}`,
          ...groupRow(g),
        })),
        total: { cohort: "Toplam", ...groupRow(f.totals) },
      },
    ];
  },
  charts(state, target): Chart[] {
    const f = figures(state, target);
    const cohorts = Object.entries(f.byCohort);
    if (!cohorts.length) return [];
    return [
      {
        id: "partnership-attainment",
        title: "Ortaklıkların ortalama gösterge gerçekleşmesi (%)",
        labels: cohorts.map(([c]) => `${c}-${Number(c) + 1}`),
        series: [{ name: "Gerçekleşme (%)", values: cohorts.map(([, g]) => g.attainment ?? 0) }],
      },
    ];
  },
});
