import { demo, seedDemo } from "@bigep/core/org";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWith } from "../../../../../test/helpers/auth";
import { startJobPool } from "../../local/jobs";
import { app } from "../app";

const pool = startJobPool({ retryDelayMs: 10 });
afterAll(() => pool.stop());

type Page = { items: { code: string; name: string; districtId: string }[]; cursor: string | null };

beforeAll(async () => {
  await seedDemo();
});

describe("organisation API", () => {
  it("lists the 81 provinces and Balıkesir's districts in Turkish order", async () => {
    const provinces = await app.request("/api/provinces");
    const districts = await app.request("/api/provinces/10/districts");

    expect(provinces.status).toBe(200);
    const body = (await provinces.json()) as { items: { code: string; name: string }[] };
    expect(body.items).toHaveLength(81);
    expect(body.items.find((p) => p.code === "35")?.name).toBe("İzmir");
    const names = ((await districts.json()) as { items: { name: string }[] }).items.map((d) => d.name);
    expect(names).toHaveLength(20);
    expect(names.indexOf("İvrindi")).toBeLessThan(names.indexOf("Karesi"));
    expect(names.indexOf("Gönen")).toBeGreaterThan(names.indexOf("Gömeç"));
  });

  it("returns the demo schools of a district, page by page", async () => {
    const karesi = demo.schools.filter((s) => s.districtId === "10-karesi").map((s) => s.code);
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await app.request(`/api/districts/10-karesi/schools?limit=4${query}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.items.length).toBeLessThanOrEqual(4);
      codes.push(...page.items.map((s) => s.code));
      cursor = page.cursor;
    } while (cursor);

    expect(codes).toEqual(karesi);
  });

  it("lists schools by province or district and needs one of them", async () => {
    const trabzon = await app.request("/api/schools?province=61");
    const of = await app.request("/api/schools?district=61-of");
    const neither = await app.request("/api/schools");

    expect(((await trabzon.json()) as Page).items.map((s) => s.code)).toEqual(["716201", "716301", "716101", "716102"]);
    expect(((await of.json()) as Page).items.map((s) => s.name)).toEqual(["Of Anadolu Lisesi"]);
    expect(neither.status).toBe(400);
    expect(await neither.json()).toMatchObject({ code: "filter_required" });
  });

  it("gets a school by kurum kodu with its version as ETag; 404 for an unknown code, 400 for a bad one", async () => {
    const found = await app.request("/api/schools/710204");
    const missing = await app.request("/api/schools/999999");
    const bad = await app.request("/api/schools/10%23x");

    expect(found.status).toBe(200);
    expect(found.headers.get("etag")).toBe('"1"');
    expect(await found.json()).toMatchObject({
      name: "Balıkesir Fen Lisesi",
      type: "fen_lisesi",
      districtId: "10-altieylul",
    });
    expect(missing.status).toBe(404);
    expect(bad.status).toBe(400);
  });

  it("answers 401 to anonymous writes", async () => {
    const school = {
      code: "990001",
      name: "Yeni Okul",
      level: "ilkokul",
      type: "ilkokul",
      districtId: "10-karesi",
      email: "990001@meb.k12.tr",
    };
    const create = await app.request("/api/schools", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(school),
    });
    const update = await app.request("/api/schools/710204", {
      method: "PATCH",
      headers: { "content-type": "application/json", "if-match": '"1"' },
      body: JSON.stringify({ name: "Değişti" }),
    });
    const district = await app.request("/api/districts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ province: "06", name: "Çankaya" }),
    });
    const csv = await app.request("/api/schools/import?province=10", {
      method: "POST",
      headers: { "content-type": "text/csv; charset=utf-8" },
      body: "kurum_kodu,okul_adi,kademe,tur,ilce,eposta\n",
    });

    expect([create.status, update.status, district.status, csv.status]).toEqual([401, 401, 401, 401]);
    expect(await create.json()).toMatchObject({ code: "unauthenticated" });
    expect((await (await app.request("/api/schools/710204")).json()) as { name: string }).toMatchObject({
      name: "Balıkesir Fen Lisesi",
    });
  });

  it("validates a signed-in caller's writes: bad body 400, missing If-Match 400, oversize import 413", async () => {
    // Anonymous callers get 401 before any validation (the test above); validation needs a caller.
    const { headers } = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
    const create = await app.request("/api/schools", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ code: "12", name: "X" }),
    });
    const update = await app.request("/api/schools/710204", {
      method: "PATCH",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "Değişti" }),
    });
    const big = await app.request("/api/schools/import?province=10", {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv" },
      body: "x".repeat(2 * 1024 * 1024 + 1),
    });

    expect(create.status).toBe(400);
    expect(((await create.json()) as { details: unknown[] }).details.length).toBeGreaterThan(0);
    expect(update.status).toBe(400);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: "too_large" });
  });

  it("creates a school, then updates it with If-Match: 201, 409 on a repeat, 200 with a new ETag, 409 when stale", async () => {
    const admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
    const json = { ...admin.headers, "content-type": "application/json" };
    const school = {
      code: "9912345",
      name: "Işıklı Çınar İlkokulu",
      level: "ilkokul",
      type: "ilkokul",
      districtId: "10-bigadic",
      email: "9912345@meb.k12.tr",
    };

    const created = await app.request("/api/schools", { method: "POST", headers: json, body: JSON.stringify(school) });
    const repeat = await app.request("/api/schools", { method: "POST", headers: json, body: JSON.stringify(school) });
    const patch = (ifMatch: string, name: string) =>
      app.request("/api/schools/9912345", {
        method: "PATCH",
        headers: { ...json, "if-match": ifMatch },
        body: JSON.stringify({ name }),
      });
    const updated = await patch(created.headers.get("etag") ?? "", "Işıklı Çınar Şehit İlkokulu");
    const stale = await patch('"1"', "Başka Ad");

    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    expect(await created.json()).toMatchObject({ name: "Işıklı Çınar İlkokulu", provinceCode: "10" });
    expect(repeat.status).toBe(409);
    expect(updated.status).toBe(200);
    expect(updated.headers.get("etag")).toBe('"2"');
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: "stale_version" });
    const read = await app.request("/api/schools/9912345");
    expect(((await read.json()) as { name: string }).name).toBe("Işıklı Çınar Şehit İlkokulu");
  });

  it("lets a district officer write only inside the district (403 elsewhere)", async () => {
    const officer = await userWith([{ role: "district_officer", scope: { type: "district", id: "10-karesi" } }]);
    const patch = (code: string) =>
      app.request(`/api/schools/${code}`, {
        method: "PATCH",
        headers: { ...officer.headers, "content-type": "application/json", "if-match": '"1"' },
        body: JSON.stringify({ email: `${code}@karesi.meb.k12.tr` }),
      });

    const own = await patch("710103");
    const other = await patch("710204");

    expect(own.status).toBe(200);
    expect(other.status).toBe(403);
  });

  it("imports a text/csv body as a job: a bad row is a 400 with the line report; a good file's job writes the schools and their audit events", async () => {
    const officer = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
    const good = "991001,Kepsut Şehit Er Ortaokulu,Ortaokul,Ortaokul,Kepsut,991001@meb.k12.tr";
    const header = "kurum_kodu,okul_adi,kademe,tur,ilce,eposta";
    const send = (province: string, csv: string) =>
      app.request(`/api/schools/import?province=${province}`, {
        method: "POST",
        headers: { ...officer.headers, "content-type": "text/csv; charset=utf-8" },
        body: csv,
      });
    const finished = async (res: Response) => {
      const { id } = (await res.json()) as { id: string };
      await pool.idle();
      return (await app.request(`/api/jobs/${id}`, { headers: officer.headers })).json();
    };

    const bad = await send("10", `${header}\n${good}\n991002,Yok,ilkokul,ilkokul,Ortahisar,991002@meb.k12.tr\n`);
    const kepsutBefore = (await (await app.request("/api/districts/10-kepsut/schools")).json()) as Page;
    const first = await send("10", `${header}\n${good}\n`);
    const firstJob = await finished(first);
    const second = await finished(await send("10", `${header}\n${good}\n`));
    const elsewhere = await send("61", `${header}\n${good}\n`);
    const admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
    const audit = await app.request("/api/audit?scope=school:991001&entity=school:991001", { headers: admin.headers });

    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: "invalid_rows",
      details: { errors: [expect.objectContaining({ line: 3, code: "unknown_district" })] },
    });
    expect(kepsutBefore.items.map((s) => s.name)).not.toContain("Kepsut Şehit Er Ortaokulu");
    expect(first.status).toBe(202);
    expect(firstJob).toMatchObject({
      type: "school-import",
      status: "succeeded",
      progress: 100,
      result: { created: 1, updated: 0, unchanged: 0, errors: [] },
    });
    expect(second).toMatchObject({ status: "succeeded", result: { created: 0, updated: 0, unchanged: 1 } });
    expect(elsewhere.status).toBe(403);
    const kepsut = (await (await app.request("/api/districts/10-kepsut/schools")).json()) as Page;
    expect(kepsut.items.map((s) => s.name)).toContain("Kepsut Şehit Er Ortaokulu");
    expect(((await audit.json()) as { items: { action: string }[] }).items.map((e) => e.action)).toEqual([
      "school.create",
    ]);
  });

  it("lists every organisation operation in /api/openapi.json", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags?.includes("org"))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );

    expect(operations.sort()).toEqual(
      [
        "GET /api/provinces",
        "GET /api/provinces/{code}",
        "GET /api/provinces/{code}/districts",
        "POST /api/districts",
        "POST /api/districts/import",
        "GET /api/districts/{id}",
        "GET /api/districts/{id}/schools",
        "GET /api/schools",
        "POST /api/schools",
        "GET /api/schools/{code}",
        "PATCH /api/schools/{code}",
        "POST /api/schools/import",
      ].sort(),
    );
    expect(doc.paths["/api/schools/import"]?.post).toHaveProperty("requestBody.content.text/csv");
  });
});
