import { afterAll, describe, expect, it } from "vitest";
import { userWith } from "../../../../../test/helpers/auth";
import { startJobPool } from "../../local/jobs";
import { app } from "../app";

const pool = startJobPool({ retryDelayMs: 10 });
afterAll(() => pool.stop());

const year = "2026-2027";
const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
  const res = await app.request(path, {
    method,
    headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const criteria = [
  { id: "etki", title: "Etki", weight: 2, max: 10, min: 3 },
  { id: "kanit", title: "Kanıt", weight: 1, max: 5 },
];

describe("reviews API", () => {
  it("saves rubrics (in place until a round opens), creates a round, previews and runs assignment as a job", async () => {
    // Prepare
    const board = await userWith([{ role: "province_board", scope: { type: "province", id: "10" } }]);
    const member = await userWith([{ role: "province_review_board", scope: { type: "province", id: "10" } }]);
    const outsider = await userWith([{ role: "province_board", scope: { type: "province", id: "61" } }]);

    // Act
    for (const area of ["academic", "projects", "arts_sports_culture", "innovative_environments"]) {
      expect(
        (await call("PUT", "/api/reviews/rubrics", board.headers, { province: "10", year, area, criteria })).status,
      ).toBe(200);
    }
    const bad = await call("POST", "/api/reviews/rounds", board.headers, {
      province: "10",
      year,
      level: "province",
      name: "İl turu",
      opensAt: "2030-01-10T09:00",
      closesAt: "2030-01-01T09:00",
      panel: [{ userId: member.userId }],
    });
    const created = await call("POST", "/api/reviews/rounds", board.headers, {
      province: "10",
      year,
      level: "province",
      name: "İl turu",
      opensAt: "2030-01-01T09:00",
      closesAt: "2030-01-10T17:00",
      panel: [{ userId: member.userId }],
    });
    const roundId = created.json.id as string;
    const again = await call("PUT", "/api/reviews/rubrics", board.headers, {
      province: "10",
      year,
      area: "projects",
      criteria,
    });
    const versions = await call("GET", `/api/reviews/rubrics?province=10&year=${year}&area=projects`, board.headers);
    const preview = await call("POST", `/api/reviews/rounds/${roundId}/assignment/preview`, board.headers, {});
    const job = await call("POST", "/api/jobs", board.headers, {
      type: "review-assign",
      params: { province: "10", roundId },
    });
    const foreign = await call("GET", `/api/reviews/rounds/${roundId}`, outsider.headers);
    const queue = await call("GET", "/api/reviews/queue", member.headers);
    const ranking = await call("GET", `/api/reviews/rounds/${roundId}/ranking`, board.headers);

    // Assess
    expect(bad.status).toBe(400);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      level: "province",
      k: 3,
      rankBy: "normalised",
      window: { from: "2030-01-01T09:00", to: "2030-01-10T17:00" },
      rubrics: { academic: 1, projects: 1, arts_sports_culture: 1, innovative_environments: 1 },
    });
    // The round has not opened: the rubric is edited in place, still version 1.
    expect(again.json).toMatchObject({ version: 1 });
    expect(versions.json).toHaveLength(1);
    expect(preview.json).toMatchObject({ activities: 0, newPairs: 0, maxLoad: 0 });
    expect(job.status).toBe(202);
    let status = "";
    for (let i = 0; i < 100 && status !== "succeeded" && status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await call("GET", `/api/jobs/${job.json.id as string}`, board.headers)).json.status as string;
    }
    expect(status).toBe("succeeded");
    expect((await call("GET", `/api/reviews/rounds/${roundId}`, board.headers)).json.assignedAt).toBeTruthy();
    expect(foreign.status).toBe(404);
    expect(queue).toEqual({ status: 200, json: { items: [], progress: { assigned: 0, submitted: 0 } } });
    expect(ranking.json).toEqual({ rankBy: "normalised", items: [] });
  });
});

// --- review: panel candidates for the chair's round form ---
describe("panel candidates", () => {
  it("lists the people a round's panel may take, by level, to the round's managers only", async () => {
    // Prepare: the demo organisation (districts and schools) and people in and out of the roles
    const { seedDemo } = await import("../../../../core/src/org");
    const { withActor } = await import("../../../../core/src/actor");
    await withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, () => seedDemo());
    const board = await userWith([{ role: "province_board", scope: { type: "province", id: "10" } }], {
      name: "Aday İl Kurulu",
    });
    const evaluator = await userWith([{ role: "province_review_board", scope: { type: "province", id: "10" } }], {
      name: "Aday Değerlendirici",
    });
    const commission = await userWith([{ role: "school_commission", scope: { type: "school", id: "710204" } }], {
      name: "Aday Komisyon Altıeylül",
    });
    await userWith([{ role: "teacher", scope: { type: "school", id: "710204" } }], { name: "Aday Öğretmen" });
    const outsider = await userWith([{ role: "province_board", scope: { type: "province", id: "61" } }]);
    const base = `/api/reviews/candidates?province=10&year=${year}`;

    // Act
    const province = await call("GET", `${base}&level=province`, board.headers);
    const altieylul = await call("GET", `${base}&level=school&district=10-altieylul`, board.headers);
    const karesi = await call("GET", `${base}&level=school&district=10-karesi`, board.headers);
    const foreign = await call("GET", `${base}&level=province`, outsider.headers);
    const reader = await call("GET", `${base}&level=province`, evaluator.headers);

    // Assess: province panels take both province boards; a school panel the district's commissions
    const ids = (r: { json: unknown }) => (r.json as unknown as { userId: string }[]).map((c) => c.userId);
    expect(province.status).toBe(200);
    expect(ids(province)).toEqual(expect.arrayContaining([board.userId, evaluator.userId]));
    expect(ids(province)).not.toContain(commission.userId);
    expect(ids(altieylul)).toContain(commission.userId);
    expect(ids(karesi)).not.toContain(commission.userId);
    const names = (province.json as unknown as { name: string }[]).map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "tr")));
    expect(foreign.status).toBe(403);
    expect(reader.status).toBe(403);
  });
});
