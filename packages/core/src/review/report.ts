/**
 * The reviews section of the yearly report: per round level (school, district, province) how
 * many activities were in the rounds, scored and promoted; the awards by area and tier and the
 * activities chosen for the fair (only of rounds whose results are published, so no report shows
 * an award before the board announces it); awards per district.
 *
 * Reads: a school's year is one Query on the entries' `bySchool` index; a district's or a
 * province's walks the province's rounds of the year (`byYear`, a handful) and pages each round's
 * entries (`byRound`), keeping a district's own. The national report merges province reports.
 */
import { istanbulMinute } from "../access/conditions";
import { areaNames } from "../activity/fields";
import { type Chart, defineSection, type Segment, type Table, type Target } from "../report/section";
import { compareTr } from "../util/text";
import { entities } from "./entities";
import { type Tier, tierNames, tiers } from "./scoring";

const levels = ["school", "district", "province"] as const;
const levelNames: Record<string, string> = { school: "Okul", district: "İlçe", province: "İl" };

type Level = { entries: number; scored: number; promoted: number };

export type ReviewState = {
  byLevel: Record<string, Level>;
  /** area → tier → count (published rounds only). */
  awards: Record<string, Record<string, number>>;
  fair: number;
  awardsByDistrict: Record<string, number>;
  names: Record<string, string>;
};

/** An entry as the segments hand it over: with its round's level and whether results are out. */
type Row = {
  districtId: string;
  schoolCode: string;
  area: string;
  score?: number;
  promoted?: boolean;
  tier?: string;
  fair?: boolean;
  level: string;
  published: boolean;
};

const projected = ["roundId", "districtId", "schoolCode", "area", "score", "promoted", "tier", "fair"] as const;

type RoundRow = { roundId: string; level: string; publishAt?: string };

async function roundsOf(provinceCode: string, schoolYear: string): Promise<RoundRow[]> {
  const { data } = await entities()
    .Round.query.byYear({ provinceCode, schoolYear })
    .go({ pages: "all", attributes: ["roundId", "level", "publishAt"] });
  return data as RoundRow[];
}

function enrich(item: Record<string, unknown>, round: RoundRow | undefined, minute: string): Row {
  return {
    ...(item as Omit<Row, "level" | "published">),
    level: round?.level ?? "school",
    published: !!round?.publishAt && round.publishAt <= minute,
  };
}

/** A school's entries across the year's rounds (one Query), each with its round's facts. */
function schoolSegment(schoolCode: string, target: Target): Segment {
  const rounds = new Map<string, RoundRow>();
  return {
    key: `review:school:${schoolCode}`,
    page: async (cursor, limit) => {
      const r = await entities()
        .Entry.query.bySchool({ schoolCode, schoolYear: target.year })
        .go({ cursor, limit, attributes: [...projected] });
      const minute = istanbulMinute();
      const items: Row[] = [];
      for (const e of r.data) {
        if (!rounds.has(e.roundId)) {
          const { data } = await entities().Round.get({ roundId: e.roundId }).go();
          if (data) rounds.set(e.roundId, data);
        }
        items.push(enrich(e, rounds.get(e.roundId), minute));
      }
      return { items, cursor: r.cursor };
    },
  };
}

/**
 * The entries of every round of a province-year, round after round. The cursor is
 * `<round index>|<cursor within the round>`, so a resumed job continues where it stopped.
 */
function provinceSegment(provinceCode: string, target: Target): Segment {
  return {
    key: `review:province:${provinceCode}`,
    page: async (cursor, limit) => {
      const rounds = await roundsOf(provinceCode, target.year);
      const [index = "0", inner = ""] = (cursor ?? "0|").split("|", 2);
      const at = Number(index);
      const round = rounds[at];
      if (!round) return { items: [], cursor: null };
      const r = await entities()
        .Entry.query.byRound({ roundId: round.roundId })
        .go({ cursor: inner || null, limit, attributes: [...projected] });
      const minute = istanbulMinute();
      const next = r.cursor ? `${at}|${r.cursor}` : at + 1 < rounds.length ? `${at + 1}|` : null;
      return { items: r.data.map((e) => enrich(e, round, minute)), cursor: next };
    },
  };
}

const emptyLevel = (): Level => ({ entries: 0, scored: 0, promoted: 0 });

export const reviewSection = defineSection<ReviewState>({
  id: "reviews",
  title: "Değerlendirme ve ödüller",
  segments(target) {
    switch (target.scope.type) {
      case "school":
        return [schoolSegment(target.scope.id, target)];
      case "district":
      case "province":
        return [provinceSegment(target.scope.id.slice(0, 2), target)];
      default:
        return [];
    }
  },
  empty: () => ({ byLevel: {}, awards: {}, fair: 0, awardsByDistrict: {}, names: {} }),
  add(state, item, _segment, target) {
    const row = item as Row;
    if (target.scope.type === "district" && row.districtId !== target.scope.id) return state;
    const level = state.byLevel[row.level] ?? emptyLevel();
    state.byLevel[row.level] = level;
    level.entries++;
    if (typeof row.score === "number") level.scored++;
    if (row.promoted) level.promoted++;
    if (row.published && row.tier) {
      const area = state.awards[row.area] ?? {};
      state.awards[row.area] = area;
      area[row.tier] = (area[row.tier] ?? 0) + 1;
      state.awardsByDistrict[row.districtId] = (state.awardsByDistrict[row.districtId] ?? 0) + 1;
      const name = target.districts.get(row.districtId);
      if (name) state.names[row.districtId] = name;
    }
    if (row.published && row.fair) state.fair++;
    return state;
  },
  merge(into, other) {
    for (const [l, v] of Object.entries(other.byLevel)) {
      const level = into.byLevel[l] ?? emptyLevel();
      into.byLevel[l] = level;
      level.entries += v.entries;
      level.scored += v.scored;
      level.promoted += v.promoted;
    }
    for (const [a, byTier] of Object.entries(other.awards)) {
      const area = into.awards[a] ?? {};
      into.awards[a] = area;
      for (const [t, n] of Object.entries(byTier)) area[t] = (area[t] ?? 0) + n;
    }
    into.fair += other.fair;
    for (const [d, n] of Object.entries(other.awardsByDistrict)) {
      into.awardsByDistrict[d] = (into.awardsByDistrict[d] ?? 0) + n;
    }
    Object.assign(into.names, other.names);
    return into;
  },
  json(state) {
    const areaKeys = Object.keys(areaNames);
    return {
      byLevel: Object.fromEntries(levels.map((l) => [l, state.byLevel[l] ?? emptyLevel()])),
      awards: Object.fromEntries(
        areaKeys.map((a) => [a, Object.fromEntries(tiers.map((t) => [t, state.awards[a]?.[t] ?? 0]))]),
      ),
      awarded: totalAwards(state),
      fair: state.fair,
      awardsByDistrict: Object.fromEntries(Object.entries(state.awardsByDistrict).sort(([a], [b]) => compareTr(a, b))),
    };
  },
  tables(state): Table[] {
    const areaKeys = Object.keys(areaNames) as (keyof typeof areaNames)[];
    const levelRows = levels.map((l) => ({ level: levelNames[l] as string, ...(state.byLevel[l] ?? emptyLevel()) }));
    const awardRows = areaKeys.map((a) => {
      const byTier = state.awards[a] ?? {};
      const row: Record<string, string | number> = { area: areaNames[a] };
      for (const t of tiers) row[t] = byTier[t] ?? 0;
      row.total = tiers.reduce((s, t) => s + (byTier[t] ?? 0), 0);
      return row;
    });
    return [
      {
        id: "review-rounds",
        title: "Değerlendirme turları",
        columns: [
          { key: "level", title: "Tur", kind: "text", width: 12 },
          { key: "entries", title: "Değerlendirilen etkinlik", kind: "number", width: 24 },
          { key: "scored", title: "Puanlanan", kind: "number", width: 14 },
          { key: "promoted", title: "Üst tura çıkan", kind: "number", width: 16 },
        ],
        rows: levelRows,
      },
      {
        id: "review-awards",
        title: "Ödüller",
        columns: [
          { key: "area", title: "Alan", kind: "text", width: 28 },
          ...tiers.map((t) => ({ key: t, title: tierNames[t as Tier], kind: "number" as const, width: 12 })),
          { key: "total", title: "Toplam", kind: "number", width: 10 },
        ],
        rows: awardRows,
        total: {
          area: "Toplam",
          ...Object.fromEntries(tiers.map((t) => [t, awardRows.reduce((s, r) => s + (r[t] as number), 0)])),
          total: totalAwards(state),
        },
      },
    ];
  },
  charts(state): Chart[] {
    const areaKeys = Object.keys(areaNames) as (keyof typeof areaNames)[];
    return [
      {
        id: "review-awards",
        title: "Alanlara göre ödüller",
        labels: areaKeys.map((a) => areaNames[a]),
        series: tiers.map((t) => ({ name: tierNames[t], values: areaKeys.map((a) => state.awards[a]?.[t] ?? 0) })),
      },
    ];
  },
});

function totalAwards(state: ReviewState): number {
  return Object.values(state.awards).reduce((s, byTier) => s + Object.values(byTier).reduce((x, n) => x + n, 0), 0);
}
