/**
 * The partnerships of the seeded province's benchmark (bench/seed-programmes.ts): pairs of
 * Anadolu / fen / sosyal bilimler lisesi of different provinces over the four cohorts active in
 * the year. Every eligible school of the province with people takes part in one pair; the other
 * pairs are between schools of other provinces, seeded here with their districts and a
 * coordinator each. Each pair has a plan for the year in one of the chain's states (or none yet),
 * with items, indicators and the plan's history; plans past the draft have joint activities and
 * indicator actuals. Items are built with the domain's own ElectroDB entities.
 */
import type { School } from "../packages/core/src/org";
import { District } from "../packages/core/src/org";
import { entities as orgEntities } from "../packages/core/src/org/entities";
import { entities as partnershipEntities } from "../packages/core/src/partnership/entities";
import { eligibleTypes, type StoredItem } from "../packages/core/src/partnership/fields";
import { createId } from "../packages/core/src/util/id";
import { province, type SeededSchool, year } from "./seed";

const params = (operation: { params: () => unknown }) => (operation.params() as { Item: Record<string, unknown> }).Item;

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

export type PartnershipsInput = {
  partnerships: number;
  /** The province's schools as written (read back). */
  schoolInfo: Map<string, School.Info>;
  schools: SeededSchool[];
  at: string;
  put: (entity: string, item: Record<string, unknown>) => Promise<void>;
  rng: { next: () => number; int: (n: number) => number; pick: <T>(list: readonly T[]) => T };
  /** Creates a person with one role (user, e-mail claim, role assignment). */
  person: (role: "teacher", scope: { type: string; id: string }) => Promise<{ userId: string; name: string }>;
};

/** Writes the pairs; returns what the benchmarks and the read-back need. */
export async function seedPartnerships(input: PartnershipsInput) {
  const { at, put, rng, person, schoolInfo } = input;
  const { District: DistrictEntity, School: SchoolEntity } = orgEntities();
  const P = partnershipEntities();
  const staffOf = new Map(input.schools.map((s) => [s.code, s.staff]));
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
  const withLocal = Math.min(input.partnerships, local.filter((s) => coordinatorOf.has(s.code)).length);
  const outsideNeeded = withLocal + 2 * (input.partnerships - withLocal);
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
  return { pairs: pairs.length, withLocal, samplePartnership, written };
}

/** Reads the pairs back: those of the province, and those of the four cohorts. */
export async function verifyPartnerships(
  seeded: Awaited<ReturnType<typeof seedPartnerships>>,
  expect: (what: string, actual: number, expected: number) => void,
): Promise<void> {
  const P = partnershipEntities();
  const { written, withLocal } = seeded;
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
  expect("partnerships of the four cohorts", total, seeded.pairs);
}
