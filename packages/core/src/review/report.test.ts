/**
 * The reviews section of the yearly report, compiled by the real report job over review records
 * written straight to the table: counts per round level, awards by area and tier only from
 * published rounds, the fair, awards per district — for a province, one of its districts and a
 * school. Expected figures follow from the data laid out below, not from the output.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../actor";
import { Job } from "../job";
import { prefixOf, reportJob } from "../report/job";
import { getText, reportJobTypes } from "../report/system";
import { type Seeded, seedProvince } from "../report/test-data";
import { entities } from "./entities";
import { roundRecord } from "./test-data";

const year = "2025-2026";
const province = "45";
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);

async function compile(scope: { type: "province" | "district" | "school"; id: string }) {
  const { job } = await system(() =>
    Job.start(reportJob, { params: { scope, year } as never, enqueue: false, asOf: "2026-09-01" }),
  );
  for (let i = 0; i < 3; i++) {
    const outcome = await system(() => Job.system.execute(job.id, reportJobTypes));
    if (outcome.status !== "retry") break;
  }
  const done = await system(() => Job.get(job.id));
  expect(done.status).toBe("succeeded");
  return JSON.parse(await getText(`${prefixOf(scope, year, job.id)}report.json`)).sections.reviews;
}

let seeded: Seeded;
/** Schools s0, s1 in district A; s2, s3 in district B. */
let s: string[];
let A: string;
let B: string;

async function round(roundId: string, level: "school" | "province", publishAt?: string) {
  await entities()
    .Round.put(
      roundRecord({
        roundId,
        provinceCode: province,
        schoolYear: year,
        level,
        name: roundId,
        ...(publishAt ? { publishAt } : {}),
      }),
    )
    .go();
}

async function entry(
  roundId: string,
  n: number,
  school: string,
  district: string,
  area: string,
  extra: { score?: number; promoted?: boolean; tier?: string; fair?: boolean },
) {
  await entities()
    .Entry.put({
      roundId,
      activityId: `act_${roundId}_${n}`,
      schoolCode: school,
      schoolName: `Okul ${school}`,
      schoolLevel: "lise",
      districtId: district,
      provinceCode: province,
      schoolYear: year,
      area,
      title: `Etkinlik ${n}`,
      ...extra,
    })
    .go();
}

beforeAll(async () => {
  seeded = await seedProvince({
    province,
    districts: ["Salihli", "Turgutlu"],
    schoolsPerDistrict: 2,
    perSchool: 1,
    year,
    codeBase: 450_000,
  });
  A = seeded.districts[0]?.id as string;
  B = seeded.districts[1]?.id as string;
  s = seeded.districts.flatMap((d) => d.schools);
  const [s0, s1, s2, s3] = s as [string, string, string, string];
  const districtOf = (x: string) => (x === s0 || x === s1 ? A : B);
  // School round, published: two entries per school, all scored, the first of each promoted.
  await round("rnd_school", "school", "2026-04-01T10:00");
  let n = 0;
  for (const school of s) {
    await entry("rnd_school", n++, school, districtOf(school), "academic", { score: 70, promoted: true });
    await entry("rnd_school", n++, school, districtOf(school), "projects", { score: 40 });
  }
  // Province round, published: three tiers, all three at the fair.
  await round("rnd_province", "province", "2026-06-20T10:00");
  await entry("rnd_province", 0, s0, A, "academic", { score: 90, tier: "birincilik", fair: true });
  await entry("rnd_province", 1, s1, A, "projects", { score: 60, tier: "mansiyon", fair: true });
  await entry("rnd_province", 2, s2, B, "academic", { score: 80, tier: "ikincilik", fair: true });
  await entry("rnd_province", 3, s3, B, "projects", { score: 30 });
  // A second province round whose results are not published yet: its award must not show.
  await round("rnd_hidden", "province");
  await entry("rnd_hidden", 0, s0, A, "projects", { score: 95, tier: "birincilik", fair: true });
});

const noAwards = { birincilik: 0, ikincilik: 0, ucunculuk: 0, mansiyon: 0 };

describe("reviews in the yearly report", () => {
  it("a province report counts rounds per level and only published awards, per area, tier and district", async () => {
    // Act
    const reviews = await compile({ type: "province", id: province });

    // Assess: 8 school-round entries (4 promoted); 4 + 1 province entries, 5 scored.
    expect(reviews.byLevel).toEqual({
      school: { entries: 8, scored: 8, promoted: 4 },
      district: { entries: 0, scored: 0, promoted: 0 },
      province: { entries: 5, scored: 5, promoted: 0 },
    });
    expect(reviews.awards.academic).toEqual({ ...noAwards, birincilik: 1, ikincilik: 1 });
    expect(reviews.awards.projects).toEqual({ ...noAwards, mansiyon: 1 });
    expect(reviews.awarded).toBe(3);
    expect(reviews.fair).toBe(3);
    expect(reviews.awardsByDistrict).toEqual({ [A]: 2, [B]: 1 });
  });

  it("a district report keeps its own schools' entries and awards", async () => {
    const reviews = await compile({ type: "district", id: A });

    expect(reviews.byLevel.school).toEqual({ entries: 4, scored: 4, promoted: 2 });
    expect(reviews.byLevel.province).toEqual({ entries: 3, scored: 3, promoted: 0 });
    expect(reviews.awarded).toBe(2);
    expect(reviews.awardsByDistrict).toEqual({ [A]: 2 });
  });

  it("a school report shows its own outcomes, and the unpublished award stays out", async () => {
    const reviews = await compile({ type: "school", id: s[0] as string });

    expect(reviews.byLevel.school).toEqual({ entries: 2, scored: 2, promoted: 1 });
    expect(reviews.byLevel.province).toEqual({ entries: 2, scored: 2, promoted: 0 });
    expect(reviews.awards.academic).toEqual({ ...noAwards, birincilik: 1 });
    expect(reviews.awards.projects).toEqual(noAwards);
    expect(reviews.fair).toBe(1);
  });
});
