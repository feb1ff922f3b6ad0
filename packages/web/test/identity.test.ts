/** Identity pages in a real browser: a demo principal signs in with the outbox code and manages only their school. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

describe("identity pages", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser();
  });
  afterAll(async () => {
    await h?.close();
  });

  test("a principal signs in with the code from the outbox and sees only their own school's people", async () => {
    // Prepare
    const email = "mudur.710204@bigep.local";
    const page = await h.newPage();
    await page.goto("/giris");
    await page.getByLabel("E-posta adresi").fill(email);
    await page.getByRole("button", { name: "Kod gönder" }).click();
    await page.getByLabel("Giriş kodu").waitFor();
    const outbox = await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}&limit=1`);
    const [message] = ((await outbox.json()) as { items: { text: string }[] }).items;
    const code = message?.text.match(/kodunuz: (\d{6})/)?.[1] ?? "";

    // Act
    await page.getByLabel("Giriş kodu").fill(code);
    await page.getByRole("button", { name: "Oturum aç", exact: true }).click();
    await expect.poll(() => page.locator(".site-header .name").textContent()).toBe("Murat Özkan");
    await page.getByRole("link", { name: "Kullanıcılar" }).click();

    // Assess
    const people = page.getByRole("table", { name: "Kişiler" });
    await people.waitFor();
    const text = (await people.textContent()) ?? "";
    expect(text).toContain("Ayşe Yıldız"); // teacher of 710204
    expect(text).toContain("Kemal Şen"); // commission member of 710204
    expect(text).not.toContain("Ömer Çelik"); // teacher of 710104
    expect(text).not.toContain("Selin Aydın"); // principal of 710104

    await page.goto("/kullanicilar?kapsam=school:710104");
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("table", { name: "Kişiler" }).count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  test("a principal invites a teacher, sees their roles and sessions, and the audit log shows it", async () => {
    // Prepare
    const page = await h.newPage();
    await h.signIn(page, "mudur.710204@bigep.local");
    await page.goto("/kullanicilar");
    await page.getByRole("table", { name: "Kişiler" }).waitFor();
    const roles = await page.getByLabel("Rol", { exact: true }).locator("option").allTextContents();

    // Act
    await page.getByLabel("E-posta").fill("yeni.ogretmen.710204@bigep.local");
    await page.getByLabel("Ad soyad").fill("Zehra Yeni");
    await page.getByLabel("Rol", { exact: true }).selectOption("teacher");
    await page.getByRole("button", { name: "Davet et" }).click();

    // Assess
    await page.getByRole("status").waitFor();
    await expect.poll(() => page.getByRole("table", { name: "Kişiler" }).textContent()).toContain("Zehra Yeni");
    expect(roles).toEqual(expect.arrayContaining(["Öğretmen", "Okul Proje Komisyonu üyesi"]));
    expect(roles.join()).not.toContain("İlçe");

    await page.goto("/profil");
    await page.getByRole("table", { name: "Oturumlarım" }).getByText("Bu oturum").waitFor();
    expect(await page.locator("main").textContent()).toContain("Okul müdürü / müdür yardımcısı");

    await page.goto("/denetim");
    const events = page.getByRole("table", { name: "Olaylar" });
    await events.waitFor();
    expect(await events.textContent()).toContain("Davet");
  });

  test("a province officer's audit view shows a school's change with the school as its scope", async () => {
    // Prepare: the officer renames a school of the province (Karesi Anadolu Lisesi, 710104)
    const page = await h.newPage();
    await h.signIn(page, "il@bigep.local");
    const school = await page.request.get("/api/schools/710104");
    const renamed = await page.request.patch("/api/schools/710104", {
      headers: { "if-match": school.headers().etag ?? "" },
      data: { name: "Karesi Anadolu Lisesi (Denetim)" },
    });
    expect(renamed.status()).toBe(200);

    // Act
    await page.goto("/denetim?kapsam=province:10");

    // Assess
    const events = page.getByRole("table", { name: "Olaylar" });
    await events.waitFor();
    const row = events.getByRole("row").filter({ hasText: "Okul güncelleme" });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain("710104");
  });

  test("a teacher has no people or audit pages", async () => {
    const page = await h.newPage();
    await h.signIn(page, "ogretmen.710204@bigep.local");
    await page.goto("/profil");
    await page.getByRole("heading", { name: "Profilim" }).waitFor();
    expect(await page.getByRole("banner").getByRole("link", { name: "Kullanıcılar" }).count()).toBe(0);
    await page.goto("/kullanicilar");
    await page.getByText("Bu sayfayı görüntüleme yetkiniz yok.").waitFor();
  });
});
