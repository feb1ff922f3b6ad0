/**
 * Province-scale seeder: Balıkesir's 20 districts, 1,500 schools, 15,000 people with their role
 * assignments, 100,000 activities (history entries included) across award areas and statuses,
 * and ~120,000 evidence records (metadata only; no file bytes), written with BatchWriteItem
 * under bounded concurrency.
 *
 * Items are built with the domains' own ElectroDB entities (`put(...).params()`), so keys,
 * indexes and ElectroDB's identity attributes are exactly what the application writes; the
 * seeder then reads samples back through the domains' public list operations (`verify`). It
 * reaches into the private entity modules on purpose: it is a test/demo tool that needs the
 * stored shape without calling each operation 400,000 times.
 *
 * Not seeded yet (the domains do not exist): review rounds and assignments, partnerships with
 * plans. Extension point: add a `seed<Domain>(ctx)` step to `steps` below that writes through
 * that domain's entities with `ctx.writer` and records its counts, and a check in `verify`.
 *
 * Deterministic: the same scale gives the same data (a seeded PRNG), except ids (ULIDs).
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Activity } from "../packages/core/src/activity";
import { defaults as defaultCategories } from "../packages/core/src/activity/category";
import { entities as activityEntities } from "../packages/core/src/activity/entities";
import type { Area, Status } from "../packages/core/src/activity/fields";
import { withActor } from "../packages/core/src/actor";
import { dynamo } from "../packages/core/src/db";
import { Evidence } from "../packages/core/src/evidence";
import { evidence as evidenceEntity } from "../packages/core/src/evidence/entities";
import { User } from "../packages/core/src/identity";
import { entities as identityEntities } from "../packages/core/src/identity/entities";
import { District, School } from "../packages/core/src/org";
import { balikesirDistricts } from "../packages/core/src/org/demo";
import { entities as orgEntities } from "../packages/core/src/org/entities";
import type { Level, SchoolType } from "../packages/core/src/org/fields";
import { config } from "../packages/core/src/util/config";
import { createId } from "../packages/core/src/util/id";
import { normalizeEmail } from "../packages/core/src/util/text";
import { BatchWriter, withStreamPaused } from "./lib/writer";

export type Scale = { districts: number; schools: number; users: number; activities: number };

/** The province the issue names: 20 districts, 1,500 schools, 15,000 users, 100,000 activities. */
export const provinceScale: Scale = { districts: 20, schools: 1500, users: 15_000, activities: 100_000 };
/** CI-sized: the same shape at 1/20. */
export const quickScale: Scale = { districts: 20, schools: 75, users: 750, activities: 5000 };

export const province = "10";
export const year = "2026-2027";
const lastYear = "2025-2026";

export type SeededSchool = {
  code: string;
  districtId: string;
  /** People of the school (principal first). */
  staff: { userId: string; name: string; email: string }[];
  /** Ids of some of its activities of `year` (for reads in the benchmarks). */
  sample: string[];
  /** Evidence files of `sample[0]`. */
  sampleFiles: number;
  /** Activities of `year` per status (what a full listing must return). */
  byStatus: Partial<Record<Status, number>>;
  total: number;
};

export type Seeded = {
  province: string;
  year: string;
  districts: string[];
  schools: SeededSchool[];
  /** Items written per entity. */
  counts: Record<string, number>;
  items: number;
  ms: number;
};

/** A small deterministic PRNG (mulberry32), so data is the same run after run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const weighted = <T>(table: readonly (readonly [T, number])[]): T => {
    let r = next() * table.reduce((s, [, w]) => s + w, 0);
    for (const [value, weight] of table) {
      r -= weight;
      if (r < 0) return value;
    }
    return table[table.length - 1]?.[0] as T;
  };
  return { next, int, pick, weighted };
}

// biome-ignore format: tables read best aligned
const statusMix: readonly (readonly [Status, number])[] = [
  ["draft", 22], ["submitted", 20], ["returned", 6], ["approved", 20], ["district", 20], ["province", 12],
];
const areaMix: readonly (readonly [Area, number])[] = [
  ["academic", 35],
  ["projects", 25],
  ["arts_sports_culture", 30],
  ["innovative_environments", 10],
];
const schoolKinds: readonly (readonly [{ level: Level; type: SchoolType; name: string }, number])[] = [
  [{ level: "okul_oncesi", type: "anaokulu", name: "Anaokulu" }, 10],
  [{ level: "ilkokul", type: "ilkokul", name: "İlkokulu" }, 35],
  [{ level: "ortaokul", type: "ortaokul", name: "Ortaokulu" }, 30],
  [{ level: "lise", type: "anadolu_lisesi", name: "Anadolu Lisesi" }, 15],
  [{ level: "lise", type: "meslek_lisesi", name: "Mesleki ve Teknik Anadolu Lisesi" }, 10],
];
const titles: Record<Area, string[]> = {
  academic: ["Okula uyum haftası", "DYK matematik kursu", "Bireysel çalışma planı takibi", "Öğretmen semineri"],
  projects: ["eTwinning iklim projesi", "TÜBİTAK 4006 bilim fuarı", "Erasmus+ hareketliliği", "TEKNOFEST takımı"],
  arts_sports_culture: [
    "Okullar arası satranç turnuvası",
    "Resim sergisi",
    "Halk oyunları gösterisi",
    "Kitap okuma şenliği",
  ],
  innovative_environments: ["Tasarım beceri atölyesi", "Robotik kodlama sınıfı", "Bilim laboratuvarı yenileme"],
};
const firstNames = [
  "Ayşe",
  "Mehmet",
  "Fatma",
  "Mustafa",
  "Emine",
  "Ahmet",
  "Zeynep",
  "Ali",
  "Elif",
  "Hüseyin",
  "Şule",
  "İbrahim",
];
const lastNames = [
  "Yılmaz",
  "Kaya",
  "Demir",
  "Şahin",
  "Çelik",
  "Yıldız",
  "Öztürk",
  "Aydın",
  "Özdemir",
  "Arslan",
  "Doğan",
  "Kılıç",
];

const params = (operation: { params: () => unknown }) => (operation.params() as { Item: Record<string, unknown> }).Item;

/**
 * Seed a province at `scale` into the configured table; returns what was written and samples for
 * reads. A bulk load: the table's stream is off while it writes (`withStreamPaused`).
 */
export async function seedProvince(
  scale: Scale,
  options: { client?: DynamoDBClient; concurrency?: number } = {},
): Promise<Seeded> {
  const client = options.client ?? dynamo();
  return withStreamPaused(client, config().tableName, () => writeProvince(scale, client, options.concurrency ?? 8));
}

async function writeProvince(scale: Scale, client: DynamoDBClient, concurrency: number) {
  const started = performance.now();
  const rng = random(20261130);
  const writer = new BatchWriter(client, config().tableName, concurrency);
  const counts: Record<string, number> = {};
  const put = async (entity: string, item: Record<string, unknown>) => {
    counts[entity] = (counts[entity] ?? 0) + 1;
    await writer.put(item);
  };
  const { District: DistrictEntity, School: SchoolEntity } = orgEntities();
  const { User: UserEntity, Assignment, EmailClaim } = identityEntities();
  const { Activity: ActivityEntity, History } = activityEntities();
  const Evidence = evidenceEntity();
  const at = new Date().toISOString();

  const districts = balikesirDistricts
    .slice(0, scale.districts)
    .map((name) => ({ id: District.idOf(province, name), name }));
  for (const d of districts) {
    await put(
      "district",
      params(DistrictEntity.put({ id: d.id, provinceCode: province, name: d.name, createdAt: at })),
    );
  }

  let userNo = 0;
  const person = async (
    role: "principal" | "teacher" | "district_officer" | "district_board",
    scope: { type: string; id: string },
  ) => {
    userNo += 1;
    const userId = createId("user");
    const name = `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
    const email = `kisi${userNo}@bench.meb.gov.tr`;
    const emailKey = normalizeEmail(email);
    await put(
      "user",
      params(
        UserEntity.put({ userId, name, email, emailKey, status: "active", version: 1, createdAt: at, updatedAt: at }),
      ),
    );
    await put("emailclaim", params(EmailClaim.put({ emailKey, userId })));
    await put(
      "role",
      params(
        Assignment.put({
          userId,
          role,
          scopeType: scope.type,
          scopeId: scope.id,
          schoolYear: "*",
          grantedBy: "seed",
          createdAt: at,
        }),
      ),
    );
    return { userId, name, email };
  };

  // Two district staff per district; the other people are spread over the schools.
  for (const d of districts) {
    await person("district_officer", { type: "district", id: d.id });
    await person("district_board", { type: "district", id: d.id });
  }
  // The rest of the people over the schools, the remainder one each to the first schools.
  const staffPerSchool = Math.max(2, Math.floor((scale.users - userNo) / scale.schools));
  const staffRemainder = Math.max(0, scale.users - userNo - staffPerSchool * scale.schools);
  const perSchoolActivities = scale.activities / scale.schools;

  const schools: SeededSchool[] = [];
  let activitiesLeft = scale.activities;
  for (let s = 0; s < scale.schools; s++) {
    const district = districts[s % districts.length] as (typeof districts)[number];
    const code = String(80_000_000 + s);
    const kind = rng.weighted(schoolKinds);
    const school = {
      code,
      name: `${district.name} ${s + 1} ${kind.name}`,
      level: kind.level,
      type: kind.type,
      districtId: district.id,
      provinceCode: province,
      email: `${code}@meb.k12.tr`,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await put("school", params(SchoolEntity.put(school)));
    const staff = [await person("principal", { type: "school", id: code })];
    for (let i = 1; i < staffPerSchool + (s < staffRemainder ? 1 : 0); i++)
      staff.push(await person("teacher", { type: "school", id: code }));

    // Schools differ in size: between 0.3× and 1.7× the mean; the last school takes the rest.
    const remainingSchools = scale.schools - s;
    const count =
      remainingSchools === 1
        ? activitiesLeft
        : Math.min(activitiesLeft, Math.round(perSchoolActivities * (0.3 + 1.4 * rng.next())));
    activitiesLeft -= count;
    const seeded: SeededSchool = {
      code,
      districtId: district.id,
      staff,
      sample: [],
      sampleFiles: 0,
      byStatus: {},
      total: 0,
    };
    for (let i = 0; i < count; i++) {
      const owner = rng.pick(staff);
      const area = rng.weighted(areaMix);
      const schoolYear = rng.next() < 0.2 ? lastYear : year;
      const status = rng.weighted(statusMix);
      const activityId = createId("activity");
      const version = status === "draft" ? 1 : 2;
      await put(
        "activity",
        params(
          ActivityEntity.put({
            activityId,
            schoolCode: code,
            districtId: district.id,
            provinceCode: province,
            schoolYear,
            area,
            category: rng.pick(defaultCategories[area]).id,
            status,
            title: rng.pick(titles[area]),
            description: "Öğrencilerle birlikte planlanan ve yürütülen etkinlik; ayrıntılar kanıt dosyalarında.",
            startDate: `${schoolYear.slice(0, 4)}-${String(9 + rng.int(4)).padStart(2, "0")}-${String(1 + rng.int(28)).padStart(2, "0")}`,
            reach: rng.pick(["school", "district", "province", "national"]),
            teachers: [{ name: owner.name }],
            students: [
              { grade: rng.pick(["5", "6", "7", "8", "9", "10", "11", "12"]), girls: rng.int(20), boys: rng.int(20) },
            ],
            partners: [],
            links: [],
            ownerId: owner.userId,
            ownerName: owner.name,
            ...(status === "returned" ? { returnReason: "Kanıt dosyası eksik." } : {}),
            version,
            createdAt: at,
            updatedAt: at,
          }),
        ),
      );
      const actor = { actorId: owner.userId, actorName: owner.name, at };
      await put(
        "activityhistory",
        params(History.put({ activityId, seq: "00000001", action: "create", to: "draft", ...actor })),
      );
      if (status !== "draft") {
        await put(
          "activityhistory",
          params(History.put({ activityId, seq: "00000002", action: "status", from: "draft", to: status, ...actor })),
        );
      }
      const files = rng.weighted([
        [0, 20],
        [1, 50],
        [2, 20],
        [3, 10],
      ] as const);
      for (let f = 0; f < files; f++) {
        const evidenceId = createId("evidence");
        const photo = rng.next() < 0.7;
        const ready = status !== "draft" || rng.next() < 0.8;
        const base = `${code}/${activityId}/${evidenceId}`;
        await put(
          "evidence",
          params(
            Evidence.put({
              evidenceId,
              activityId,
              schoolCode: code,
              districtId: district.id,
              provinceCode: province,
              schoolYear,
              kind: photo ? "photo" : "document",
              contentType: photo ? "image/jpeg" : "application/pdf",
              fileName: photo ? `fotograf-${f + 1}.jpg` : `belge-${f + 1}.pdf`,
              size: 200_000 + rng.int(3_000_000),
              status: ready ? "ready" : "pending",
              day: at.slice(0, 10),
              uploadKey: `uploads/${base}`,
              ...(ready
                ? {
                    key: `evidence/${base}`,
                    ...(photo ? { thumbnailKey: `thumbnails/${base}.webp` } : {}),
                    sha256: `${activityId}${f}`.padEnd(64, "0").slice(0, 64),
                    verifiedAt: at,
                  }
                : {}),
              identifiableStudents: false,
              uploadedBy: owner.userId,
              uploadedByName: owner.name,
              createdAt: at,
            }),
          ),
        );
      }
      if (schoolYear === year) {
        seeded.total += 1;
        seeded.byStatus[status] = (seeded.byStatus[status] ?? 0) + 1;
        if (seeded.sample.length === 0) seeded.sampleFiles = files;
        if (seeded.sample.length < 20) seeded.sample.push(activityId);
      }
    }
    schools.push(seeded);
  }
  // The programmes (a review round, partnerships with plans) read the flushed province back.
  await writer.flush();
  await (await import("./seed-programmes")).seedProgrammes({ scale, schools, at, put, writer });
  const items = Object.values(counts).reduce((a, b) => a + b, 0);
  if (writer.written !== items) throw new Error(`seed: ${items} items built, ${writer.written} acknowledged`);
  return {
    province,
    year,
    districts: districts.map((d) => d.id),
    schools,
    counts,
    items,
    ms: performance.now() - started,
  } satisfies Seeded;
}

/**
 * Read samples back through the domains' public operations (as the system actor) and compare
 * with what was written: districts of the province, schools of a district, a school's whole
 * year of activities, a district review queue, a user by e-mail and the people of a school,
 * an activity's evidence. Throws on the first mismatch.
 */
export async function verify(seeded: Seeded): Promise<string[]> {
  const checks: string[] = [];
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) throw new Error(`seed verify: ${what}: read ${actual}, expected ${expected}`);
    checks.push(`${what}: ${actual}`);
  };
  const all = async <T>(page: (cursor?: string) => Promise<{ items: T[]; cursor: string | null }>) => {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const result = await page(cursor);
      items.push(...result.items);
      cursor = result.cursor ?? undefined;
    } while (cursor);
    return items;
  };
  await withActor({ actor: { type: "system", reason: "bench verify" }, requestId: "bench" }, async () => {
    const districts = await District.list({ province: seeded.province });
    expect("districts of the province", districts.items.length, seeded.districts.length);
    const district = seeded.districts[0] as string;
    // Only the seeded schools: `npm run seed` also writes the demo organisation into the same districts.
    const codes = new Set(seeded.schools.map((s) => s.code));
    const schoolsOfDistrict = (await all((cursor) => School.byDistrict({ district, limit: 100, cursor }))).filter((s) =>
      codes.has(s.code),
    );
    expect(
      `schools of ${district}`,
      schoolsOfDistrict.length,
      seeded.schools.filter((s) => s.districtId === district).length,
    );
    const biggest = [...seeded.schools].sort((a, b) => b.total - a.total)[0] as SeededSchool;
    const year = seeded.year;
    const listed = await all((cursor) => Activity.listBySchool({ school: biggest.code, year, limit: 100, cursor }));
    expect(`activities of school ${biggest.code} in ${year}`, listed.length, biggest.total);
    const queue = (
      await all((cursor) => Activity.listByDistrict({ district, year, status: "submitted", limit: 100, cursor }))
    ).filter((a) => codes.has(a.school));
    const queued = seeded.schools
      .filter((s) => s.districtId === district)
      .reduce((n, s) => n + (s.byStatus.submitted ?? 0), 0);
    expect(`review queue of ${district} (submitted)`, queue.length, queued);
    const person = biggest.staff[1] ?? biggest.staff[0];
    const found = person ? await User.byEmail(person.email) : undefined;
    expect("user found by e-mail", found?.userId === person?.userId ? 1 : 0, 1);
    const people = await all((cursor) =>
      User.list({ scope: { type: "school", id: biggest.code }, limit: 100, cursor }),
    );
    expect(`people of school ${biggest.code}`, people.length, biggest.staff.length);
    const activityId = biggest.sample[0];
    if (activityId) {
      const activity = await Activity.get(activityId);
      expect(`activity ${activityId} by id`, activity.id === activityId ? 1 : 0, 1);
      const files = await all((cursor) => Evidence.list({ activityId, limit: 100, cursor }));
      expect(`evidence of ${activityId}`, files.length, biggest.sampleFiles);
    }
  });
  return checks;
}
