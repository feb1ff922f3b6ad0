/**
 * The programmes of a seeded province (issue 14, "review rounds, 1,000 partnerships with plans"),
 * written after bench/seed.ts has flushed the province (it reads the province back):
 *
 * - reviews: the default rubric of every award area, and a district-level round of the year
 *   whose entries are the province's activities forwarded to the district (status `district`),
 *   up to the scale issue 10 names for its benchmark (5,000 activities × 3 reviewers over 200
 *   members; 1/20 in quick mode), with a panel of new district board members (10 a district).
 *   The round is NOT assigned: the programme jobs group (bench/programmes.ts) times the `review-assign` job on it. Its window
 *   closes on 2027-05-15, so on 2027-05-01 — the day after the entry deadline, when the
 *   principals of schools with unsent activities are told — the panel hears "14 days left".
 * - partnerships: 1,000 pairs (1/20 in quick mode) with plans, written by
 *   bench/seed-partnerships.ts.
 *
 * Items are built with the domains' own ElectroDB entities (`put(...).params()`), as seed.ts does.
 * Deterministic (a seeded PRNG) except ids (ULIDs).
 */
import { Activity } from "../packages/core/src/activity";
import { areas } from "../packages/core/src/activity/fields";
import { withActor } from "../packages/core/src/actor";
import { entities as identityEntities } from "../packages/core/src/identity/entities";
import { District, School } from "../packages/core/src/org";
import { defaultRubrics } from "../packages/core/src/review";
import { entities as reviewEntities } from "../packages/core/src/review/entities";
import { entryOf } from "../packages/core/src/review/round";
import { createId } from "../packages/core/src/util/id";
import { normalizeEmail } from "../packages/core/src/util/text";
import { province, type Scale, type SeededSchool, year } from "./seed";
import { seedPartnerships, verifyPartnerships } from "./seed-partnerships";

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
    await put("reviewentry", params(Entry.put(entryOf(roundId, a, school))));
  }

  // --- partnerships (bench/seed-partnerships.ts) ---
  const partnerships = await seedPartnerships({
    partnerships: sizes.partnerships,
    schoolInfo,
    schools: ctx.schools,
    at,
    put,
    rng,
    person,
  });
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
  await verifyPartnerships(partnerships, expect);

  last = {
    roundId,
    entries: forwarded.length,
    panel,
    k,
    partnerships: partnerships.pairs,
    provincePartnerships: partnerships.withLocal,
    samplePartnership: partnerships.samplePartnership,
    reminderDay: "2027-05-01",
    checks,
  };
  return last;
}
