/**
 * The activities section of the yearly report: activities by award area, category, reach,
 * school level and status; participants (students by grade and gender, teachers); per district
 * (and per school in a school's or district's report, per province in the national one);
 * year-over-year change against the previous year's report of the same scope.
 *
 * Reads: a school's year is one Query on gsi1 (`school#year`); a district's is one Query per
 * status on gsi2 (`district#year#status`), a province's the same for each of its districts — the
 * sharded province view the design asks for. Only the attributes counted here are projected.
 */
import type { Json } from "../job/define";
import { provinces as provinceList } from "../org/provinces";
import { type Chart, defineSection, type Segment, type Table, type Target } from "../report/section";
import { compareTr } from "../util/text";
import { defaults as defaultCategories } from "./category";
import { entities } from "./entities";
import { type Area, areaNames, areas, type Reach, reachNames, type Status, statuses, statusNames } from "./fields";

const levelNames: Record<string, string> = {
  okul_oncesi: "Okul Öncesi",
  ilkokul: "İlkokul",
  ortaokul: "Ortaokul",
  lise: "Lise",
  unknown: "Bilinmiyor",
};
const reaches = Object.keys(reachNames) as Reach[];
const grades = ["okul_oncesi", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"] as const;
const gradeName = (g: string) => (g === "okul_oncesi" ? "Okul öncesi" : `${g}. sınıf`);

const categoryNames = new Map<string, string>(
  Object.entries(defaultCategories).flatMap(([area, list]) => list.map((c) => [`${area}/${c.id}`, c.name] as const)),
);

/** Counts of one unit (a district, a school): activities, students, teachers, per area. */
type Unit = { activities: number; students: number; teachers: number; areas: Record<string, number> };

export type ActivityState = {
  total: number;
  students: { girls: number; boys: number };
  teachers: number;
  byArea: Record<string, number>;
  byCategory: Record<string, number>;
  byReach: Record<string, number>;
  byLevel: Record<string, number>;
  byStatus: Record<string, number>;
  byGrade: Record<string, { girls: number; boys: number }>;
  byDistrict: Record<string, Unit>;
  /** Only in school and district reports (a province's 1,500 schools stay out of its checkpoint). */
  bySchool: Record<string, Unit>;
  /** District names seen (merged from province reports into the national one). */
  names: Record<string, string>;
};

type Row = {
  schoolCode: string;
  districtId: string;
  area: string;
  category: string;
  reach: string;
  status: string;
  students?: { grade: string; girls: number; boys: number }[];
  teachers?: unknown[];
};

const projected = ["schoolCode", "districtId", "area", "category", "reach", "status", "students", "teachers"] as const;

function bump(map: Record<string, number>, key: string, by = 1) {
  map[key] = (map[key] ?? 0) + by;
}

/** The value under `key`, created first when missing. */
function entry<T>(map: Record<string, T>, key: string, create: () => T): T {
  let value = map[key];
  if (value === undefined) {
    value = create();
    map[key] = value;
  }
  return value;
}

function unit(): Unit {
  return { activities: 0, students: 0, teachers: 0, areas: {} };
}

function addUnit(into: Unit, other: Unit) {
  into.activities += other.activities;
  into.students += other.students;
  into.teachers += other.teachers;
  for (const [k, v] of Object.entries(other.areas)) bump(into.areas, k, v);
}

function addCounts(into: Record<string, number>, other: Record<string, number>) {
  for (const [k, v] of Object.entries(other)) bump(into, k, v);
}

/** An object with keys in a fixed order: JSON output must not depend on arrival order. */
function ordered<T>(map: Record<string, T>, compare: (a: string, b: string) => number = compareTr) {
  const out: Record<string, T> = {};
  for (const key of Object.keys(map).sort(compare)) out[key] = map[key] as T;
  return out;
}
const byList = (list: readonly string[]) => (a: string, b: string) => {
  const i = list.indexOf(a);
  const j = list.indexOf(b);
  return (i < 0 ? 999 : i) - (j < 0 ? 999 : j) || compareTr(a, b);
};

/** The reads for a target: a school's year, or each district's year by status. */
function segments(target: Target): Segment[] {
  const { Activity } = entities();
  if (target.scope.type === "school") {
    const schoolCode = target.scope.id;
    return [
      {
        key: `school:${schoolCode}`,
        page: async (cursor, limit) => {
          const r = await Activity.query
            .bySchool({ schoolCode, schoolYear: target.year })
            .go({ cursor, limit, attributes: [...projected] });
          return { items: r.data, cursor: r.cursor };
        },
      },
    ];
  }
  const districts = [...target.districts.keys()].sort();
  return districts.flatMap((districtId) =>
    statuses.map(
      (status): Segment => ({
        key: `district:${districtId}:${status}`,
        page: async (cursor, limit) => {
          const r = await Activity.query
            .byDistrict({ districtId, schoolYear: target.year, status })
            .go({ cursor, limit, attributes: [...projected] });
          return { items: r.data, cursor: r.cursor };
        },
      }),
    ),
  );
}

const perSchool = (target: Target) => target.scope.type === "school" || target.scope.type === "district";

/** The activities section. */
export const activitySection = defineSection<ActivityState>({
  id: "activities",
  title: "Etkinlikler",
  segments,
  empty: () => ({
    total: 0,
    students: { girls: 0, boys: 0 },
    teachers: 0,
    byArea: {},
    byCategory: {},
    byReach: {},
    byLevel: {},
    byStatus: {},
    byGrade: {},
    byDistrict: {},
    bySchool: {},
    names: {},
  }),
  add(state, item, _segment, target) {
    const row = item as Row;
    const students = row.students ?? [];
    const teachers = row.teachers?.length ?? 0;
    let count = 0;
    for (const group of students) {
      const g = entry(state.byGrade, group.grade, () => ({ girls: 0, boys: 0 }));
      g.girls += group.girls;
      g.boys += group.boys;
      state.students.girls += group.girls;
      state.students.boys += group.boys;
      count += group.girls + group.boys;
    }
    state.total++;
    state.teachers += teachers;
    bump(state.byArea, row.area);
    bump(state.byCategory, `${row.area}/${row.category}`);
    bump(state.byReach, row.reach);
    bump(state.byStatus, row.status);
    bump(state.byLevel, target.schools.get(row.schoolCode)?.level ?? "unknown");
    const units: Unit[] = [entry(state.byDistrict, row.districtId, () => unit())];
    if (perSchool(target)) units.push(entry(state.bySchool, row.schoolCode, () => unit()));
    for (const u of units) {
      u.activities++;
      u.students += count;
      u.teachers += teachers;
      bump(u.areas, row.area);
    }
    const name = target.districts.get(row.districtId);
    if (name) state.names[row.districtId] = name;
    return state;
  },
  merge(into, other) {
    into.total += other.total;
    into.teachers += other.teachers;
    into.students.girls += other.students.girls;
    into.students.boys += other.students.boys;
    for (const k of ["byArea", "byCategory", "byReach", "byLevel", "byStatus"] as const) addCounts(into[k], other[k]);
    for (const [grade, g] of Object.entries(other.byGrade)) {
      const t = entry(into.byGrade, grade, () => ({ girls: 0, boys: 0 }));
      t.girls += g.girls;
      t.boys += g.boys;
    }
    for (const [id, u] of Object.entries(other.byDistrict))
      addUnit(
        entry(into.byDistrict, id, () => unit()),
        u,
      );
    for (const [id, u] of Object.entries(other.bySchool))
      addUnit(
        entry(into.bySchool, id, () => unit()),
        u,
      );
    Object.assign(into.names, other.names);
    return into;
  },
  json(state, target, previous) {
    const prev = previous as { total?: number; byArea?: Record<string, number> } | undefined;
    const units = (map: Record<string, Unit>) => {
      const out: Record<string, Json> = {};
      for (const [id, u] of Object.entries(ordered(map))) {
        out[id] = {
          activities: u.activities,
          students: u.students,
          teachers: u.teachers,
          byArea: ordered(u.areas, byList(areas)),
        };
      }
      return out;
    };
    return {
      total: state.total,
      students: {
        girls: state.students.girls,
        boys: state.students.boys,
        total: state.students.girls + state.students.boys,
      },
      teachers: state.teachers,
      byArea: ordered(state.byArea, byList(areas)),
      byCategory: ordered(state.byCategory),
      byReach: ordered(state.byReach, byList(reaches)),
      byLevel: ordered(state.byLevel, byList(Object.keys(levelNames))),
      byStatus: ordered(state.byStatus, byList(statuses)),
      // Rebuilt, not copied: a state read back from a checkpoint may hold keys in another order.
      byGrade: Object.fromEntries(
        Object.entries(ordered(state.byGrade, byList(grades))).map(([g, c]) => [g, { girls: c.girls, boys: c.boys }]),
      ),
      byDistrict: units(state.byDistrict),
      ...(target.scope.type === "national" ? { byProvince: units(provinces(state)) } : {}),
      ...(perSchool(target) ? { bySchool: units(state.bySchool) } : {}),
      previousYear:
        prev?.total === undefined ? null : { total: prev.total, byArea: ordered(prev.byArea ?? {}, byList(areas)) },
    };
  },
  tables(state, target, previous) {
    const prev = previous as { total?: number; byArea?: Record<string, number> } | undefined;
    const hasPrev = prev?.total !== undefined;
    const num = (key: string, title: string, width = 14) => ({ key, title, kind: "number" as const, width });
    const areaRows = areas.map((a) => ({
      area: areaNames[a as Area],
      count: state.byArea[a] ?? 0,
      ...(hasPrev
        ? { previous: prev?.byArea?.[a] ?? 0, change: change(state.byArea[a] ?? 0, prev?.byArea?.[a] ?? 0) }
        : {}),
    }));
    const tables: Table[] = [
      {
        id: "areas",
        title: "Ödül alanları",
        columns: [
          { key: "area", title: "Ödül alanı", kind: "text", width: 48 },
          num("count", "Etkinlik"),
          ...(hasPrev
            ? [num("previous", "Önceki yıl"), { key: "change", title: "Değişim", kind: "percent" as const, width: 12 }]
            : []),
        ],
        rows: areaRows,
        total: {
          area: "Toplam",
          count: state.total,
          ...(hasPrev ? { previous: prev?.total ?? 0, change: change(state.total, prev?.total ?? 0) } : {}),
        },
      },
      {
        id: "categories",
        title: "Kategoriler",
        columns: [
          { key: "area", title: "Ödül alanı", kind: "text", width: 30 },
          { key: "category", title: "Kategori", kind: "text", width: 48 },
          num("count", "Etkinlik"),
        ],
        rows: Object.entries(state.byCategory)
          .map(([key, count]) => {
            const [area = "", id = ""] = key.split("/");
            return {
              area: areaNames[area as Area] ?? area,
              category: categoryNames.get(key) ?? id,
              count,
              order: areas.indexOf(area as Area),
            };
          })
          .sort((a, b) => a.order - b.order || compareTr(a.category, b.category))
          .map(({ order: _order, ...row }) => row),
        total: { area: "Toplam", category: "", count: state.total },
      },
      {
        id: "reach",
        title: "Etki alanı",
        columns: [{ key: "reach", title: "Etki alanı", kind: "text", width: 24 }, num("count", "Etkinlik")],
        rows: reaches.map((r) => ({ reach: reachNames[r], count: state.byReach[r] ?? 0 })),
        total: { reach: "Toplam", count: state.total },
      },
      {
        id: "levels",
        title: "Okul türü (kademe)",
        columns: [{ key: "level", title: "Kademe", kind: "text", width: 24 }, num("count", "Etkinlik")],
        rows: Object.keys(levelNames)
          .filter((l) => l !== "unknown" || state.byLevel[l])
          .map((l) => ({ level: levelNames[l] ?? l, count: state.byLevel[l] ?? 0 })),
        total: { level: "Toplam", count: state.total },
      },
      {
        id: "statuses",
        title: "Durum",
        columns: [{ key: "status", title: "Durum", kind: "text", width: 24 }, num("count", "Etkinlik")],
        rows: statuses.map((s) => ({ status: statusNames[s as Status], count: state.byStatus[s] ?? 0 })),
        total: { status: "Toplam", count: state.total },
      },
      {
        id: "students",
        title: "Öğrenciler",
        columns: [
          { key: "grade", title: "Sınıf", kind: "text", width: 16 },
          num("girls", "Kız"),
          num("boys", "Erkek"),
          num("total", "Toplam"),
        ],
        rows: grades.map((g) => {
          const c = state.byGrade[g] ?? { girls: 0, boys: 0 };
          return { grade: gradeName(g), girls: c.girls, boys: c.boys, total: c.girls + c.boys };
        }),
        total: {
          grade: "Toplam",
          girls: state.students.girls,
          boys: state.students.boys,
          total: state.students.girls + state.students.boys,
        },
      },
    ];
    const unitTable = (
      id: string,
      title: string,
      label: string,
      map: Record<string, Unit>,
      name: (id: string) => string,
    ): Table => ({
      id,
      title,
      columns: [
        { key: "name", title: label, kind: "text", width: 32 },
        num("activities", "Etkinlik"),
        num("students", "Öğrenci"),
        num("teachers", "Öğretmen"),
        ...areas.map((a) => num(a, areaNames[a as Area].split(/[ ,–]/)[0] ?? a)),
      ],
      rows: Object.entries(map)
        .map(([k, u]) => ({
          name: name(k),
          activities: u.activities,
          students: u.students,
          teachers: u.teachers,
          ...Object.fromEntries(areas.map((a) => [a, u.areas[a] ?? 0])),
        }))
        .sort((a, b) => compareTr(a.name, b.name)),
      total: {
        name: "Toplam",
        activities: state.total,
        students: state.students.girls + state.students.boys,
        teachers: state.teachers,
        ...Object.fromEntries(areas.map((a) => [a, state.byArea[a] ?? 0])),
      },
    });
    if (target.scope.type === "national") {
      tables.push(unitTable("provinces", "İller", "İl", provinces(state), (code) => provinceName(code)));
    } else if (target.scope.type === "province") {
      tables.push(unitTable("districts", "İlçeler", "İlçe", state.byDistrict, (id) => state.names[id] ?? id));
    }
    if (perSchool(target)) {
      tables.push(
        unitTable("schools", "Okullar", "Okul", state.bySchool, (code) => target.schools.get(code)?.name ?? code),
      );
    }
    return tables;
  },
  charts(state, target) {
    const charts: Chart[] = [
      {
        id: "areas",
        title: "Ödül alanlarına göre etkinlikler",
        labels: areas.map((a) => areaNames[a as Area].split(/[ ,–]/)[0] ?? a),
        series: [{ name: "Etkinlik", values: areas.map((a) => state.byArea[a] ?? 0) }],
      },
    ];
    const wide =
      target.scope.type === "national"
        ? provinces(state)
        : target.scope.type === "province"
          ? state.byDistrict
          : undefined;
    if (wide) {
      const name = (id: string) => (target.scope.type === "national" ? provinceName(id) : (state.names[id] ?? id));
      const ids = Object.keys(wide).sort((a, b) => compareTr(name(a), name(b)));
      charts.push({
        id: "units",
        title: target.scope.type === "national" ? "İllere göre etkinlikler" : "İlçelere göre etkinlikler",
        labels: ids.map(name),
        series: areas.map((a) => ({
          name: areaNames[a as Area].split(/[ ,–]/)[0] ?? a,
          values: ids.map((id) => wide[id]?.areas[a] ?? 0),
        })),
      });
    }
    return charts;
  },
});

/** Percentage change from `before` (null when there was nothing before). */
function change(now: number, before: number): number | null {
  return before === 0 ? null : Math.round(((now - before) / before) * 1000) / 1000;
}

/** Districts folded into their provinces (district ids start with the plate code). */
function provinces(state: ActivityState): Record<string, Unit> {
  const out: Record<string, Unit> = {};
  for (const [id, u] of Object.entries(state.byDistrict))
    addUnit(
      entry(out, id.slice(0, 2), () => unit()),
      u,
    );
  return out;
}

const provinceNames = new Map(provinceList.map((p) => [p.code, p.name]));
function provinceName(code: string): string {
  return provinceNames.get(code) ?? code;
}
