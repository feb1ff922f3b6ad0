import { seedDemo } from "@bigep/core/org";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestUser, userWith } from "../../../../../test/helpers/auth";
import { app } from "../app";

const year = "2026-2027";
const school = (id: string) => ({ type: "school" as const, id });
let ogm: TestUser;
let coordA: TestUser;
let coordB: TestUser;
let third: TestUser;
let officer10: TestUser;

async function call(
  method: string,
  path: string,
  who?: TestUser,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await app.request(path, {
    method,
    headers: { ...(who?.headers ?? {}), ...headers, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text.startsWith("{") ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  await seedDemo();
  ogm = await userWith([{ role: "ministry_officer", scope: { type: "national", id: "" } }]);
  coordA = await userWith([{ role: "teacher", scope: school("710301") }], { name: "Koordinatör Bandırma" });
  coordB = await userWith([{ role: "teacher", scope: school("716201") }], { name: "Koordinatör Akçaabat" });
  third = await userWith([{ role: "teacher", scope: school("710302") }]);
  officer10 = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
});

describe("partnerships API", () => {
  it("answers 400 in Turkish for two schools of one province and for a school that is not a high school of the programme", async () => {
    const same = await call("POST", "/api/partnerships", ogm, {
      schools: ["710301", "710302"],
      leadSchool: "710301",
      startYear: year,
      coordinators: { "710301": coordA.userId, "710302": third.userId },
    });
    const primary = await call("POST", "/api/partnerships", ogm, {
      schools: ["710303", "716201"],
      leadSchool: "710303",
      startYear: year,
      coordinators: { "710303": coordA.userId, "716201": coordB.userId },
    });
    expect([same.status, same.json.code]).toEqual([400, "same_province"]);
    expect(same.json.message).toBe("Ortak okullar farklı illerden olmalı; seçilen iki okul aynı ildedir.");
    expect([primary.status, primary.json.code]).toEqual([400, "school_not_eligible"]);
    expect(primary.json.message).toContain("Bandırma İsmet Paşa İlkokulu ortaklığa katılamaz");
  });

  it("creates a pair, hides it from a third school (404) and shows only approved content in the public feed, cached", async () => {
    const created = await call("POST", "/api/partnerships", ogm, {
      schools: ["710301", "716201"],
      leadSchool: "710301",
      startYear: year,
      coordinators: { "710301": coordA.userId, "716201": coordB.userId },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const mine = await call("GET", `/api/partnerships/${id}`, coordB);
    const hidden = await call("GET", `/api/partnerships/${id}`, third);
    const hiddenPlan = await call("GET", `/api/partnerships/${id}/plans/${year}`, third);
    expect(mine.status).toBe(200);
    expect(mine.json.may).toMatchObject({ editPlan: true, submit: false, work: true });
    expect([hidden.status, hiddenPlan.status]).toEqual([404, 404]);

    const save = await call(
      "PUT",
      `/api/partnerships/${id}/plans/${year}`,
      coordA,
      {
        items: [
          {
            topic: "support_courses",
            activityType: "question_pool",
            title: "Ortak soru havuzu",
            schools: ["710301", "716201"],
            from: "2026-10-01",
            to: "2027-06-01",
            indicators: [{ name: "Havuzdaki soru", unit: "adet", baseline: 0, target: 200, owner: "716201" }],
          },
        ],
      },
      { "if-match": '"0"' },
    );
    expect([save.status, save.headers.get("etag")]).toEqual([200, '"1"']);

    const work = await call("POST", `/api/partnerships/${id}/years/${year}/work`, coordA, {
      title: "Soru yazma atölyesi",
      date: "2026-11-05",
      schools: ["710301", "716201"],
    });
    const other = await call("POST", `/api/partnerships/${id}/years/${year}/work`, coordA, {
      title: "Onaylanmayacak paylaşım",
      date: "2026-11-06",
      schools: ["710301"],
    });
    for (const w of [work, other]) {
      const post = await call("POST", `/api/partnerships/${id}/years/${year}/posts`, coordA, {
        workId: w.json.id,
        contentRule: true,
        consent: false,
        summary: `${w.json.title} özeti`,
      });
      expect(post.status).toBe(201);
    }
    const queue = await call("GET", "/api/partnerships/moderation?province=10", officer10);
    expect(queue.json.items.map((p: { workId: string }) => p.workId)).toEqual(
      expect.arrayContaining([work.json.id, other.json.id]),
    );
    const approve = await call("POST", `/api/partnerships/${id}/posts/${work.json.id}/decision`, officer10, {
      decision: "approve",
    });
    expect(approve.status).toBe(200);

    const feed = await call("GET", `/api/partnerships/${id}/feed`);
    const snippet = await call("GET", `/api/partnerships/${id}/snippet`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("cache-control")).toBe("public, max-age=300, s-maxage=300");
    expect(feed.json.items).toEqual([
      { title: "Soru yazma atölyesi", date: "2026-11-05", summary: "Soru yazma atölyesi özeti" },
    ]);
    expect(snippet.headers.get("content-type")).toContain("text/html");
    expect(snippet.text).toContain("Soru yazma atölyesi");
    expect(snippet.text).not.toContain("Onaylanmayacak");
    expect(snippet.text).not.toContain("Koordinatör");
  });
});
