/**
 * Audit views of the hierarchy: a province or district admin reads the events of the schools
 * inside it (and only those), newest first, page by page; each school change and its event are
 * one transaction.
 */
import { withActor } from "@bigep/core/actor";
import { Audit } from "@bigep/core/audit";
import { seedDemo } from "@bigep/core/org";
import { useClock } from "@bigep/core/util/clock";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestUser, userWith } from "../../../../../test/helpers/auth";
import { entities } from "../../../../core/src/audit/entities";
import { app } from "../app";

type Event = { id: string; at: string; action: string; entity: { type: string; id: string }; scope: { id: string } };
type Page = { items: Event[]; cursor: string | null };

/** Karesi Anadolu Lisesi, in the demo district 10-karesi of Balıkesir (10). */
const karesiSchool = "710104";

let province: TestUser;
let karesi: TestUser;
let altieylul: TestUser;
let otherProvince: TestUser;

beforeAll(async () => {
  await seedDemo();
  province = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
  karesi = await userWith([{ role: "district_officer", scope: { type: "district", id: "10-karesi" } }]);
  altieylul = await userWith([{ role: "district_officer", scope: { type: "district", id: "10-altieylul" } }]);
  otherProvince = await userWith([{ role: "province_officer", scope: { type: "province", id: "61" } }]);
});

async function view(user: TestUser, query: string): Promise<Page> {
  const res = await app.request(`/api/audit?${query}`, { headers: user.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

async function renameSchool(user: TestUser, code: string, name: string): Promise<Response> {
  const current = await app.request(`/api/schools/${code}`);
  return app.request(`/api/schools/${code}`, {
    method: "PATCH",
    headers: { ...user.headers, "content-type": "application/json", "if-match": current.headers.get("etag") ?? "" },
    body: JSON.stringify({ name }),
  });
}

describe("audit views of a province and a district", () => {
  it("show a school's change to the province and district admins above it, not to other districts", async () => {
    // Prepare + Act: the province officer renames a school of Karesi
    const res = await renameSchool(province, karesiSchool, "Karesi Anadolu Lisesi (Denetim)");
    expect(res.status).toBe(200);

    // Assess: the school.update event is in the province and the Karesi view, not in Altıeylül's
    const isUpdate = (e: Event) => e.action === "school.update" && e.entity.id === karesiSchool;
    const inProvince = (await view(province, "scope=province:10")).items.filter(isUpdate);
    const inKaresi = (await view(karesi, "scope=district:10-karesi")).items.filter(isUpdate);
    const inAltieylul = (await view(altieylul, "scope=district:10-altieylul")).items.filter(isUpdate);
    expect(inProvince).toHaveLength(1);
    expect(inKaresi.map((e) => e.id)).toEqual(inProvince.map((e) => e.id));
    expect(inProvince[0]).toMatchObject({ scope: { type: "school", id: karesiSchool } });
    expect(inAltieylul).toEqual([]);
  });

  it("refuses the view of a province the caller does not administer (404)", async () => {
    const res = await app.request("/api/audit?scope=province:10", { headers: otherProvince.headers });
    expect(res.status).toBe(404);
  });

  it("show a district's own events (district.create) in the district and province views", async () => {
    // Act
    const res = await app.request("/api/districts", {
      method: "POST",
      headers: { ...province.headers, "content-type": "application/json" },
      body: JSON.stringify({ province: "10", name: "Denetimköy" }),
    });

    // Assess
    expect(res.status).toBe(201);
    const created = (e: Event) => e.action === "district.create" && e.entity.id === "10-denetimkoy";
    expect((await view(province, "scope=province:10")).items.filter(created)).toHaveLength(1);
    const district = await userWith([{ role: "district_officer", scope: { type: "district", id: "10-denetimkoy" } }]);
    expect((await view(district, "scope=district:10-denetimkoy")).items.filter(created)).toHaveLength(1);
  });

  it("pages a province's events newest first with no event twice or skipped", async () => {
    // Prepare: several changes to schools in two districts of the province
    for (let i = 0; i < 3; i++) {
      expect((await renameSchool(province, karesiSchool, `Karesi Anadolu Lisesi ${i}`)).status).toBe(200);
      expect((await renameSchool(province, "710204", `Balıkesir Fen Lisesi ${i}`)).status).toBe(200);
    }
    const whole = (await view(province, "scope=province:10&limit=100")).items;

    // Act: the same view two events at a time
    const paged: Event[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await view(province, `scope=province:10&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items);
      cursor = page.cursor;
    } while (cursor);

    // Assess
    expect(whole.filter((e) => e.action === "school.update")).toHaveLength(1 + 6);
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    const times = whole.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });
});

describe("the national view", () => {
  it("reads every shard of a day, newest first, page by page", async () => {
    // Prepare: 20 national events (spread over the shards by id)
    const admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
    const ids: string[] = [];
    await withActor({ actor: { type: "system", reason: "test" }, requestId: "national" }, async () => {
      for (let i = 0; i < 20; i++) {
        const event = await Audit.record({
          action: "test.national",
          entity: { type: "test", id: `n${i}` },
          scope: { type: "national", id: "" },
        });
        ids.push(event.id);
      }
    });

    // Act
    const seen: Event[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await view(admin, `scope=national&limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items);
      cursor = page.cursor;
    } while (cursor);

    // Assess: all 20, each once, newest (last recorded) first
    expect(seen.filter((e) => e.action === "test.national").map((e) => e.id)).toEqual([...ids].reverse());
  });
});

describe("Istanbul days", () => {
  it("files an event at 01:30 Istanbul (22:30 UTC the day before) under the Istanbul day", async () => {
    // Prepare: the clock at 2026-11-29T22:30Z = 30.11.2026 01:30 in Istanbul
    const restore = useClock({ now: () => new Date("2026-11-29T22:30:00.000Z") });
    try {
      await withActor({ actor: { type: "system", reason: "test" }, requestId: "tz" }, () =>
        Audit.record({
          action: "test.midnight",
          entity: { type: "test", id: "tz" },
          scope: { type: "province", id: "10" },
        }),
      );
    } finally {
      restore();
    }

    // Act: a window that holds only the Istanbul day 30.11 (from 00:00 Istanbul = 21:00Z)
    const page = await view(
      province,
      `scope=province:10&from=${encodeURIComponent("2026-11-29T21:00:00.000Z")}&to=${encodeURIComponent("2026-11-29T23:00:00.000Z")}`,
    );

    // Assess: found, and stored under the Istanbul date (a UTC bucket would say 2026-11-29)
    expect(page.items.map((e) => e.action)).toEqual(["test.midnight"]);
    const { data } = await entities().Event.query.byEntity({ entityType: "test", entityId: "tz" }).go();
    expect(data.map((e) => e.day)).toEqual(["2026-11-30"]);
  });
});
