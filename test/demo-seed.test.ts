/**
 * The demo seed `npm start` runs on every start (packages/functions/src/local/seed.ts): demo
 * activities of all four areas in every status with verified photos, and a seed that fills in
 * what is missing but never fails on, nor undoes, what people changed in the demo data.
 */
import { describe, expect, it } from "vitest";
import { Activity, Category } from "../packages/core/src/activity";
import { withActor } from "../packages/core/src/actor";
import { Evidence } from "../packages/core/src/evidence";
import { demoActor, User } from "../packages/core/src/identity";
import { School } from "../packages/core/src/org";
import { now } from "../packages/core/src/util/clock";
import { schoolYearOf } from "../packages/core/src/util/date";
import { seedAll } from "../packages/functions/src/local/seed";

const year = schoolYearOf(now());

async function as<T>(email: string, fn: () => Promise<T>): Promise<T> {
  const actor = await demoActor(email);
  if (!actor) throw new Error(`no active demo account ${email}`);
  return withActor({ actor, requestId: "test" }, fn);
}

const activitiesOf = (school: string) =>
  as("admin@bigep.local", async () => (await Activity.listBySchool({ school, year, limit: 100 })).items);

describe("demo seed", () => {
  it("fills every status with photos, then survives a deactivated account, an edited school and a removed category", async () => {
    // Prepare: people and schools only, then people change the demo data
    await seedAll({ activities: false });
    const school = await School.get("710204");
    await as("admin@bigep.local", async () => {
      await School.update({ code: "710204", version: school?.version ?? 0, name: "Balıkesir Fen Lisesi (düzenlendi)" });
      const teacher = await User.byEmail("ogretmen.710104@bigep.local");
      await User.deactivate(teacher?.userId ?? "");
      const lists = await Category.get({ province: "10", year });
      await Category.put({
        province: "10",
        year,
        version: lists.version,
        lists: { ...lists.lists, academic: lists.lists.academic.filter((c) => c.id !== "dyk") },
      });
    });

    // Act: two starts
    await seedAll();
    const afterFirst = await activitiesOf("710204");
    await seedAll();

    // Assess: the changes stay
    expect((await School.get("710204"))?.name).toBe("Balıkesir Fen Lisesi (düzenlendi)");
    expect((await User.byEmail("ogretmen.710104@bigep.local"))?.status).toBe("inactive");
    // A deactivated teacher's school gets no demo work; nothing is created twice.
    expect(await activitiesOf("710104")).toEqual([]);
    const items = await activitiesOf("710204");
    expect(items.map((a) => a.id).sort()).toEqual(afterFirst.map((a) => a.id).sort());

    // Assess: one activity per status, all four areas, each with a verified photo
    expect(items.map((a) => a.status).sort()).toEqual(
      ["approved", "district", "draft", "province", "returned", "submitted"].sort(),
    );
    expect(new Set(items.map((a) => a.area))).toEqual(new Set(Activity.Area.options));
    const draft = items.find((a) => a.status === "draft");
    expect(draft?.category).toBe("okula_uyum"); // "dyk" was removed: the area's first category
    expect(items.find((a) => a.status === "returned")?.returnReason).toBeTruthy();
    for (const activity of items) {
      const evidence = await as("admin@bigep.local", () => Evidence.list({ activityId: activity.id }));
      expect(evidence.items.map((e) => [e.status, e.contentType])).toEqual([["ready", "image/jpeg"]]);
      expect(evidence.items[0]?.thumbnailUrl).toBeTruthy();
    }
  });

  it("gives each demo reviewer work waiting in their queue", async () => {
    // Prepare: the state the first test left (same table in this file)
    // Act
    const district = await as("ilce.altieylul@bigep.local", () =>
      Activity.listByDistrict({ district: "10-altieylul", year, status: "district", limit: 25 }),
    );
    const submitted = await as("komisyon.710204@bigep.local", () =>
      Activity.listBySchool({ school: "710204", year, status: "submitted", limit: 25 }),
    );
    const mine = await as("ogretmen.710204@bigep.local", () => Activity.listMine({ limit: 25 }));

    // Assess
    expect(district.items).toHaveLength(1);
    expect(submitted.items).toHaveLength(1);
    expect(mine.items.map((a) => a.status)).toEqual(expect.arrayContaining(["draft", "returned"]));
  });
});
