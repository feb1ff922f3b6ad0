import { beforeAll, describe, expect, it } from "vitest";
import { type Grant, withActor } from "../actor";
import { Audit } from "../audit";
import { Job } from "../job";
import { jobTypes } from "../job/registry";
import { VisibleError } from "../util/error";
import { District, School, seedDemo } from ".";

const admin: Grant = { role: "admin", scope: { type: "national", id: "" } };
const asAdmin = <T>(run: () => Promise<T>) =>
  withActor(
    {
      actor: { type: "user", userId: "usr_01JD0000000000000000000000", email: "a@b.tr", name: "A", grants: [admin] },
      requestId: "t",
    },
    async () => run(),
  );
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test worker" }, requestId: "w" }, run);

/** The request (validation, job start) as an admin, then the job run as the worker would. */
async function importJob(csv: string, province = "10") {
  const started = await asAdmin(() => School.importCsv({ province, csv }));
  const outcome = await system(() => Job.system.execute(started.id, jobTypes));
  const job = await asAdmin(() => Job.get(started.id));
  return { outcome, job, report: job.result as School.ImportReport };
}
const importCsv = async (csv: string, province = "10") => (await importJob(csv, province)).report;
const rowErrors = (error: VisibleError) =>
  (error.details as { errors: { line: number; code: string; message: string }[] }).errors;

async function failure(promise: Promise<unknown>): Promise<VisibleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

const header = "kurum_kodu,okul_adi,kademe,tur,ilce,eposta";

beforeAll(async () => {
  await seedDemo();
});

describe("school CSV import", () => {
  it("keeps Turkish characters intact through BOM, CRLF, a Turkish header and diacritic-free district names", async () => {
    const file =
      "\ufeffKurum Kodu,Okul Adı,Kademe,Tür,İlçe,E-Posta,Telefon\r\n" +
      "820001,Şehit Öğretmen Çağrı Işık İlkokulu,İlkokul,İlkokul,Sındırgı,820001@meb.k12.tr,0266 516 10 10\r\n" +
      "\r\n" +
      "820002,Gönen Ilıca Anaokulu,OKUL ÖNCESİ,anaokulu,gonen,820002@meb.k12.tr,\r\n";

    const report = await importCsv(file);

    expect(report).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    expect(await School.get("820001")).toMatchObject({
      name: "Şehit Öğretmen Çağrı Işık İlkokulu",
      level: "ilkokul",
      districtId: "10-sindirgi",
      provinceCode: "10",
      phone: "0266 516 10 10",
      version: 1,
    });
    expect(await School.get("820002")).toMatchObject({ name: "Gönen Ilıca Anaokulu", districtId: "10-gonen" });
  });

  it("rejects a file with bad rows as a whole, listing each by file line and reason; the valid rows then import once", async () => {
    const good = [
      "830001,Karesi Yeni Ortaokulu,ortaokul,ortaokul,Karesi,830001@meb.k12.tr",
      "830007,Altıeylül Yeni Lise,lise,Anadolu Lisesi,10-altieylul,830007@meb.k12.tr",
    ];
    const file = [
      header, // line 1
      good[0], // 2 ok
      "83A002,Hatalı Kodlu Okul,ilkokul,ilkokul,Karesi,x@meb.k12.tr", // 3 wrong code
      "830003,Olmayan İlçe Okulu,lise,anadolu_lisesi,Beşiktaş,830003@meb.k12.tr", // 4 unknown district (İstanbul)
      "830001,Aynı Kodlu Okul,ortaokul,ortaokul,Karesi,830001@meb.k12.tr", // 5 duplicate of line 2
      "830005,,lise,fen_lisesi,Karesi,830005@meb.k12.tr", // 6 missing name
      "", // 7 blank
      good[1], // 8 ok (district by id)
      "830008,Eksik Sütunlu Okul,ilkokul", // 9 missing fields
      "12345,Kısa Kodlu Okul,ilkokul,ilkokul,Karesi,12345@meb.k12.tr", // 10 too short
      "830011,Yanlış Kademe,ilkokul,fen_lisesi,Karesi,830011@meb.k12.tr", // 11 type vs level
      "830012,E-postası Bozuk Okul,ilkokul,ilkokul,Karesi,not-an-email", // 12 bad e-mail
    ].join("\n");

    const rejected = await failure(importCsv(file));
    const written = await School.get("830001");
    const first = await importCsv([header, ...good].join("\n"));
    const second = await importCsv([header, ...good].join("\n"));

    expect([rejected.kind, rejected.code]).toEqual(["input", "invalid_rows"]);
    expect(rowErrors(rejected).map((e) => [e.line, e.code])).toEqual([
      [3, "invalid_code"],
      [4, "unknown_district"],
      [5, "duplicate_in_file"],
      [6, "missing_field"],
      [9, "missing_field"],
      [10, "invalid_code"],
      [11, "invalid_type"],
      [12, "invalid_email"],
    ]);
    expect(rowErrors(rejected).find((e) => e.line === 6)?.message).toContain("okul_adi");
    expect(rowErrors(rejected).find((e) => e.line === 5)?.message).toContain("2.");
    expect(written).toBeUndefined();
    expect(first).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    expect((await School.get("830001"))?.name).toBe("Karesi Yeni Ortaokulu");
    expect((await School.get("830007"))?.districtId).toBe("10-altieylul");
    expect(second).toEqual({ created: 0, updated: 0, unchanged: 2, errors: [] });
    expect((await School.get("830001"))?.version).toBe(1);
  });

  it("writes each school with its audit event, naming the job, and shows the job's progress as done", async () => {
    const { job, outcome } = await importJob(
      `${header}\n890001,Denetimli İlkokulu,ilkokul,ilkokul,Karesi,890001@meb.k12.tr`,
    );

    const events = await asAdmin(() => Audit.list({ scope: "school:890001", entity: "school:890001" }));

    expect(outcome.status).toBe("succeeded");
    expect(job).toMatchObject({
      type: "school-import",
      status: "succeeded",
      progress: 100,
      scope: { type: "province", id: "10" },
    });
    expect(events.items).toEqual([
      expect.objectContaining({
        action: "school.create",
        scope: { type: "school", id: "890001" },
        data: { jobId: job.id },
      }),
    ]);
  });

  it("updates a changed row (version bump), keeps the phone when the file has no phone column", async () => {
    await importCsv(
      `${header},telefon\n840001,Eski Ad İlkokulu,ilkokul,ilkokul,Edremit,840001@meb.k12.tr,0266 111 11 11`,
    );

    const report = await importCsv(`${header}\n840001,Yeni Ad İlkokulu,ilkokul,ilkokul,Edremit,840001@meb.k12.tr`);

    expect(report).toEqual({ created: 0, updated: 1, unchanged: 0, errors: [] });
    expect(await School.get("840001")).toMatchObject({ name: "Yeni Ad İlkokulu", version: 2, phone: "0266 111 11 11" });
  });

  it("reports the line a row starts on when a quoted cell spans lines", async () => {
    const file = `${header},adres\n850001,,ilkokul,ilkokul,Erdek,850001@meb.k12.tr,"Cumhuriyet Mah.\nOkul Sok. No: 3"\n850002,Çok Satırlı Adres Okulu,ilkokul,ilkokul,Erdek,850002@meb.k12.tr,"Fatih Mah.\nNo: 5"`;

    const rejected = await failure(importCsv(file));
    const fixed = await importCsv(file.replace("850001,,", "850001,Düzeltilmiş Okul,"));

    expect(rowErrors(rejected)).toEqual([expect.objectContaining({ line: 2, code: "missing_field" })]);
    expect(fixed.created).toBe(2);
    expect((await School.get("850002"))?.address).toBe("Fatih Mah.\nNo: 5");
  });

  it("reads the downloadable template: # note lines and the #-commented example row are skipped, lines keep their numbers", async () => {
    const file = [
      "# kademe: Okul Öncesi, İlkokul, Ortaokul, Lise", // 1 note
      "# ilce: Altıeylül, Karesi, …", // 2 note
      `${header},adres`, // 3 header
      "#712345,Örnek Ortaokulu,Ortaokul,Ortaokul,Karesi,712345@meb.k12.tr,Örnek Mah. No: 1", // 4 example
      "860001,,ilkokul,ilkokul,Karesi,860001@meb.k12.tr,Kuvayi Milliye Cad. #12", // 5 missing name
    ].join("\n");

    const rejected = await failure(importCsv(file));
    const fixed = await importCsv(file.replace("860001,,", "860001,Şablondan Okul,"));

    expect(rowErrors(rejected)).toEqual([expect.objectContaining({ line: 5, code: "missing_field" })]);
    expect(fixed.created).toBe(1);
    expect(await School.get("712345")).toBeUndefined();
    expect((await School.get("860001"))?.address).toBe("Kuvayi Milliye Cad. #12");
  });

  it("refuses to move a school registered in another province", async () => {
    const rejected = await failure(
      importCsv(`${header}\n710104,Başka İlin Okulu,lise,anadolu_lisesi,Ortahisar,710104@meb.k12.tr`, "61"),
    );

    expect(rowErrors(rejected)).toEqual([expect.objectContaining({ line: 2, code: "other_province" })]);
    expect((await School.get("710104"))?.provinceCode).toBe("10");
  });

  it("rejects a file with missing columns, a broken quote, and empty input as a whole", async () => {
    const columns = await failure(importCsv("kurum_kodu,okul_adi,kademe\n860001,Okul,ilkokul"));
    expect([columns.kind, columns.code]).toEqual(["input", "missing_columns"]);
    expect(columns.message).toContain("ilce");
    const quote = await failure(importCsv(`${header}\n860002,"Kapanmayan,ilkokul,ilkokul,Karesi,a@b.tr`));
    expect(quote.code).toBe("invalid_csv");
    expect((await failure(importCsv(""))).code).toBe("empty_file");
  });

  it("refuses files over 2 MB or 5,000 rows with too_large (413), writing nothing", async () => {
    const big = `${header}\n${"870001,Okul,ilkokul,ilkokul,Karesi,a@meb.k12.tr\n".repeat(50_000)}`;
    const many = `${header}\n${Array.from({ length: 5001 }, (_, i) => `${880000 + i},Okul,ilkokul,ilkokul,Karesi,a@meb.k12.tr`).join("\n")}`;

    const tooBig = await failure(importCsv(big));
    const tooMany = await failure(importCsv(many));

    expect(Buffer.byteLength(big)).toBeGreaterThan(School.importLimits.bytes);
    expect([tooBig.kind, tooMany.kind]).toEqual(["too_large", "too_large"]);
    expect(await School.get("880000")).toBeUndefined();
  });

  it("needs the org.import grant for the province", async () => {
    const anonymous = await failure(School.importCsv({ province: "10", csv: header }));
    const otherProvince = await failure(
      withActor(
        {
          actor: {
            type: "user",
            userId: "usr_01JD0000000000000000000001",
            email: "b@b.tr",
            name: "B",
            grants: [{ role: "province_officer", scope: { type: "province", id: "61" } }],
          },
          requestId: "t",
        },
        async () => School.importCsv({ province: "10", csv: header }),
      ),
    );
    expect([anonymous.kind, otherProvince.kind]).toEqual(["auth", "forbidden"]);
  });
});

describe("district CSV import", () => {
  it("creates districts with ASCII ids, reports bad rows by line, and a repeat changes nothing", async () => {
    const file = "\ufeffİl Kodu,İlçe Adı\r\n06,Çankaya\r\n06,Keçiören\r\n06,ÇANKAYA\r\n99,Yok\r\n06,\r\n";

    const first = await asAdmin(() => District.importCsv({ csv: file }));
    const second = await asAdmin(() => District.importCsv({ csv: file }));

    expect(first.created).toBe(2);
    expect(first.errors.map((e) => [e.line, e.code])).toEqual([
      [4, "duplicate_in_file"],
      [5, "invalid_province"],
      [6, "missing_field"],
    ]);
    expect(second).toMatchObject({ created: 0, unchanged: 2 });
    const ankara = await District.list({ province: "06" });
    expect(ankara.items.map((d) => [d.id, d.name])).toEqual([
      ["06-cankaya", "Çankaya"],
      ["06-kecioren", "Keçiören"],
    ]);
  });

  it("needs org.import for every province in the file", async () => {
    const file = "il_kodu,ilce_adi\n10,Yeni İlçe\n07,Muratpaşa";
    const officer = { role: "province_officer" as const, scope: { type: "province" as const, id: "10" } };

    const anonymous = await failure(District.importCsv({ csv: file }));
    const partial = await failure(
      withActor(
        {
          actor: {
            type: "user",
            userId: "usr_01JD0000000000000000000002",
            email: "c@b.tr",
            name: "C",
            grants: [officer],
          },
          requestId: "t",
        },
        async () => District.importCsv({ csv: file }),
      ),
    );

    expect([anonymous.kind, partial.kind]).toEqual(["auth", "forbidden"]);
    expect(await District.get("10-yeni-ilce")).toBeUndefined();
  });
});
