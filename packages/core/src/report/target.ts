/**
 * What the compiler knows of a scope before streaming: its name, districts and schools (a
 * province's ≈1,500 schools are a few hundred KB in memory; they are reloaded on resume, not
 * checkpointed).
 */
import type { Scope } from "../actor";
import { District, Province, School } from "../org";
import { VisibleError } from "../util/error";
import type { Target } from "./section";

async function schoolsOf(
  list: (cursor: string | undefined) => Promise<{ items: School.Info[]; cursor: string | null }>,
) {
  const schools: Target["schools"] = new Map();
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    for (const s of page.items) schools.set(s.code, { name: s.name, level: s.level, districtId: s.districtId });
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return schools;
}

/** The target of a report, and the scope's Turkish name. */
export async function loadTarget(scope: Scope, year: string): Promise<{ target: Target; name: string }> {
  switch (scope.type) {
    case "school": {
      const school = await School.get(scope.id);
      if (!school) throw new VisibleError("not_found", "not_found", "Okul bulunamadı.");
      const district = await District.get(school.districtId);
      return {
        name: school.name,
        target: {
          scope,
          year,
          districts: new Map([[school.districtId, district?.name ?? school.districtId]]),
          schools: new Map([[school.code, { name: school.name, level: school.level, districtId: school.districtId }]]),
        },
      };
    }
    case "district": {
      const district = await District.get(scope.id);
      if (!district) throw new VisibleError("not_found", "not_found", "İlçe bulunamadı.");
      const province = Province.get(scope.id.slice(0, 2));
      const schools = await schoolsOf((cursor) =>
        School.byDistrict({ district: scope.id, limit: 100, ...(cursor ? { cursor } : {}) }),
      );
      return {
        name: `${district.name} (${province.name}) İlçe Millî Eğitim Müdürlüğü`,
        target: { scope, year, districts: new Map([[scope.id, district.name]]), schools },
      };
    }
    case "province": {
      const province = Province.get(scope.id);
      const districts = await District.list({ province: scope.id });
      const schools = await schoolsOf((cursor) =>
        School.byProvince({ province: scope.id, limit: 100, ...(cursor ? { cursor } : {}) }),
      );
      return {
        name: `${province.name} İl Millî Eğitim Müdürlüğü`,
        target: { scope, year, districts: new Map(districts.items.map((d) => [d.id, d.name])), schools },
      };
    }
    case "national":
      return { name: "Türkiye (ulusal)", target: { scope, year, districts: new Map(), schools: new Map() } };
    default:
      throw new VisibleError("input", "invalid_scope", "Bu kapsam için rapor derlenemez.");
  }
}
