/**
 * Demo activities for the local runtime: in both demo schools, activities of all four award areas
 * in every status of the review, each with a photo, so every demo role finds work waiting (a draft
 * to finish, a returned record to fix, submissions to review, forwarded ones for the district).
 * Each step runs as the demo person who would do it, through the same operations as the API.
 */
import { type Actor, withActor } from "../actor";
import { demoActor } from "../identity";
import { School } from "../org";
import { now } from "../util/clock";
import { schoolYearOf } from "../util/date";
import { VisibleError } from "../util/error";
import { log } from "../util/log";
import * as Activity from "./activity";
import * as Category from "./category";
import type { Area, Reach, Status, StudentGroup, TransitionAction } from "./fields";

type DemoActivity = {
  area: Area;
  /** Preferred category; when people removed it from the list, the area's first one is used. */
  category: string;
  title: string;
  description: string;
  /** Month and day in the school year's first calendar year (autumn). */
  start: string;
  end?: string;
  reach: Reach;
  programme?: string;
  result?: string;
  students: StudentGroup[];
  /** Where the seed leaves it. */
  status: Status;
};

// biome-ignore format: one activity per block reads best
const activities: DemoActivity[] = [
  { area: "academic", category: "dyk", title: "12. sınıflar için cumartesi DYK programı", description: "Matematik ve fizik derslerinde hafta sonu destekleme ve yetiştirme kursu.", start: "10-03", end: "11-28", reach: "school", students: [{ grade: "12", girls: 18, boys: 15 }], status: "draft" },
  { area: "projects", category: "tubitak", title: "TÜBİTAK 2204 lise öğrencileri araştırma projesi", description: "Yerel su kaynaklarında mikroplastik ölçümü.", start: "09-22", end: "11-14", reach: "province", programme: "TÜBİTAK 2204-A", students: [{ grade: "11", girls: 2, boys: 1 }], status: "submitted" },
  { area: "arts_sports_culture", category: "sportif", title: "Okullar arası voleybol turnuvası", description: "İlçe okullar arası genç kızlar voleybol turnuvası.", start: "10-13", end: "10-17", reach: "district", result: "ilçe ikincisi", students: [{ grade: "10", girls: 12, boys: 0 }], status: "returned" },
  { area: "innovative_environments", category: "atolye_kurulumu", title: "Robotik ve kodlama atölyesi kurulumu", description: "Tasarım Beceri Atölyesi için robotik setleri ve 3B yazıcı alanı.", start: "09-15", end: "10-31", reach: "school", students: [{ grade: "9", girls: 10, boys: 12 }], status: "approved" },
  { area: "projects", category: "etwinning", title: "eTwinning: Sınırsız Okuma Kulübü", description: "Üç ülkeden okullarla ortak okuma ve tanıtım çalışması.", start: "09-29", reach: "international", programme: "eTwinning", students: [{ grade: "10", girls: 9, boys: 7 }], status: "district" },
  { area: "academic", category: "mesleki_gelisim", title: "Öğretmenler için ölçme ve değerlendirme semineri", description: "Yeni nesil soru hazırlama üzerine iki günlük seminer.", start: "11-06", end: "11-07", reach: "district", students: [], status: "province" },
];

const returnReason = "Fotoğraflara ek olarak turnuva fikstürünü de yükleyin.";

/** The actions that lead a new draft to `status`, and who of the demo people may take each. */
const path: Record<Status, TransitionAction[]> = {
  draft: [],
  submitted: ["submit"],
  returned: ["submit", "return"],
  approved: ["submit", "approve"],
  district: ["submit", "approve", "forward_to_district"],
  province: ["submit", "approve", "forward_to_district", "forward_to_province"],
};

/** The demo schools with work (see identity/demo.ts for their people). */
const schools = [
  { code: "710204", district: "ilce.altieylul@bigep.local" },
  { code: "710104", district: undefined },
];

function actorsFor(action: TransitionAction, school: (typeof schools)[number]): string[] {
  if (action === "submit") return [`ogretmen.${school.code}@bigep.local`];
  if (action === "forward_to_province") return school.district ? [school.district] : [];
  return [`komisyon.${school.code}@bigep.local`, `mudur.${school.code}@bigep.local`];
}

const as = <T>(actor: Actor, fn: () => Promise<T>) => withActor({ actor, requestId: "seed" }, fn);

/**
 * Seeds the demo activities that are missing (by title, in the school and the current school
 * year) and leaves every existing one as people made it. Skips what the demo data no longer
 * allows: a deactivated teacher's school, a step whose demo reviewers are all deactivated (the
 * activity stays where it got to), an area whose category list someone emptied.
 * `attach` adds evidence while the record is still editable (photos through the upload pipeline).
 */
export async function seedDemoActivities(
  attach?: (activityId: string, seed: number) => Promise<unknown>,
): Promise<number> {
  const year = schoolYearOf(now());
  let created = 0;
  for (const [s, school] of schools.entries()) {
    const teacher = await demoActor(`ogretmen.${school.code}@bigep.local`);
    if (!teacher) continue;
    const existing = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await as(teacher, () =>
        Activity.listBySchool({ school: school.code, year, limit: 100, ...(cursor ? { cursor } : {}) }),
      );
      for (const item of page.items) existing.add(item.title);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    const place = await School.get(school.code);
    if (!place) continue;
    const { lists } = await Category.get({ province: place.provinceCode, year });
    for (const [i, demo] of activities.entries()) {
      if (existing.has(demo.title)) continue;
      const category = lists[demo.area].find((c) => c.id === demo.category)?.id ?? lists[demo.area][0]?.id;
      if (!category) continue;
      try {
        created += await seedOne(
          demo,
          { school, teacher, year, category, seed: s * activities.length + i + 1 },
          attach,
        );
      } catch (error) {
        // People changed the demo data so that this step is no longer allowed (a role revoked,
        // a school moved): leave this activity where it got to and carry on.
        if (!(error instanceof VisibleError)) throw error;
        log().warn("demo activity skipped", { title: demo.title, reason: error.message });
      }
    }
  }
  return created;
}

type Step = {
  school: (typeof schools)[number];
  teacher: Extract<Actor, { type: "user" }>;
  year: string;
  category: string;
  /** Picks the demo photo's colours. */
  seed: number;
};

async function seedOne(
  demo: DemoActivity,
  { school, teacher, year, category, seed }: Step,
  attach: ((activityId: string, seed: number) => Promise<unknown>) | undefined,
): Promise<number> {
  const first = year.slice(0, 4);
  const activity = await as(teacher, () =>
    Activity.create({
      school: school.code,
      year,
      area: demo.area,
      category,
      title: demo.title,
      description: demo.description,
      startDate: `${first}-${demo.start}`,
      ...(demo.end ? { endDate: `${first}-${demo.end}` } : {}),
      reach: demo.reach,
      ...(demo.programme ? { programme: demo.programme } : {}),
      ...(demo.result ? { result: demo.result } : {}),
      teachers: [{ userId: teacher.userId, name: teacher.name }],
      students: demo.students,
    }),
  );
  if (attach) await as(teacher, () => attach(activity.id, seed));
  for (const action of path[demo.status]) {
    const actor = await firstActive(actorsFor(action, school));
    if (!actor) break;
    await as(actor, () =>
      Activity.transition({ id: activity.id, action, ...(action === "return" ? { reason: returnReason } : {}) }),
    );
  }
  return 1;
}

async function firstActive(emails: string[]): Promise<Actor | undefined> {
  for (const email of emails) {
    const actor = await demoActor(email);
    if (actor) return actor;
  }
  return undefined;
}
