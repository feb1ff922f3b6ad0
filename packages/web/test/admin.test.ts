import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

/** Screenshots for a person to look at; not compared. */
const shots = join(tmpdir(), "bigep-admin-shots");
mkdirSync(shots, { recursive: true });

const csv = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

describe("administration pages", () => {
  let h: Harness;
  let officer: Page;
  beforeAll(async () => {
    h = await startBrowser();
    officer = h.page;
    await h.signIn(officer, "il@bigep.local");
  });
  afterAll(async () => {
    await h?.close();
  });

  test("a province officer imports a schools CSV: a bad row rejects the file by line; the fixed file's job lists the school", async () => {
    // Prepare
    const good =
      "710299,Altıeylül Yeni Ufuklar Ortaokulu,Ortaokul,Ortaokul,Altıeylül,yeniufuklar@meb.k12.tr,0266 111 22 33";
    const header = "kurum_kodu,okul_adi,kademe,tur,ilce,eposta,telefon";
    const bad = csv(
      "okullar.csv",
      [header, good, "71X,Hatalı Satır Lisesi,Lise,Anadolu Lisesi,Altıeylül,hatali@meb.k12.tr,"].join("\n"),
    );
    await officer.goto("/okullar/yonetim");
    await officer.locator("#schools-import-file").waitFor();

    // Act
    await officer.setInputFiles("#schools-import-file", bad);
    await officer.getByRole("button", { name: "İçe aktar" }).click();

    // Assess: nothing imported, the row is listed by its line
    const alert = officer.locator("#schools-import-title ~ form p[role=alert]");
    await expect.poll(() => alert.textContent()).toContain("1 hatalı satır");
    const errorRows = officer.getByRole("table", { name: "Aktarılamayan satırlar" }).locator("tbody tr");
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.locator("td").first().textContent()).toBe("3");
    expect(await errorRows.locator("td").nth(1).textContent()).toContain("Geçersiz kurum kodu");

    // Act: the fixed file
    await officer.setInputFiles("#schools-import-file", csv("okullar.csv", [header, good].join("\n")));
    await officer.getByRole("button", { name: "İçe aktar" }).click();

    // Assess: the job's progress and report
    const status = officer.locator("#schools-import-title ~ p[role=status]");
    await expect.poll(() => status.textContent()).toContain("1 okul eklendi");
    expect(await officer.locator("#schools-import-title ~ .job-state .job-status").textContent()).toBe("Tamamlandı");
    expect(await officer.locator("#schools-import-title ~ .job-state progress").getAttribute("value")).toBe("100");
    await officer.screenshot({ path: join(shots, "okul-yonetimi.png"), fullPage: true });

    await officer.goto("/isler?kapsam=province:10");
    const jobRow = officer.getByRole("row", { name: /Okul içe aktarma/ });
    await jobRow.first().waitFor();
    expect(await jobRow.first().textContent()).toContain("Tamamlandı");
    await officer.screenshot({ path: join(shots, "isler.png"), fullPage: true });

    await officer.goto("/okullar?il=10&ilce=10-altieylul");
    const row = officer.getByRole("row", { name: /Altıeylül Yeni Ufuklar Ortaokulu/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("710299");
    expect(await officer.getByRole("row", { name: /Hatalı Satır Lisesi/ }).count()).toBe(0);
    await officer.screenshot({ path: join(shots, "okullar.png"), fullPage: true });
    expect(h.pageErrors).toEqual([]);
  });

  test("the schools template names the allowed values and an example row, and imports as downloaded with a row added", async () => {
    // Prepare: the template as the link hands it out
    await officer.goto("/okullar/yonetim");
    const href = await officer.getByRole("link", { name: "Şablonu indir" }).first().getAttribute("href");
    const template = decodeURIComponent(String(href).replace(/^data:text\/csv;charset=utf-8,/, ""));
    const lines = template
      .replace(/^\ufeff/, "")
      .trimEnd()
      .split("\n");

    // Assess: notes with the allowed values, the header, then the example row, each note behind #
    expect(lines.find((l) => l.startsWith("# kademe:"))).toBe("# kademe: Okul Öncesi | İlkokul | Ortaokul | Lise");
    expect(lines.find((l) => l.startsWith("# tur:"))).toContain("Anadolu Lisesi");
    expect(lines).toContain("kurum_kodu,okul_adi,kademe,tur,ilce,eposta,telefon,adres");
    expect(lines.at(-1)).toMatch(/^#\d{6},Örnek Ortaokulu,/);
    await officer.getByText("İzin verilen değerler ve örnek satır").click();
    expect(await officer.locator("details.hint").first().textContent()).toContain("Mesleki ve Teknik Anadolu Lisesi");

    // Act: the template with one real row added
    const row = "710298,Şablon Ortaokulu,Ortaokul,Ortaokul,Karesi,sablon@meb.k12.tr,,";
    await officer.setInputFiles("#schools-import-file", csv("okullar.csv", `${template}${row}\n`));
    await officer.getByRole("button", { name: "İçe aktar" }).click();

    // Assess: only the added row is imported (the example stays an example)
    const status = officer.locator("#schools-import-title ~ p[role=status]");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("1 okul eklendi");
    const example = lines.at(-1)?.slice(1, 7) ?? "";
    expect((await officer.request.get(`/api/schools/${example}`)).status()).toBe(404);
    expect((await officer.request.get("/api/schools/710298")).status()).toBe(200);
  });
  test("editing a school that changed meanwhile answers 409: the user is told and sees the current record", async () => {
    // Prepare
    await officer.goto("/okullar/yonetim?kod=710204");
    await expect.poll(() => officer.locator("#edit-name").inputValue()).toBe("Balıkesir Fen Lisesi");
    const current = await officer.request.get("/api/schools/710204");
    const changed = await officer.request.patch("/api/schools/710204", {
      headers: { "if-match": current.headers().etag ?? "" },
      data: { phone: "0266 999 88 77" },
    });
    expect(changed.status()).toBe(200);

    // Act
    await officer.fill("#edit-email", "fen@meb.k12.tr");
    await officer.getByRole("button", { name: "Değişiklikleri kaydet" }).click();

    // Assess
    const alert = officer.locator("#edit-title ~ p[role=alert]");
    await expect.poll(() => alert.textContent()).toContain("güncel hâli yüklendi");
    await expect.poll(() => officer.locator("#edit-phone").inputValue()).toBe("0266 999 88 77");
    await officer.screenshot({ path: join(shots, "okul-duzenle-409.png"), fullPage: true });

    // Act: saving again over the fresh version succeeds
    await officer.fill("#edit-email", "fen@meb.k12.tr");
    await officer.getByRole("button", { name: "Değişiklikleri kaydet" }).click();

    // Assess
    await expect.poll(() => officer.locator("#edit-title ~ p[role=status]").textContent()).toContain("kaydedildi");
    const saved = await (await officer.request.get("/api/schools/710204")).json();
    expect(saved).toMatchObject({ email: "fen@meb.k12.tr", phone: "0266 999 88 77" });
  });

  test("a principal imports the staff CSV and sees the new teacher in the school's list", async () => {
    // Prepare
    const principal = await h.newPage();
    await h.signIn(principal, "mudur.710204@bigep.local");
    await principal.goto("/kullanicilar");
    await principal.getByRole("table", { name: "Kişiler" }).waitFor();
    const file = csv("kadro.csv", "ad_soyad,eposta,rol\nZeynep Kaya,zeynep.kaya@bigep.local,öğretmen\n");

    // Act
    await principal.setInputFiles("#staff-import-file", file);
    await principal.getByRole("button", { name: "İçe aktar" }).click();

    // Assess
    await expect
      .poll(() => principal.locator("#staff-import-title ~ p[role=status]").textContent())
      .toContain("1 yeni hesap açıldı");
    const row = principal.getByRole("row", { name: /Zeynep Kaya/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Öğretmen");
    await principal.screenshot({ path: join(shots, "kullanicilar.png"), fullPage: true });
    expect(h.pageErrors).toEqual([]);
  });

  test("a province officer renames a category and the activity form lists the new name", async () => {
    // Prepare
    await officer.goto("/kategoriler");
    const first = officer.getByLabel("Akademik: 1. kategori");
    await expect.poll(() => first.inputValue()).toBe("Okula uyum programı ve rehberlik çalışmaları");

    // Act
    await first.fill("Uyum haftası ve rehberlik");
    await officer.getByRole("button", { name: "Kaydet", exact: true }).click();

    // Assess
    await expect.poll(() => officer.locator("p[role=status]").textContent()).toContain("Kategoriler kaydedildi");
    await officer.screenshot({ path: join(shots, "kategoriler.png"), fullPage: true });
    await officer.goto("/etkinlikler/yeni");
    await officer.fill("#school", "710204");
    await officer.selectOption("#area", "academic");
    await expect
      .poll(() => officer.locator("#category option").allTextContents())
      .toContain("Uyum haftası ve rehberlik");
    expect(await officer.locator("#category option").allTextContents()).not.toContain(
      "Okula uyum programı ve rehberlik çalışmaları",
    );
    expect(h.pageErrors).toEqual([]);
  });
});
