import { describe, expect, it } from "vitest";
import { type Grant, withActor } from "../actor";
import { VisibleError } from "../util/error";
import { District, demo, Province, School, seedDemo } from ".";

const admin: Grant = { role: "admin", scope: { type: "national", id: "" } };
function as<T>(grants: Grant[], run: () => Promise<T>): Promise<T> {
  return withActor(
    {
      actor: { type: "user", userId: "usr_01JD0000000000000000000000", email: "a@b.tr", name: "A", grants },
      requestId: "t",
    },
    // async: an invalid input throws synchronously inside `fn`; make it a rejection like any caller sees
    async () => run(),
  );
}
const asAdmin = <T>(run: () => Promise<T>) => as([admin], run);

async function failure(promise: Promise<unknown>): Promise<VisibleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

const karesi = "10-karesi";
const newSchool = {
  code: "9900001",
  name: "Çağlayan Ortaokulu",
  level: "ortaokul" as const,
  type: "ortaokul" as const,
  districtId: karesi,
  email: "9900001@MEB.k12.tr",
  phone: "0266 111 22 33",
};

describe("provinces", () => {
  it("lists the 81 provinces with two-digit plate codes and Turkish names", () => {
    const { items } = Province.list();
    expect(items).toHaveLength(81);
    expect(items.map((p) => p.code)).toEqual(Array.from({ length: 81 }, (_, i) => String(i + 1).padStart(2, "0")));
    expect(Province.get("10").name).toBe("Balıkesir");
    expect(Province.get("34").name).toBe("İstanbul");
  });

  it("rejects an unknown plate code", () => {
    expect(() => Province.get("82")).toThrow(VisibleError);
  });
});

describe("demo seed", () => {
  it("seeds Balıkesir's 20 districts and the demo schools, and a second run changes nothing", async () => {
    await seedDemo();
    const before = await School.get("710104");
    await seedDemo();

    const districts = await District.list({ province: "10" });
    expect(districts.items).toHaveLength(20);
    expect(districts.items.map((d) => d.name)).toContain("Sındırgı");
    expect(districts.items.map((d) => d.id)).toContain("10-altieylul");
    expect(districts.items[0]?.name).toBe("Altıeylül");
    expect(districts.items.at(-1)?.name).toBe("Susurluk");
    const karesiSchools = await School.byDistrict({ district: karesi, limit: 100 });
    expect(karesiSchools.items.map((s) => s.code)).toEqual(
      demo.schools.filter((s) => s.districtId === karesi).map((s) => s.code),
    );
    const after = await School.get("710104");
    expect(after?.version).toBe(before?.version);
    expect(after?.updatedAt).toBe(before?.updatedAt);
    const trabzon = await School.byProvince({ province: "61" });
    expect(trabzon.items).toHaveLength(4);
    expect(trabzon.items.every((s) => s.level === "lise")).toBe(true);
  });
});

describe("districts", () => {
  it("creates a district with an ASCII id and refuses a second one of the same folded name", async () => {
    const created = await asAdmin(() => District.create({ province: "06", name: "Çankaya" }));
    expect(created.id).toBe("06-cankaya");
    expect(await District.get("06-cankaya")).toMatchObject({ name: "Çankaya", provinceCode: "06" });

    const error = await failure(asAdmin(() => District.create({ province: "06", name: "ÇANKAYA" })));
    expect([error.kind, error.code]).toEqual(["conflict", "district_exists"]);
  });

  it("asks the access policy: anonymous 401, another province's officer 403", async () => {
    expect((await failure(District.create({ province: "06", name: "Keçiören" }))).kind).toBe("auth");
    const officer: Grant = { role: "province_officer", scope: { type: "province", id: "10" } };
    expect((await failure(as([officer], () => District.create({ province: "06", name: "Keçiören" })))).kind).toBe(
      "forbidden",
    );
  });
});

describe("schools", () => {
  it("creates a school (province from its district, e-mail lower-cased) and gets it by code", async () => {
    await seedDemo();
    const created = await asAdmin(() => School.create(newSchool));
    expect(created).toMatchObject({ provinceCode: "10", version: 1, email: "9900001@meb.k12.tr" });
    expect(await School.get(newSchool.code)).toEqual(created);
  });

  it("answers 409 when the kurum kodu exists", async () => {
    await seedDemo();
    const error = await failure(asAdmin(() => School.create({ ...newSchool, code: "710101" })));
    expect([error.kind, error.code]).toEqual(["conflict", "school_exists"]);
  });

  it("rejects a bad kurum kodu, an unknown district and a type that does not fit the level", async () => {
    const code = await failure(asAdmin(() => School.create({ ...newSchool, code: "12AB56" })));
    expect([code.kind, code.code]).toEqual(["input", "invalid_input"]);
    const unknown = await failure(
      asAdmin(() => School.create({ ...newSchool, code: "9900002", districtId: "10-yok" })),
    );
    expect(unknown.code).toBe("unknown_district");
    const mismatch = await failure(
      asAdmin(() => School.create({ ...newSchool, code: "9900003", type: "fen_lisesi", level: "ilkokul" })),
    );
    expect(mismatch.kind).toBe("input");
  });

  it("lets a district officer write only in their district", async () => {
    await seedDemo();
    const officer: Grant = { role: "district_officer", scope: { type: "district", id: karesi } };
    const ok = await as([officer], () => School.create({ ...newSchool, code: "9900004" }));
    expect(ok.districtId).toBe(karesi);
    const error = await failure(
      as([officer], () => School.create({ ...newSchool, code: "9900005", districtId: "10-altieylul" })),
    );
    expect(error.kind).toBe("forbidden");
  });

  it("updates with optimistic locking: version bumps, a stale version gets 409, no-op keeps the version", async () => {
    await seedDemo();
    await asAdmin(() => School.create({ ...newSchool, code: "9900006" }));

    const updated = await asAdmin(() =>
      School.update({ code: "9900006", version: 1, name: "Çağlayan Şehit Ortaokulu" }),
    );
    expect(updated).toMatchObject({ version: 2, name: "Çağlayan Şehit Ortaokulu" });
    const stale = await failure(asAdmin(() => School.update({ code: "9900006", version: 1, name: "Başka" })));
    expect([stale.kind, stale.code]).toEqual(["conflict", "stale_version"]);
    const same = await asAdmin(() => School.update({ code: "9900006", version: 2, name: "Çağlayan Şehit Ortaokulu" }));
    expect(same.version).toBe(2);
    expect((await School.get("9900006"))?.name).toBe("Çağlayan Şehit Ortaokulu");
  });

  it("moves a school to another district and clears the phone with null", async () => {
    await seedDemo();
    await asAdmin(() => School.create({ ...newSchool, code: "9900007" }));

    const moved = await asAdmin(() =>
      School.update({ code: "9900007", version: 1, districtId: "10-altieylul", phone: null }),
    );
    expect(moved.districtId).toBe("10-altieylul");
    expect(moved.phone).toBeUndefined();
    const stored = await School.get("9900007");
    expect(stored?.phone).toBeUndefined();
    const inKaresi = await School.byDistrict({ district: karesi, limit: 100 });
    const inAltieylul = await School.byDistrict({ district: "10-altieylul", limit: 100 });
    expect(inKaresi.items.map((s) => s.code)).not.toContain("9900007");
    expect(inAltieylul.items.map((s) => s.code)).toContain("9900007");
  });

  it("answers 404 when updating a school that does not exist", async () => {
    const error = await failure(asAdmin(() => School.update({ code: "99999999", version: 1, name: "Yok" })));
    expect(error.kind).toBe("not_found");
  });

  it("pages through the schools of a district and of a province with cursors", async () => {
    await seedDemo();
    const collect = async (page: (cursor?: string) => Promise<{ items: School.Info[]; cursor: string | null }>) => {
      const codes: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const result = await page(cursor);
        expect(result.items.length).toBeLessThanOrEqual(3);
        codes.push(...result.items.map((s) => s.code));
        cursor = result.cursor ?? undefined;
        pages++;
      } while (cursor);
      return { codes, pages };
    };

    const district = await collect((cursor) => School.byDistrict({ district: karesi, limit: 3, cursor }));
    const province = await collect((cursor) => School.byProvince({ province: "10", limit: 3, cursor }));

    const karesiAll = await School.byDistrict({ district: karesi, limit: 100 });
    expect(district.codes).toEqual(karesiAll.items.map((s) => s.code));
    // The first page of three carries the district's real total, not the rows on it.
    expect((await School.byDistrict({ district: karesi, limit: 3 })).total).toBe(district.codes.length);
    expect(karesiAll.total).toBe(district.codes.length);
    expect(district.codes).toEqual(
      expect.arrayContaining(demo.schools.filter((s) => s.districtId === karesi).map((s) => s.code)),
    );
    expect(district.pages).toBeGreaterThanOrEqual(3);
    const balikesir = await School.byProvince({ province: "10", limit: 100 });
    expect(province.codes).toEqual(balikesir.items.map((s) => s.code));
    expect(new Set(province.codes).size).toBe(province.codes.length);
    expect(province.codes).not.toContain("716101");
  });

  it("turns a forged cursor into a 400", async () => {
    const error = await failure(School.byDistrict({ district: karesi, cursor: "not-a-cursor" }));
    expect(error.code).toBe("invalid_cursor");
  });
});
