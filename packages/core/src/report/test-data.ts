/**
 * Test data for report tests: a few provinces with districts, schools, activities and evidence,
 * written straight through the domains' entities (batch writes), with a rule per activity so
 * tests derive expected figures from the same rule. Used only by tests.
 */
import { entities as activityEntities } from "../activity/entities";
import { areas, statuses } from "../activity/fields";
import { evidence as evidenceEntity } from "../evidence/entities";
import { entities as orgEntities } from "../org/entities";
import { createId } from "../util/id";

export const reaches = ["school", "district", "province", "national"] as const;
const levels = [
  ["ilkokul", "ilkokul"],
  ["ortaokul", "ortaokul"],
  ["lise", "anadolu_lisesi"],
] as const;

/** Activity `j` of a school: area, status, reach and students follow from `j`. */
export function rule(j: number) {
  return {
    area: areas[j % areas.length] as (typeof areas)[number],
    status: statuses[j % statuses.length] as (typeof statuses)[number],
    reach: reaches[j % reaches.length] as (typeof reaches)[number],
    grade: String(5 + (j % 4)),
    girls: 1 + (j % 3),
    boys: 2,
    /** A verified photo for even `j`. */
    evidence: j % 2 === 0,
  };
}

export type Seeded = {
  province: string;
  districts: { id: string; name: string; schools: string[] }[];
  perSchool: number;
};

/**
 * Seeds `province` with districts named in Turkish, `schoolsPerDistrict` schools each and
 * `perSchool` activities per school in `year`.
 */
export async function seedProvince(options: {
  province: string;
  districts: string[];
  schoolsPerDistrict: number;
  perSchool: number;
  year: string;
  codeBase: number;
}): Promise<Seeded> {
  const { District, School } = orgEntities();
  const { Activity } = activityEntities();
  const Evidence = evidenceEntity();
  const at = "2026-06-01T09:00:00.000Z";
  const seeded: Seeded = { province: options.province, districts: [], perSchool: options.perSchool };
  let code = options.codeBase;
  for (const name of options.districts) {
    const id = `${options.province}-${name
      .toLocaleLowerCase("tr")
      .replace(/[çğıöşü]/g, (c) => ({ ç: "c", ğ: "g", ı: "i", ö: "o", ş: "s", ü: "u" })[c] ?? c)
      .replace(/[^a-z0-9]+/g, "")}`;
    await District.put({ id, provinceCode: options.province, name, createdAt: at }).go();
    const schools: string[] = [];
    for (let s = 0; s < options.schoolsPerDistrict; s++) {
      const schoolCode = String(code++);
      const [level, type] = levels[s % levels.length] as (typeof levels)[number];
      await School.put({
        code: schoolCode,
        name: `${name} Şehit Öğretmen ${s + 1} Okulu`,
        level,
        type,
        districtId: id,
        provinceCode: options.province,
        email: `${schoolCode}@meb.k12.tr`,
        version: 1,
        createdAt: at,
        updatedAt: at,
      }).go();
      schools.push(schoolCode);
      const activities = [];
      const files = [];
      for (let j = 0; j < options.perSchool; j++) {
        const r = rule(j);
        const activityId = createId("activity");
        activities.push({
          activityId,
          schoolCode,
          districtId: id,
          provinceCode: options.province,
          schoolYear: options.year,
          area: r.area,
          category: r.area === "projects" ? "etwinning" : "diger",
          status: r.status,
          title: `Çalışma ${j + 1}`,
          startDate: `${options.year.slice(0, 4)}-10-01`,
          reach: r.reach,
          teachers: [{ name: "Ayşe Öğretmen" }],
          students: [{ grade: r.grade, girls: r.girls, boys: r.boys }],
          partners: [],
          links: [],
          ownerId: "usr_01JD0000000000000000000001",
          ownerName: "Ayşe Öğretmen",
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
        if (r.evidence) {
          files.push({
            evidenceId: createId("evidence"),
            activityId,
            schoolCode,
            districtId: id,
            provinceCode: options.province,
            schoolYear: options.year,
            kind: "photo" as const,
            contentType: "image/jpeg",
            fileName: "fotoğraf.jpg",
            size: 1000,
            status: "ready" as const,
            day: "2026-06-01",
            uploadKey: `uploads/${schoolCode}/${activityId}`,
            identifiableStudents: false,
            uploadedBy: "usr_01JD0000000000000000000001",
            uploadedByName: "Ayşe Öğretmen",
            createdAt: at,
          });
        }
      }
      if (activities.length) {
        const { unprocessed } = await Activity.put(activities).go();
        if (unprocessed.length) throw new Error("seed: unprocessed activities");
      }
      if (files.length) {
        const { unprocessed } = await Evidence.put(files).go();
        if (unprocessed.length) throw new Error("seed: unprocessed evidence");
      }
    }
    seeded.districts.push({ id, name, schools });
  }
  return seeded;
}
