/**
 * The programmes of a seeded province (issue 14, "review rounds, 1,000 partnerships with plans"),
 * written after bench/seed.ts has flushed the province (it reads the province back):
 *
 * - reviews: the default rubric of every award area, and a district-level round of the year
 *   whose entries are the province's activities forwarded to the district (status `district`),
 *   up to the scale issue 10 names for its benchmark (5,000 activities × 3 reviewers over 200
 *   members; 1/20 in quick mode), with a panel of new district board members (10 a district).
 *   The round is NOT assigned: the jobs group times the `review-assign` job on it. Its window
 *   closes on 2027-05-15, so on 2027-05-01 — the day after the entry deadline, when the
 *   principals of schools with unsent activities are told — the panel hears "14 days left".
 * - partnerships: 1,000 pairs (1/20 in quick mode) of Anadolu / fen / sosyal bilimler lisesi of
 *   different provinces over the four cohorts active in the year. Every eligible school of the
 *   province takes part in one pair; the other pairs are between schools of other provinces,
 *   seeded here with their districts and a coordinator each. Each pair has a plan for the year
 *   in one of the chain's states (or none yet), with items, indicators, some actuals and joint
 *   activities, and the plan's history.
 *
 * Items are built with the domains' own ElectroDB entities (`put(...).params()`), as seed.ts does.
 * Deterministic (a seeded PRNG) except ids (ULIDs).
 */
import { Activity } from "../packages/core/src/activity";
import { areas } from "../packages/core/src/activity/fields";
import { withActor } from "../packages/core/src/actor";
import { entities as identityEntities } from "../packages/core/src/identity/entities";
import { District, School } from "../packages/core/src/org";
import { entities as orgEntities } from "../packages/core/src/org/entities";
import { entities as partnershipEntities } from "../packages/core/src/partnership/entities";
import { eligibleTypes, type StoredItem } from "../packages/core/src/partnership/fields";
import { defaultRubrics } from "../packages/core/src/review";
import { entities as reviewEntities } from "../packages/core/src/review/entities";
import { createId } from "../packages/core/src/util/id";
import { normalizeEmail } from "../packages/core/src/util/text";
import { province, type Scale, type SeededSchool, year } from "./seed";

/** What the benchmarks need to find the programmes again. */
export type SeededProgrammes = {
  roundId: string;
  /** Entries of the round (activities forwarded to the district). */
  entries: number;
  panel: { userId: string; name: string }[];
  k: number;
  partnerships: number;
  /** Pairs with a member school in the seeded province (its dashboard's rows). */
  provincePartnerships: number;
  /** A pair of the province with a plan, works and actuals (for a yearly report compile). */
  samplePartnership: string;
  /** The Istanbul day on which many reminders are due (see the file comment). */
  reminderDay: string;
  checks: string[];
};

/** What bench/seed.ts hands over, once the province is flushed (its `put` counts items). */
type Context = {
  scale: Scale;
  schools: SeededSchool[];
  at: string;
  put: (entity: string, item: Record<string, unknown>) => Promise<void>;
  writer: { flush: () => Promise<void> };
};

let last: SeededProgrammes | undefined;

/** The programmes of the last `seedProgrammes` in this process (the benchmarks' handle). */
export function seededProgrammes(): SeededProgrammes {
  if (!last) throw new Error("seedProgrammes has not run in this process");
  return last;
}

/** Issue 10's benchmark round and issue 14's partnerships, scaled with the province. */
export function programmeScale(scale: Scale) {
  const factor = scale.schools / 1500;
  return {
    entries: Math.round(5000 * factor),
    panelPerDistrict: Math.max(1, Math.round(10 * factor)),
    partnerships: Math.round(1000 * factor),
  };
}

const params = (operation: { params: () => unknown }) => (operation.params() as { Item: Record<string, unknown> }).Item;

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
  return { next, int, pick };
}

// biome-ignore format: a table
const otherProvinces: readonly (readonly [string, string, string])[] = [
  ["06", "Çankaya", "Keçiören"], ["34", "Kadıköy", "Üsküdar"], ["35", "Bornova", "Karşıyaka"],
  ["61", "Ortahisar", "Akçaabat"], ["07", "Muratpaşa", "Kepez"], ["42", "Selçuklu", "Meram"],
  ["01", "Seyhan", "Çukurova"], ["55", "İlkadım", "Atakum"], ["38", "Melikgazi", "Kocasinan"],
  ["27", "Şahinbey", "Şehitkamil"],
];
const typeNames = {
  anadolu_lisesi: "Anadolu Lisesi",
  fen_lisesi: "Fen Lisesi",
  sosyal_bilimler_lisesi: "Sosyal Bilimler Lisesi",
};
// biome-ignore format: a table
const planMix: readonly (readonly [string, number])[] = [
  ["none", 10], ["draft", 25], ["agreed", 10], ["submitted", 20], ["received", 15], ["forwarded", 15], ["returned", 5],
];
const cohorts = ["2023-2024", "2024-2025", "2025-2026", "2026-2027"];
const names = [
  "Ayşe Kaya",
  "Mehmet Demir",
  "Fatma Çelik",
  "Ali Şahin",
  "Zeynep Yıldız",
  "Mustafa Öztürk",
  "Elif Aydın",
];

/** Writes the review round and the partnerships; see the file comment. */
export async function seedProgrammes(ctx: Context): Promise<SeededProgrammes> {
  const { at, put } = ctx;
  const rng = random(20270501);
  const sizes = programmeScale(ctx.scale);
  const system = <T>(run: () => Promise<T>) =>
    withActor({ actor: { type: "system", reason: "bench seed programmes" }, requestId: "bench" }, run);

  // The province as written: its districts and schools (names, levels, types), read back.
  const { districts, schoolInfo, forwarded } = await system(async () => {
    const districts = (await District.list({ province })).items.map((d) => d.id);
    const schoolInfo = new Map<string, School.Info>();
    for (const district of districts) {
      let cursor: string | undefined;
      do {
        const page = await School.byDistrict({ district, limit: 100, ...(cursor ? { cursor } : {}) });
        for (const s of page.items) schoolInfo.set(s.code, s);
        cursor = page.cursor ?? undefined;
      } while (cursor);
    }
    const forwarded: Activity.Info[] = [];
    let cursor: string | undefined;
    do {
      const page = await Activity.listByProvince({
        province,
        year,
        status: "district",
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      forwarded.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor && forwarded.length < sizes.entries);
    return { districts, schoolInfo, forwarded: forwarded.slice(0, sizes.entries) };
  });

  const { User, EmailClaim, Assignment: RoleAssignment } = identityEntities();
  let personNo = 0;
  const person = async (role: "district_board" | "teacher", scope: { type: string; id: string }) => {
    personNo += 1;
    const userId = createId("user");
    const name = `${rng.pick(names)} ${personNo}`;
    const email = `program${personNo}@bench.meb.gov.tr`;
    const emailKey = normalizeEmail(email);
    await put(
      "user (programmes)",
      params(User.put({ userId, name, email, emailKey, status: "active", version: 1, createdAt: at, updatedAt: at })),
    );
    await put("emailclaim (programmes)", params(EmailClaim.put({ emailKey, userId })));
    await put(
      "role (programmes)",
      params(
        RoleAssignment.put({
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
    return { userId, name };
  };

  // --- reviews: rubrics, a district round with its panel and entries (not assigned) ---
  const { Rubric, Round, Member, Entry } = reviewEntities();
  const rubrics: Record<string, number> = {};
  for (const area of areas) {
    await put(
      "reviewrubric",
      params(
        Rubric.put({
          provinceCode: province,
          schoolYear: year,
          area,
          version: "0001",
          criteria: defaultRubrics[area],
          updatedAt: at,
          updatedBy: "seed",
        }),
      ),
    );
    rubrics[area] = 1;
  }
  const roundId = createId("round");
  const k = 3;
  await put(
    "reviewround",
    params(
      Round.put({
        roundId,
        provinceCode: province,
        schoolYear: year,
        level: "district",
        name: "İlçe Proje Yürütme Kurulu değerlendirmesi",
        opensAt: "2027-05-06T09:00",
        closesAt: "2027-05-16T00:00",
        k,
        threshold: 25,
        rankBy: "normalised",
        allowOwnDistrict: false,
        promotion: { topN: 20 },
        mentions: 2,
        rubrics,
        createdBy: "seed",
        createdAt: at,
        version: 1,
      }),
    ),
  );
  const panel: SeededProgrammes["panel"] = [];
  for (const district of districts) {
    for (let i = 0; i < sizes.panelPerDistrict; i++) {
      const member = await person("district_board", { type: "district", id: district });
      panel.push(member);
      await put(
        "reviewmember",
        params(
          Member.put({
            roundId,
            userId: member.userId,
            name: member.name,
            schools: [],
            districts: [district],
            schoolDistricts: {},
            conflictSchools: [],
            conflictPeople: [],
          }),
        ),
      );
    }
  }
  for (const a of forwarded) {
    const school = schoolInfo.get(a.school);
    await put(
      "reviewentry",
      params(
        Entry.put({
          roundId,
          activityId: a.id,
          schoolCode: a.school,
          schoolName: school?.name ?? a.school,
          schoolLevel: school?.level ?? "lise",
          districtId: a.district,
          provinceCode: a.province,
          schoolYear: a.year,
          area: a.area,
          title: a.title,
          people: [...new Set([a.ownerId, ...a.teachers.flatMap((t) => (t.userId ? [t.userId] : []))])],
        }),
      ),
    );
  }

  // --- partnerships ---
  const { District: DistrictEntity, School: SchoolEntity } = orgEntities();
  const P = partnershipEntities();
  const staffOf = new Map(ctx.schools.map((s) => [s.code, s.staff]));
  type PairSchool = { code: string; name: string; type: string; province: string; district: string };
  const coordinatorOf = new Map<string, { userId: string; name: string }>();
  const local: PairSchool[] = [...schoolInfo.values()]
    .filter((s) => (eligibleTypes as readonly string[]).includes(s.type))
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((s) => ({ code: s.code, name: s.name, type: s.type, province, district: s.districtId }));
  for (const s of local) {
    const staff = staffOf.get(s.code) ?? [];
    const coordinator = staff[1] ?? staff[0];
    if (coordinator) coordinatorOf.set(s.code, { userId: coordinator.userId, name: coordinator.name });
  }
  const withLocal = Math.min(sizes.partnerships, local.filter((s) => coordinatorOf.has(s.code)).length);
  const outsideNeeded = withLocal + 2 * (sizes.partnerships - withLocal);
  for (const [code, ...districtNames] of otherProvinces) {
    for (const name of districtNames) {
      await put(
        "district (other provinces)",
        params(DistrictEntity.put({ id: District.idOf(code, name), provinceCode: code, name, createdAt: at })),
      );
    }
  }
  // Schools of other provinces, round-robin over the provinces (so two in a row differ).
  const outside: PairSchool[] = [];
  for (let i = 0; i < outsideNeeded; i++) {
    const [code, ...districtNames] = otherProvinces[i % otherProvinces.length] as (typeof otherProvinces)[number];
    const districtName = districtNames[Math.floor(i / otherProvinces.length) % districtNames.length] as string;
    const districtId = District.idOf(code, districtName);
    const type = rng.pick([
      "anadolu_lisesi",
      "anadolu_lisesi",
      "anadolu_lisesi",
      "fen_lisesi",
      "sosyal_bilimler_lisesi",
    ]);
    const schoolCode = String(81_000_000 + i);
    const school = {
      code: schoolCode,
      name: `${districtName} ${i + 1}. ${typeNames[type as keyof typeof typeNames]}`,
      level: "lise" as const,
      type: type as "anadolu_lisesi",
      districtId,
      provinceCode: code,
      email: `${schoolCode}@meb.k12.tr`,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await put("school (other provinces)", params(SchoolEntity.put(school)));
    coordinatorOf.set(schoolCode, await person("teacher", { type: "school", id: schoolCode }));
    outside.push({ code: schoolCode, name: school.name, type, province: code, district: districtId });
  }
  const pairs: [PairSchool, PairSchool][] = [];
  const locals = local.filter((s) => coordinatorOf.has(s.code));
  for (let i = 0; i < withLocal; i++) pairs.push([locals[i] as PairSchool, outside[i] as PairSchool]);
  for (let i = withLocal; i + 1 < outside.length; i += 2)
    pairs.push([outside[i] as PairSchool, outside[i + 1] as PairSchool]);

  // The ids written here: a table that already holds pairs (`npm run seed` after the demo's) keeps them.
  const written = new Set<string>();
  let samplePartnership = "";
  let sampleScore = -1;
  const yearStart = Number(year.slice(0, 4));
  for (const [index, pair] of pairs.entries()) {
    const partnershipId = createId("partnership");
    written.add(partnershipId);
    const startYear = cohorts[index % cohorts.length] as string;
    const lead = rng.next() < 0.5 ? 0 : 1;
    const ordered = lead === 0 ? pair : ([pair[1], pair[0]] as const);
    const coordinators = Object.fromEntries(ordered.map((s) => [s.code, coordinatorOf.get(s.code)]));
    const first = Number(startYear.slice(0, 4));
    const [a, b] = ordered;
    await put(
      "partnership",
      params(
        P.Partnership.put({
          partnershipId,
          cohort: startYear.slice(0, 4),
          startYear,
          schools: ordered,
          leadSchool: a.code,
          coordinators,
          zumres: [{ subject: "Matematik", head: { ...(coordinators[a.code] as object), school: a.code } }],
          createdBy: "seed",
          createdAt: at,
          version: 1,
        }),
      ),
    );
    for (const s of ordered) {
      await put(
        "partnershipmember",
        params(P.Member.put({ partnershipId, schoolCode: s.code, provinceCode: s.province, startYear })),
      );
      await put("partnershiplock", params(P.Lock.put({ schoolCode: s.code, partnershipId, freeFrom: first + 4 })));
    }
    // The year's plan in one of the chain's states (or none yet).
    let r = rng.next() * planMix.reduce((t, [, w]) => t + w, 0);
    let status = "none";
    for (const [s, w] of planMix) {
      r -= w;
      if (r < 0) {
        status = s;
        break;
      }
    }
    if (status === "none") continue;
    const items: StoredItem[] = Array.from({ length: 2 + rng.int(3) }, (_, i) => ({
      id: createId("planItem"),
      topic: rng.pick(["academic_success", "teacher_training", "support_courses", "community_service"] as const),
      activityType: rng.pick(["joint_exam", "question_pool", "workshop", "social_responsibility", "camp"] as const),
      title: `Ortak çalışma ${i + 1}`,
      schools: i % 2 === 0 ? [a.code, b.code] : [b.code],
      people: [],
      from: `${yearStart}-10-01`,
      to: `${yearStart + 1}-05-31`,
      indicators: Array.from({ length: 1 + rng.int(2) }, (_, j) => ({
        id: createId("indicator"),
        name: j === 0 ? "Yapılan ortak etkinlik" : "Katılan öğrenci",
        unit: j === 0 ? "adet" : "kişi",
        baseline: 0,
        target: j === 0 ? 4 : 60,
        aggregate: "sum" as const,
        owner: j === 0 ? a.code : b.code,
      })),
    }));
    const agreed = !["draft", "returned"].includes(status);
    const coordinator = (code: string) => coordinatorOf.get(code) as { userId: string; name: string };
    await put(
      "partnershipplan",
      params(
        P.Plan.put({
          partnershipId,
          schoolYear: year,
          planVersion: "0001",
          status,
          items,
          agreements: agreed ? Object.fromEntries(ordered.map((s) => [s.code, { ...coordinator(s.code), at }])) : {},
          receipts:
            status === "received" || status === "forwarded"
              ? Object.fromEntries(ordered.map((s) => [s.province, at]))
              : {},
          ...(status === "returned" ? { returnReason: "Göstergelerin hedefleri eksik." } : {}),
          rev: Math.max(1, 1 + ["draft", "agreed", "submitted", "received", "forwarded"].indexOf(status)),
          createdAt: at,
          updatedAt: at,
        }),
      ),
    );
    const lead0 = coordinator(a.code);
    const steps: [string, string | undefined, string][] = [["create", undefined, "draft"]];
    if (status !== "draft") steps.push(["agree", "draft", status === "returned" ? "returned" : "agreed"]);
    for (const [action, fromStatus, to] of steps) {
      await put(
        "partnershiphistory",
        params(
          P.History.put({
            partnershipId,
            kind: "plan",
            schoolYear: year,
            seq: createId("audit").slice(4),
            action,
            planVersion: 1,
            ...(fromStatus ? { from: fromStatus } : {}),
            to,
            actorId: lead0.userId,
            actorName: lead0.name,
            at,
          }),
        ),
      );
    }
    // Plans on their way have work behind them: joint activities and indicator actuals.
    if (!agreed) continue;
    const works = rng.int(4);
    for (let w = 0; w < works; w++) {
      const item = rng.pick(items);
      await put(
        "partnershipwork",
        params(
          P.Work.put({
            partnershipId,
            schoolYear: year,
            workId: createId("jointWork"),
            itemId: item.id,
            title: `${item.title}: ${w + 1}. buluşma`,
            date: `${yearStart}-${String(10 + w).padStart(2, "0")}-15`,
            schools: item.schools,
            ownerId: lead0.userId,
            ownerName: lead0.name,
            postingSchool: a.code,
            createdAt: at,
          }),
        ),
      );
    }
    let actuals = 0;
    for (const item of items) {
      for (const indicator of item.indicators) {
        if (rng.next() < 0.4) continue;
        actuals += 1;
        await put(
          "partnershipactual",
          params(
            P.Actual.put({
              partnershipId,
              schoolYear: year,
              indicatorId: indicator.id,
              date: `${yearStart}-12-${String(1 + rng.int(28)).padStart(2, "0")}`,
              actualId: createId("actual"),
              value: 1 + rng.int(indicator.target),
              ownerId: lead0.userId,
              createdAt: at,
            }),
          ),
        );
      }
    }
    const score = items.length + works + actuals;
    if (a.province === province || b.province === province) {
      if (score > sampleScore) {
        sampleScore = score;
        samplePartnership = partnershipId;
      }
    }
  }
  await ctx.writer.flush();

  // Read samples back through the domains' reads (as seed.ts's verify does).
  const checks: string[] = [];
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) throw new Error(`seed programmes: ${what}: read ${actual}, expected ${expected}`);
    checks.push(`${what}: ${actual}`);
  };
  const { data: entries } = await Entry.query.byRound({ roundId }).go({ pages: "all", attributes: ["activityId"] });
  expect("review entries of the round", entries.length, forwarded.length);
  const { data: members } = await Member.query.byRound({ roundId }).go({ pages: "all" });
  expect("panel of the round", members.length, panel.length);
  const { data: ofProvince } = await P.Member.query
    .byProvince({ provinceCode: province })
    .go({ pages: "all", attributes: ["partnershipId"] });
  const mine = (rows: { partnershipId: string }[]) => rows.filter((r) => written.has(r.partnershipId)).length;
  expect(`partnerships of province ${province}`, mine(ofProvince), withLocal);
  let total = 0;
  for (const cohort of cohorts) {
    const { data } = await P.Partnership.query
      .byCohort({ cohort: cohort.slice(0, 4) })
      .go({ pages: "all", attributes: ["partnershipId"] });
    total += mine(data);
  }
  expect("partnerships of the four cohorts", total, pairs.length);

  last = {
    roundId,
    entries: forwarded.length,
    panel,
    k,
    partnerships: pairs.length,
    provincePartnerships: withLocal,
    samplePartnership,
    reminderDay: "2027-05-01",
    checks,
  };
  return last;
}
