/**
 * The full review cycle of the "Done when": 2 districts × 3 schools × 10 activities
 * through the school, district and province rounds. Every reviewer's points come from
 * `pointsOf`; the expected promotions and awards are computed here from the written rules
 * (total = 10 × points when every criterion gets the same points; mean of reviewers; competition
 * ranking on mean, then median, then lowest total), never copied from the output.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWith } from "../../../../test/helpers/auth";
import { Activity } from "../activity";
import { type Grant, withActor } from "../actor";
import { District, School } from "../org";
import { useClock } from "../util/clock";
import { VisibleError } from "../util/error";
import { Decision, defaultRubrics, Round, Rubric, Score } from ".";
import { conflictOf } from "./assign";
import { pendingByReviewer, yearSummary } from "./system";

const year = "2026-2027";
const province = "10";
type Person = { userId: string; name: string; grants: Grant[] };
const areas = ["academic", "projects", "arts_sports_culture", "innovative_environments"] as const;
const categories = {
  academic: "dyk",
  projects: "tubitak",
  arts_sports_culture: "sportif",
  innovative_environments: "atolye_kurulumu",
};

function as<T>(who: Person, run: () => Promise<T>): Promise<T> {
  return withActor({ actor: { type: "user", email: `${who.userId}@t.tr`, ...who }, requestId: "t" }, run);
}
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);
async function person(name: string, grants: Grant[]): Promise<Person> {
  const u = await userWith(grants, { name });
  return { userId: u.userId, name, grants };
}
async function failure(promise: Promise<unknown>): Promise<VisibleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

let restoreClock: () => void = () => {};
function at(minute: string) {
  restoreClock();
  restoreClock = useClock({ now: () => new Date(`${minute}:00+03:00`) });
}

type Act = { id: string; s: number; j: number; school: string; district: string; area: string; level: string };
const acts: Act[] = [];
const schools: { code: string; district: string; level: "lise" | "ortaokul" }[] = [];
let chair: Person;
const commission: Person[] = [];
const boards: Person[] = [];
const evaluators: Person[] = [];
const teachers = new Map<string, Person>();

/** Points every criterion gets from reviewer `r` (index in the activity's reviewer list) in a round. */
function pointsOf(level: string, a: Act, r: number): number {
  const base = level === "school" ? a.j * 7 + a.s * 3 : level === "district" ? a.j * 3 + a.s * 5 : a.j * 9 + a.s;
  const p = 1 + (base % 10);
  // One disagreement in the school round: the second reviewer of school 0's activity 7 (p = 10) is harsh.
  if (level === "school" && a.s === 0 && a.j === 7 && r === 1) return p - 5;
  return p;
}

function scoresFor(area: string, points: number) {
  const criteria = defaultRubrics[area as keyof typeof defaultRubrics];
  return Object.fromEntries(criteria.map((c) => [c.id, { points, comment: `Gerekçe ${points}` }]));
}

/** Expected standing: totals 10 × points per reviewer; mean, median, min. */
function expectedStanding(level: string, a: Act, reviewers: number) {
  const totals = Array.from({ length: reviewers }, (_, r) => 10 * pointsOf(level, a, r)).sort((x, y) => x - y);
  const mean = totals.reduce((s, x) => s + x, 0) / totals.length;
  const mid = Math.floor(totals.length / 2);
  const median =
    totals.length % 2 ? (totals[mid] as number) : ((totals[mid - 1] as number) + (totals[mid] as number)) / 2;
  return { mean, median, min: totals[0] as number };
}

/** Competition rank within `group` by (mean, median, min). */
function expectedRanks(level: string, group: Act[], k: number) {
  const st = new Map(group.map((a) => [a.id, expectedStanding(level, a, k)]));
  const better = (x: Act, y: Act) => {
    const a = st.get(x.id) as ReturnType<typeof expectedStanding>;
    const b = st.get(y.id) as ReturnType<typeof expectedStanding>;
    return a.mean > b.mean || (a.mean === b.mean && (a.median > b.median || (a.median === b.median && a.min > b.min)));
  };
  return new Map(group.map((a) => [a.id, 1 + group.filter((b) => better(b, a)).length]));
}

function groupBy<T>(list: T[], key: (t: T) => string): T[][] {
  const m = new Map<string, T[]>();
  for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return [...m.values()];
}

beforeAll(async () => {
  at("2026-10-01T10:00");
  const districts = await system(async () => {
    const a = await District.create({ province, name: "Döngü Batı" });
    const b = await District.create({ province, name: "Döngü Doğu" });
    return [a.id, b.id];
  });
  for (const [d, district] of districts.entries()) {
    for (let i = 0; i < 3; i++) {
      const code = `79${d}000${i}`;
      const level = i < 2 ? "lise" : "ortaokul";
      schools.push({ code, district, level });
      await system(() =>
        School.create({
          code,
          name: `Döngü Okulu ${code}`,
          level,
          type: level === "lise" ? "anadolu_lisesi" : "ortaokul",
          districtId: district,
          email: `${code}@meb.k12.tr`,
        }),
      );
    }
  }
  chair = await person("İl Kurulu Başkanı", [{ role: "province_board", scope: { type: "province", id: province } }]);
  for (const s of schools) {
    teachers.set(
      s.code,
      await person(`Öğretmen ${s.code}`, [{ role: "teacher", scope: { type: "school", id: s.code } }]),
    );
    for (let m = 0; m < 2; m++) {
      commission.push(
        await person(`Komisyon ${s.code}-${m}`, [{ role: "school_commission", scope: { type: "school", id: s.code } }]),
      );
    }
  }
  for (const d of districts) {
    for (let m = 0; m < 3; m++) {
      boards.push(
        await person(`İlçe Kurulu ${d}-${m}`, [{ role: "district_board", scope: { type: "district", id: d } }]),
      );
    }
  }
  // Province evaluators: two also teach at a school (one per district), so they must never get
  // their own district's activities; the others have only the province role.
  for (let m = 0; m < 4; m++) {
    const extra: Grant[] =
      m < 2 ? [{ role: "teacher", scope: { type: "school", id: (schools[m * 3] as { code: string }).code } }] : [];
    evaluators.push(
      await person(`Değerlendirme Kurulu ${m}`, [
        { role: "province_review_board", scope: { type: "province", id: province } },
        ...extra,
      ]),
    );
  }
  // 10 activities per school, approved by the school's commission.
  for (const [s, school] of schools.entries()) {
    const teacher = teachers.get(school.code) as Person;
    const approver = commission[s * 2] as Person;
    for (let j = 0; j < 10; j++) {
      const area = areas[j % 4] as (typeof areas)[number];
      const created = await as(teacher, () =>
        Activity.create({
          school: school.code,
          year,
          area,
          category: categories[area],
          title: `Etkinlik ${school.code}-${j}`,
          startDate: "2026-09-20",
          reach: "school",
          students: [],
        }),
      );
      await as(teacher, () => Activity.transition({ id: created.id, action: "submit" }));
      await as(approver, () => Activity.transition({ id: created.id, action: "approve" }));
      acts.push({ id: created.id, s, j, school: school.code, district: school.district, area, level: school.level });
    }
  }
  for (const area of areas) {
    await as(chair, () => Rubric.save({ province, year, area, criteria: defaultRubrics[area] }));
  }
}, 600_000);

afterAll(() => restoreClock());

describe("review cycle: school → district → province", () => {
  const roundIds: Record<string, string> = {};

  async function scoreRound(level: string, roundId: string, entries: Act[], reviewers: Person[], k: number) {
    const { Assignment } = await import("./entities").then((m) => ({ Assignment: m.entities().Assignment }));
    const { data } = await Assignment.query.byRound({ roundId }).go({ pages: "all" });
    expect(data).toHaveLength(entries.length * k);
    const byId = new Map(reviewers.map((p) => [p.userId, p]));
    for (const a of entries) {
      const mine = data.filter((x) => x.activityId === a.id).sort((x, y) => (x.reviewerId < y.reviewerId ? -1 : 1));
      // Both reviewers of an activity submit at the same moment: both succeed.
      await Promise.all(
        mine.map((x, r) =>
          as(byId.get(x.reviewerId) as Person, () =>
            Score.save({ roundId, activityId: a.id, scores: scoresFor(a.area, pointsOf(level, a, r)), submit: true }),
          ),
        ),
      );
    }
  }

  it("runs the school round: conflict-free assignment, blind scoring, late score refused, reconciliation, promotion", async () => {
    at("2026-10-02T10:00");
    const round = await as(chair, () =>
      Round.create({
        province,
        year,
        level: "school",
        name: "Okul turu",
        opensAt: "2027-03-01T09:00",
        closesAt: "2027-03-15T17:00",
        k: 2,
        threshold: 25,
        rankBy: "raw",
        promotion: { topN: 2 },
        panel: commission.map((p) => ({ userId: p.userId })),
      }),
    );
    roundIds.school = round.id;
    const loaded = await as(chair, () => Round.loadEntries(round.id));
    expect(loaded).toEqual({ added: 60, total: 60 });
    const preview = await as(chair, () => Round.previewAssignment({ roundId: round.id, seed: "2027" }));
    // 60 × 2 slots over 12 members: ideal 10 each.
    expect(preview).toMatchObject({ activities: 60, newPairs: 120, short: [], maxLoad: 10 });
    await as(chair, () => Round.runAssignment({ roundId: round.id, seed: "2027" }));

    // Every assignment is conflict-free: checked over all of them.
    const { entities } = await import("./entities");
    const { data: pairs } = await entities().Assignment.query.byRound({ roundId: round.id }).go({ pages: "all" });
    for (const p of pairs) {
      const reviewer = commission.find((c) => c.userId === p.reviewerId) as Person;
      expect(reviewer.grants[0]?.scope.id).not.toBe(p.schoolCode);
    }

    // Before the round opens the policy refuses a score.
    const first = acts[0] as Act;
    const firstPairs = pairs
      .filter((p) => p.activityId === first.id)
      .sort((x, y) => (x.reviewerId < y.reviewerId ? -1 : 1));
    const r0 = commission.find((c) => c.userId === firstPairs[0]?.reviewerId) as Person;
    const early = await failure(
      as(r0, () =>
        Score.save({ roundId: round.id, activityId: first.id, scores: scoresFor(first.area, 5), submit: true }),
      ),
    );
    expect(early.code).toBe("round_closed");

    at("2027-03-05T10:00");
    // Someone not assigned (another commission member) is refused.
    const stranger = commission.find(
      (c) => !firstPairs.some((p) => p.reviewerId === c.userId) && c.grants[0]?.scope.id !== first.school,
    ) as Person;
    const refusedStranger = await failure(
      as(stranger, () => Score.save({ roundId: round.id, activityId: first.id, scores: {}, submit: false })),
    );
    expect(refusedStranger.code).toBe("not_assigned");
    // Autosave, incomplete; blind until own submission.
    await as(r0, () => Score.save({ roundId: round.id, activityId: first.id, scores: { amac_uyum: { points: 4 } } }));
    const blind = await as(r0, () => Score.forActivity({ roundId: round.id, activityId: first.id }));
    expect(blind).toMatchObject({ blind: true, others: [] });
    // A score below a criterion's minimum needs a comment.
    const low = await failure(
      as(r0, () =>
        Score.save({
          roundId: round.id,
          activityId: first.id,
          scores: Object.fromEntries(defaultRubrics.academic.map((c) => [c.id, { points: 1 }])),
          submit: true,
        }),
      ),
    );
    expect(low.code).toBe("invalid_scores");

    await scoreRound("school", round.id, acts, commission, 2);
    const seen = await as(r0, () => Score.forActivity({ roundId: round.id, activityId: first.id }));
    expect(seen.blind).toBe(false);
    expect(seen.others).toHaveLength(1);
    expect(JSON.stringify(seen.others)).not.toContain("Komisyon");

    // The disagreement (spread 50 > 25) blocks promotion until the chair reconciles it.
    const ranking = await as(chair, () => Decision.ranking(round.id));
    const flagged = ranking.items.filter((i) => i.disagreement).map((i) => i.activityId);
    const disputed = acts.find((a) => a.s === 0 && a.j === 7) as Act;
    expect(flagged).toEqual([disputed.id]);
    const district = await as(chair, () =>
      Round.create({
        province,
        year,
        level: "district",
        name: "İlçe turu",
        opensAt: "2027-04-01T09:00",
        closesAt: "2027-04-15T17:00",
        k: 2,
        rankBy: "raw",
        promotion: { topN: 1 },
        previousRoundId: round.id,
        panel: boards.map((p) => ({ userId: p.userId })),
      }),
    );
    roundIds.district = district.id;
    const blocked = await failure(as(chair, () => Decision.promote({ roundId: round.id, nextRoundId: district.id })));
    expect(blocked.code).toBe("promotion_blocked");
    await as(chair, () =>
      Decision.reconcile({
        roundId: round.id,
        activityId: disputed.id,
        note: "Ölçütler yeniden okundu; ortalama kabul.",
      }),
    );

    // Expected promotions: top 2 per school × area × level by the rules.
    const expected = groupBy(acts, (a) => `${a.school}|${a.area}|${a.level}`).flatMap((g) => {
      const ranks = expectedRanks("school", g, 2);
      return g.filter((a) => (ranks.get(a.id) as number) <= 2).map((a) => a.id);
    });
    const result = await as(chair, () => Decision.promote({ roundId: round.id, nextRoundId: district.id }));
    expect(result.promoted).toBe(expected.length);
    const promotedIds = (await as(chair, () => Decision.ranking(round.id))).items
      .filter((i) => i.promoted)
      .map((i) => i.activityId);
    expect(promotedIds.sort()).toEqual([...expected].sort());
    // The disputed activity's score is the mean of its two reviewers: (100 + 50) / 2.
    const disputedStanding = ranking.items.find((i) => i.activityId === disputed.id);
    expect(disputedStanding?.raw).toBe(expectedStanding("school", disputed, 2).mean);
    expect(disputedStanding?.raw).toBe(75);

    // Late score refused.
    at("2027-03-15T17:00");
    const late = await failure(
      as(r0, () =>
        Score.save({ roundId: round.id, activityId: first.id, scores: scoresFor(first.area, 9), submit: true }),
      ),
    );
    expect(late.code).toBe("round_closed");
  }, 600_000);

  it("runs the district and province rounds and gives the awards the rules define", async () => {
    at("2027-03-20T10:00");
    const districtEntries = acts.filter((a) => a.id); // filtered below by the stored entries
    const { entities } = await import("./entities");
    const { data: dEntries } = await entities()
      .Entry.query.byRound({ roundId: roundIds.district as string })
      .go({ pages: "all" });
    const inDistrict = districtEntries.filter((a) => dEntries.some((e) => e.activityId === a.id));
    await as(chair, () => Round.runAssignment({ roundId: roundIds.district as string }));
    at("2027-04-02T10:00");
    await scoreRound("district", roundIds.district as string, inDistrict, boards, 2);

    const provinceRound = await as(chair, () =>
      Round.create({
        province,
        year,
        level: "province",
        name: "İl turu",
        opensAt: "2027-05-01T09:00",
        closesAt: "2027-05-15T17:00",
        k: 2,
        rankBy: "raw",
        mentions: 1,
        previousRoundId: roundIds.district as string,
        panel: evaluators.map((p) => ({ userId: p.userId })),
      }),
    );
    const expectedProvince = groupBy(inDistrict, (a) => `${a.district}|${a.area}|${a.level}`).flatMap((g) => {
      const ranks = expectedRanks("district", g, 2);
      return g.filter((a) => (ranks.get(a.id) as number) <= 1);
    });
    const promoted = await as(chair, () =>
      Decision.promote({ roundId: roundIds.district as string, nextRoundId: provinceRound.id }),
    );
    expect(promoted.promoted).toBe(expectedProvince.length);

    // A declared conflict is honoured: the last evaluator declares one with the first school.
    const declarer = evaluators[3] as Person;
    const declaredSchool = (schools[0] as { code: string }).code;
    await as(declarer, () => Round.declareConflicts({ roundId: provinceRound.id, schools: [declaredSchool] }));
    await as(chair, () => Round.runAssignment({ roundId: provinceRound.id, seed: "il" }));
    const { data: pPairs } = await entities()
      .Assignment.query.byRound({ roundId: provinceRound.id })
      .go({ pages: "all" });
    const { data: members } = await entities().Member.query.byRound({ roundId: provinceRound.id }).go({ pages: "all" });
    for (const p of pPairs) {
      const member = members.find((m) => m.userId === p.reviewerId);
      const entry = expectedProvince.find((a) => a.id === p.activityId) as Act;
      expect(
        conflictOf(
          {
            userId: p.reviewerId,
            schools: member?.schools ?? [],
            districts: member?.districts ?? [],
            conflictSchools: member?.conflictSchools ?? [],
          },
          { activityId: entry.id, school: entry.school, district: entry.district, area: entry.area },
          { level: "province" },
        ),
      ).toBeNull();
      if (p.reviewerId === declarer.userId) expect(p.schoolCode).not.toBe(declaredSchool);
    }
    // Manual reassignment that would create a conflict is refused.
    const ownDistrictMember = evaluators[0] as Person;
    const victim = expectedProvince.find(
      (a) =>
        a.district === (schools[0] as { district: string }).district &&
        !pPairs.some((p) => p.activityId === a.id && p.reviewerId === ownDistrictMember.userId),
    ) as Act;
    const refused = await failure(
      as(chair, () =>
        Round.reassign({ roundId: provinceRound.id, activityId: victim.id, to: ownDistrictMember.userId }),
      ),
    );
    expect(refused.code).toBe("conflict_of_interest");

    at("2027-05-02T10:00");
    await scoreRound("province", provinceRound.id, expectedProvince, evaluators, 2);
    const pending = await system(() => pendingByReviewer({ province, schoolYear: year }));
    expect(pending.filter((p) => p.roundId === provinceRound.id).every((p) => p.pending === 0)).toBe(true);
    expect(pending.find((p) => p.roundId === provinceRound.id)?.window).toEqual({
      from: "2027-05-01T09:00",
      to: "2027-05-15T17:00",
    });

    // Awards: per area × level, competition rank → tier with one mansiyon.
    const tierOfRank = (r: number) =>
      r === 1 ? "birincilik" : r === 2 ? "ikincilik" : r === 3 ? "ucunculuk" : r === 4 ? "mansiyon" : undefined;
    const expectedTiers = new Map<string, string>();
    for (const g of groupBy(expectedProvince, (a) => `${a.area}|${a.level}`)) {
      const ranks = expectedRanks("province", g, 2);
      for (const a of g) {
        const t = tierOfRank(ranks.get(a.id) as number);
        if (t) expectedTiers.set(a.id, t);
      }
    }
    const awarded = await as(chair, () => Decision.award(provinceRound.id));
    expect(awarded.awarded).toBe(expectedTiers.size);
    const summary = await system(() => yearSummary({ province, schoolYear: year }));
    expect(new Map(summary.awards.map((a) => [a.activityId, a.tier as string]))).toEqual(expectedTiers);
    expect(summary.rounds.map((r) => [r.level, r.entries])).toEqual([
      ["school", 60],
      ["district", 48],
      ["province", expectedProvince.length],
    ]);

    // Publication: the school sees outcomes and comments, never reviewer names.
    await as(chair, () => Decision.publish({ roundId: provinceRound.id, publishAt: "2027-06-01T10:00" }));
    const school = schools[0] as { code: string };
    const principal = await person("Müdür", [{ role: "principal", scope: { type: "school", id: school.code } }]);
    expect(await as(principal, () => Decision.results({ school: school.code, year }))).toEqual([]);
    at("2027-06-01T10:00");
    const outcomes = await as(principal, () => Decision.results({ school: school.code, year }));
    const mine = expectedProvince.filter((a) => a.school === school.code);
    expect(outcomes.map((o) => o.activityId).sort()).toEqual(mine.map((a) => a.id).sort());
    for (const o of outcomes) {
      expect(o.tier).toBe(expectedTiers.get(o.activityId));
      expect(o.comments.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(outcomes)).not.toMatch(/Değerlendirme Kurulu/);
    const other = await person("Öteki Müdür", [
      { role: "principal", scope: { type: "school", id: (schools[1] as { code: string }).code } },
    ]);
    expect((await failure(as(other, () => Decision.results({ school: school.code, year })))).kind).toBe("not_found");
  }, 600_000);
});
