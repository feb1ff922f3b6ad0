/** Shared test data: a small organisation and a valid activity, created through core as the system. */
import { withActor } from "../../packages/core/src/actor";
import { District, School } from "../../packages/core/src/org";

/** Creates the Karesi district of Balıkesir and the given schools in it (high schools unless told otherwise). */
export async function karesiSchools(
  codes: string[],
  kind: { level: "lise" | "ortaokul"; type: "anadolu_lisesi" | "ortaokul"; name: string } = {
    level: "lise",
    type: "anadolu_lisesi",
    name: "Okul",
  },
): Promise<string> {
  const districtId = "10-karesi";
  await withActor({ actor: { type: "system", reason: "test fixtures" }, requestId: "fixtures" }, async () => {
    await District.create({ province: "10", name: "Karesi" });
    for (const code of codes) {
      await School.create({
        code,
        name: `${kind.name} ${code}`,
        level: kind.level,
        type: kind.type,
        districtId,
        email: `${code}@meb.k12.tr`,
      });
    }
  });
  return districtId;
}

/** A complete, valid activity (a TEKNOFEST project) for a school and year. */
export function activityBody(school: string, year: string) {
  return {
    school,
    year,
    area: "projects",
    category: "teknofest",
    title: "TEKNOFEST İnsansız Hava Aracı Yarışması",
    startDate: "2026-09-20",
    reach: "national",
    programme: "TEKNOFEST",
    result: "Türkiye üçüncüsü",
    students: [{ grade: "11", girls: 1, boys: 3 }],
  } as const;
}
