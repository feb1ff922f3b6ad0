/**
 * The evidence section of the yearly report: verified files by kind, per district (and per
 * school in a school's or district's report). One Query per district on the `byDistrict` index
 * (`district#year`); a school's report reads its district's and keeps its own.
 */
import { defineSection, type Segment, type Table } from "../report/section";
import { compareTr } from "../util/text";
import { evidence } from "./entities";

const kinds = ["photo", "document", "video"] as const;
const kindNames: Record<string, string> = { photo: "Fotoğraf", document: "Belge", video: "Video" };

export type EvidenceState = {
  total: number;
  pending: number;
  rejected: number;
  byKind: Record<string, number>;
  byDistrict: Record<string, number>;
  bySchool: Record<string, number>;
};

type Row = { activityId: string; schoolCode: string; districtId: string; kind: string; status: string };

export const evidenceSection = defineSection<EvidenceState>({
  id: "evidence",
  title: "Kanıtlar",
  segments(target) {
    const districts =
      target.scope.type === "school"
        ? [target.schools.get(target.scope.id)?.districtId].filter((d): d is string => !!d)
        : [...target.districts.keys()].sort();
    return districts.map(
      (districtId): Segment => ({
        key: `evidence:${districtId}`,
        page: async (cursor, limit) => {
          const r = await evidence()
            .query.byDistrictYear({ districtId, schoolYear: target.year })
            .go({ cursor, limit, attributes: ["activityId", "schoolCode", "districtId", "kind", "status"] });
          return { items: r.data, cursor: r.cursor };
        },
      }),
    );
  },
  empty: () => ({ total: 0, pending: 0, rejected: 0, byKind: {}, byDistrict: {}, bySchool: {} }),
  add(state, item, _segment, target) {
    const row = item as Row;
    if (target.scope.type === "school" && row.schoolCode !== target.scope.id) return state;
    // Files of partnership meetings and materials (evidence/attach.ts) are not activity evidence.
    if (!row.activityId.startsWith("act_")) return state;
    if (row.status === "pending") state.pending++;
    else if (row.status === "rejected") state.rejected++;
    else {
      state.total++;
      state.byKind[row.kind] = (state.byKind[row.kind] ?? 0) + 1;
      state.byDistrict[row.districtId] = (state.byDistrict[row.districtId] ?? 0) + 1;
      if (target.scope.type === "school" || target.scope.type === "district") {
        state.bySchool[row.schoolCode] = (state.bySchool[row.schoolCode] ?? 0) + 1;
      }
    }
    return state;
  },
  merge(into, other) {
    into.total += other.total;
    into.pending += other.pending;
    into.rejected += other.rejected;
    for (const [k, v] of Object.entries(other.byKind)) into.byKind[k] = (into.byKind[k] ?? 0) + v;
    for (const [k, v] of Object.entries(other.byDistrict)) into.byDistrict[k] = (into.byDistrict[k] ?? 0) + v;
    for (const [k, v] of Object.entries(other.bySchool)) into.bySchool[k] = (into.bySchool[k] ?? 0) + v;
    return into;
  },
  json(state) {
    const sorted = (m: Record<string, number>) =>
      Object.fromEntries(Object.entries(m).sort(([a], [b]) => compareTr(a, b)));
    return {
      verified: state.total,
      pending: state.pending,
      rejected: state.rejected,
      byKind: Object.fromEntries(kinds.map((k) => [k, state.byKind[k] ?? 0])),
      byDistrict: sorted(state.byDistrict),
    };
  },
  tables(state): Table[] {
    return [
      {
        id: "evidence",
        title: "Kanıtlar",
        columns: [
          { key: "kind", title: "Tür", kind: "text", width: 20 },
          { key: "count", title: "Doğrulanmış dosya", kind: "number", width: 20 },
        ],
        rows: kinds.map((k) => ({ kind: kindNames[k] ?? k, count: state.byKind[k] ?? 0 })),
        total: { kind: "Toplam", count: state.total },
      },
    ];
  },
  charts: () => [],
});
