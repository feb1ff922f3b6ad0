import { beforeAll, describe, expect, it } from "vitest";
import { karesiSchools } from "../../../../test/helpers/fixtures";
import { type Grant, withActor } from "../actor";
import { VisibleError } from "../util/error";
import { createId } from "../util/id";
import { Activity, Category } from ".";

const year = "2026-2027";
const schoolA = "7701001";
const schoolB = "7701002";
const districtId = "10-karesi";

type Person = { userId: string; name: string; grants: Grant[] };
const person = (name: string, grants: Grant[]): Person => ({ userId: createId("user"), name, grants });
const teacherA = person("Ayşe Öğretmen", [{ role: "teacher", scope: { type: "school", id: schoolA } }]);
const teacherA2 = person("Can Öğretmen", [{ role: "teacher", scope: { type: "school", id: schoolA } }]);
const teacherB = person("Bora Öğretmen", [{ role: "teacher", scope: { type: "school", id: schoolB } }]);
const commissionA = person("Komisyon", [{ role: "school_commission", scope: { type: "school", id: schoolA } }]);
const districtBoard = person("İlçe Kurulu", [{ role: "district_board", scope: { type: "district", id: districtId } }]);
const provinceOfficer = person("İl", [{ role: "province_officer", scope: { type: "province", id: "10" } }]);

function as<T>(who: Person, run: () => Promise<T>): Promise<T> {
  return withActor({ actor: { type: "user", email: `${who.userId}@test.tr`, ...who }, requestId: "t" }, async () =>
    run(),
  );
}

async function failure(promise: Promise<unknown>): Promise<VisibleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

const draft = (overrides: Partial<Activity.CreateInput> = {}): Activity.CreateInput => ({
  school: schoolA,
  year,
  area: "projects",
  category: "tubitak",
  title: "TÜBİTAK 2204 Lise Öğrencileri Araştırma Projeleri",
  description: "Bölge finaline kalan proje.",
  startDate: "2026-10-01",
  endDate: "2027-03-15",
  reach: "regional",
  programme: "TÜBİTAK 2204",
  result: "bölge üçüncüsü",
  students: [{ grade: "10", girls: 2, boys: 1, initials: ["A.Y.", "M.K."] }],
  partners: ["Balıkesir Üniversitesi"],
  links: ["https://example.org/proje"],
  ...overrides,
});

beforeAll(async () => {
  await karesiSchools([schoolA, schoolB], { level: "ortaokul", type: "ortaokul", name: "Test Ortaokulu" });
});

describe("activities", () => {
  it("creates a draft in the teacher's school, with its place, owner and a history entry", async () => {
    const created = await as(teacherA, () => Activity.create(draft()));

    expect(created).toMatchObject({
      school: schoolA,
      district: districtId,
      province: "10",
      status: "draft",
      ownerId: teacherA.userId,
      version: 1,
    });
    const history = await as(teacherA, () => Activity.history({ id: created.id }));
    expect(history.items).toMatchObject([{ action: "create", to: "draft", actorId: teacherA.userId }]);
  });

  it("hides an activity from a teacher of another school (404) and refuses to create there (403)", async () => {
    const created = await as(teacherA, () => Activity.create(draft()));

    const read = await failure(as(teacherB, () => Activity.get(created.id)));
    const write = await failure(as(teacherB, () => Activity.create(draft())));
    const list = await failure(as(teacherB, () => Activity.listBySchool({ school: schoolA, year })));

    expect(read.kind).toBe("not_found");
    expect(write.kind).toBe("forbidden");
    expect(list.kind).toBe("forbidden");
  });

  it("refuses a category that is not in the area's list, and full student names", async () => {
    const category = await failure(
      as(teacherA, () => Activity.create(draft({ area: "academic", category: "tubitak" }))),
    );
    const names = await failure(
      as(teacherA, () =>
        Activity.create(draft({ students: [{ grade: "9", girls: 1, boys: 0, initials: ["Ayşe Yılmaz"] }] })),
      ),
    );

    expect(category.code).toBe("unknown_category");
    expect(names.code).toBe("invalid_input");
  });

  it("returns the same activity for a repeated Idempotency-Key", async () => {
    const first = await as(teacherA, () => Activity.create(draft({ idempotencyKey: "form-123" })));
    const second = await as(teacherA, () => Activity.create(draft({ idempotencyKey: "form-123" })));

    expect(second.id).toBe(first.id);
  });

  it("lets exactly one of two concurrent edits win; the loser gets 409 and the winner's fields stay", async () => {
    const created = await as(teacherA, () => Activity.create(draft()));

    const results = await Promise.allSettled([
      as(teacherA, () => Activity.update({ id: created.id, version: 1, title: "Birinci düzenleme" })),
      as(teacherA, () => Activity.update({ id: created.id, version: 1, result: "il birincisi" })),
    ]);

    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ kind: "conflict", code: "stale" });
    const stored = await as(teacherA, () => Activity.get(created.id));
    const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<Activity.Info>).value;
    expect(stored.version).toBe(2);
    expect(stored.title).toBe(winner.title);
    expect(stored.result).toBe(winner.result);
  });

  it("clears an optional field with null and moves between areas", async () => {
    const created = await as(teacherA, () => Activity.create(draft()));

    const updated = await as(teacherA, () =>
      Activity.update({ id: created.id, version: 1, result: null, area: "arts_sports_culture", category: "sportif" }),
    );

    const stored = await as(teacherA, () => Activity.get(created.id));
    expect(updated.result).toBeUndefined();
    expect(stored).toMatchObject({ area: "arts_sports_culture", category: "sportif", version: 2 });
    expect(stored.result).toBeUndefined();
    const list = await as(teacherA, () =>
      Activity.listBySchool({ school: schoolA, year, area: "arts_sports_culture" }),
    );
    expect(list.items.map((a) => a.id)).toContain(created.id);
  });

  it("walks the lifecycle school → district → province and records every step", async () => {
    const created = await as(teacherA, () => Activity.create(draft()));

    const submitted = await as(teacherA, () => Activity.transition({ id: created.id, action: "submit" }));
    const locked = await failure(as(teacherA, () => Activity.update({ id: created.id, version: 2, title: "Yeni" })));
    const noReason = await failure(as(commissionA, () => Activity.transition({ id: created.id, action: "return" })));
    const byTeacher = await failure(as(teacherA, () => Activity.transition({ id: created.id, action: "approve" })));
    const returned = await as(commissionA, () =>
      Activity.transition({ id: created.id, action: "return", reason: "Kanıt fotoğrafı eksik." }),
    );
    const edited = await as(teacherA, () =>
      Activity.update({ id: created.id, version: 3, title: "Düzeltilmiş başlık" }),
    );
    await as(teacherA, () => Activity.transition({ id: created.id, action: "submit" }));
    await as(commissionA, () => Activity.transition({ id: created.id, action: "approve" }));
    await as(commissionA, () => Activity.transition({ id: created.id, action: "forward_to_district" }));
    const queue = await as(districtBoard, () =>
      Activity.listByDistrict({ district: districtId, year, status: "district" }),
    );
    const final = await as(districtBoard, () => Activity.transition({ id: created.id, action: "forward_to_province" }));

    expect(submitted.status).toBe("submitted");
    expect(locked.code).toBe("not_editable");
    expect(noReason.code).toBe("reason_required");
    expect(byTeacher.kind).toBe("forbidden");
    expect(returned).toMatchObject({ status: "returned", returnReason: "Kanıt fotoğrafı eksik." });
    expect(edited.title).toBe("Düzeltilmiş başlık");
    expect(queue.items.map((a) => a.id)).toContain(created.id);
    expect(final.status).toBe("province");
    const history = await as(provinceOfficer, () => Activity.history({ id: created.id }));
    expect(history.items.map((h) => `${h.action}:${h.to}`)).toEqual([
      "create:draft",
      "submit:submitted",
      "return:returned",
      // The teacher's edit of the returned record is a history entry too (every write has one).
      "update:returned",
      "submit:submitted",
      "approve:approved",
      "forward_to_district:district",
      "forward_to_province:province",
    ]);
    expect(history.items[2]).toMatchObject({ reason: "Kanıt fotoğrafı eksik.", actorId: commissionA.userId });
  });

  it("refuses a transition that is not in the table and a stale version", async () => {
    const created = await as(teacherA, () => Activity.create(draft()));

    const skip = await failure(as(commissionA, () => Activity.transition({ id: created.id, action: "approve" })));
    const stale = await failure(
      as(teacherA, () => Activity.transition({ id: created.id, action: "submit", version: 7 })),
    );

    expect(skip.code).toBe("invalid_transition");
    expect(stale.code).toBe("stale");
  });

  it("tells the caller which actions are open to them", async () => {
    const created = await as(teacherA, () => Activity.create(draft()));
    await as(teacherA, () => Activity.transition({ id: created.id, action: "submit" }));
    const current = await as(teacherA, () => Activity.get(created.id));

    expect(await as(teacherA, async () => Activity.allowedActions(current))).toEqual([]);
    expect(await as(commissionA, async () => Activity.allowedActions(current))).toEqual(["return", "approve"]);
  });
});

describe("activity queries", () => {
  const otherYear = "2025-2026";

  beforeAll(async () => {
    await as(teacherA2, async () => {
      for (const [i, [area, category]] of (
        [
          ["academic", "dyk"],
          ["academic", "mesleki_gelisim"],
          ["academic", "dyk"],
          ["projects", "etwinning"],
          ["arts_sports_culture", "sanatsal"],
        ] as const
      ).entries()) {
        const a = await Activity.create(draft({ year: otherYear, area, category, title: `Etkinlik ${i}` }));
        if (i === 0) await Activity.transition({ id: a.id, action: "submit" });
      }
    });
  });

  it("lists a school's year by area, status and category (grouped by status, newest first within)", async () => {
    const all = await as(teacherA, () => Activity.listBySchool({ school: schoolA, year: otherYear }));
    const academic = await as(teacherA, () =>
      Activity.listBySchool({ school: schoolA, year: otherYear, area: "academic" }),
    );
    const submitted = await as(teacherA, () =>
      Activity.listBySchool({ school: schoolA, year: otherYear, status: "submitted" }),
    );
    const dyk = await as(teacherA, () =>
      Activity.listBySchool({ school: schoolA, year: otherYear, area: "academic", category: "dyk" }),
    );
    const draftsOfArea = await as(teacherA, () =>
      Activity.listBySchool({ school: schoolA, year: otherYear, area: "academic", status: "draft" }),
    );

    expect(all.items).toHaveLength(5);
    expect(academic.items.map((a) => a.title)).toEqual(["Etkinlik 0", "Etkinlik 2", "Etkinlik 1"]);
    expect(submitted.items.map((a) => a.title)).toEqual(["Etkinlik 0"]);
    expect(dyk.items.map((a) => a.title).sort()).toEqual(["Etkinlik 0", "Etkinlik 2"]);
    expect(draftsOfArea.items.map((a) => a.title)).toEqual(["Etkinlik 2", "Etkinlik 1"]);
  });

  it("pages through with a cursor without losing or repeating items", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await as(teacherA, () =>
        Activity.listBySchool({ school: schoolA, year: otherYear, limit: 2, ...(cursor ? { cursor } : {}) }),
      );
      seen.push(...page.items.map((a) => a.id));
      cursor = page.cursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);

    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("answers a malformed cursor with 400", async () => {
    const error = await failure(
      as(teacherA, () => Activity.listBySchool({ school: schoolA, year: otherYear, cursor: "not-a-cursor" })),
    );

    expect(error.kind).toBe("input");
  });

  it("lists a user's own and counts per area and status", async () => {
    const mine = await as(teacherA2, () => Activity.listMine({}));
    const stats = await as(commissionA, () => Activity.stats({ school: schoolA, year: otherYear }));

    expect(mine.items.map((a) => a.ownerId)).toEqual(Array(5).fill(teacherA2.userId));
    expect(stats.total).toBe(5);
    expect(stats.areas.academic).toMatchObject({ total: 3, byStatus: { draft: 2, submitted: 1 } });
    expect(stats.areas.projects.total).toBe(1);
    expect(stats.areas.innovative_environments.total).toBe(0);
  });

  it("keeps a district's review queue to its own district", async () => {
    const otherDistrict = person("Başka İlçe", [
      { role: "district_board", scope: { type: "district", id: "10-edremit" } },
    ]);

    const queue = await as(districtBoard, () =>
      Activity.listByDistrict({ district: districtId, year: otherYear, status: "submitted" }),
    );
    const foreign = await failure(
      as(otherDistrict, () => Activity.listByDistrict({ district: districtId, year: otherYear, status: "submitted" })),
    );

    expect(queue.items.map((a) => a.title)).toEqual(["Etkinlik 0"]);
    expect(foreign.kind).toBe("forbidden");
  });
});

describe("categories", () => {
  it("starts from the BİGEP lists and lets the province edit a year's lists once per version", async () => {
    const defaults = await as(teacherA, () => Category.get({ province: "10", year: "2027-2028" }));
    const lists = {
      ...defaults.lists,
      academic: [...defaults.lists.academic, { id: "okuma_saati", name: "Okuma saati" }],
    };

    const saved = await as(provinceOfficer, () =>
      Category.put({ province: "10", year: "2027-2028", lists, version: 0 }),
    );
    const stale = await failure(
      as(provinceOfficer, () => Category.put({ province: "10", year: "2027-2028", lists, version: 0 })),
    );
    const teacher = await failure(
      as(teacherA, () => Category.put({ province: "10", year: "2027-2028", lists, version: 1 })),
    );

    expect(defaults.version).toBe(0);
    expect(defaults.lists.projects.map((c) => c.id)).toContain("teknofest");
    expect(saved.version).toBe(1);
    expect(stale.code).toBe("stale");
    expect(teacher.kind).toBe("forbidden");
    const created = await as(teacherA, () =>
      Activity.create(draft({ year: "2027-2028", area: "academic", category: "okuma_saati" })),
    );
    expect(created.category).toBe("okuma_saati");
  });
});
