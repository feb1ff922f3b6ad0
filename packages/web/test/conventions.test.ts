/**
 * Turkish conventions whatever the browser's language: Chromium started in English (en-US UI and
 * locale) still reads and shows dates as GG.AA.YYYY and labels file pickers in Turkish; the
 * activity form's marks clear as soon as a field is corrected.
 */
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumArgs, type Harness, startBrowser } from "./browser";

describe("Turkish conventions in an English browser", () => {
  let h: Harness;
  let english: Browser;
  beforeAll(async () => {
    h = await startBrowser();
    english = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [...chromiumArgs, "--lang=en-US"],
    });
  }, 120_000);
  afterAll(async () => {
    await english?.close();
    await h?.close();
  });

  test("a date typed as 15.10.2026 is saved as 2026-10-15 and shown back as 15.10.2026", async () => {
    // Prepare: a teacher in an en-US browser
    const context = await english.newContext({ baseURL: h.baseUrl, locale: "en-US", timezoneId: "Europe/Istanbul" });
    const page = await context.newPage();
    expect(await page.evaluate(() => navigator.language)).toBe("en-US");
    await h.signIn(page, "ogretmen.710204@bigep.local");
    await page.goto("/etkinlikler/yeni");
    await page.locator("#area").waitFor();

    // Act: submit empty, then fix the title; then fill in the rest
    await page.getByRole("button", { name: "Kaydet" }).click();
    await expect.poll(() => page.locator("#title").getAttribute("aria-invalid")).toBe("true");
    await page.fill("#title", "Bilim şenliği");
    const titleMarked = await page.locator("#title").getAttribute("aria-invalid");
    await page.selectOption("#area", "academic");
    await page.selectOption("#category", { index: 1 });
    await page.locator("#startDate").pressSequentially("15.10.2026");
    await page.selectOption("#reach", "school");
    await page.getByRole("button", { name: "Kaydet" }).click();
    await page.waitForURL(/\/etkinlikler\/act_/);
    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    // Assess: the mark left as soon as the title was valid; stored ISO, shown Turkish
    expect(titleMarked).toBeNull();
    const saved = await page.request.get(`/api/activities/${id}`);
    expect(((await saved.json()) as { startDate: string }).startDate).toBe("2026-10-15");
    await expect.poll(() => page.locator("main").textContent()).toContain("15.10.2026");
    expect(await page.locator(".file-input").first().textContent()).toContain("Dosya seçilmedi");
    expect(await page.locator(".file-input").first().textContent()).toContain("Dosya seç");
    await page.goto(`/etkinlikler/${id}/duzenle`);
    await expect.poll(() => page.locator("#startDate").inputValue()).toBe("15.10.2026");
    await context.close();
  }, 120_000);

  test("an anonymous visitor's page load logs no console error", async () => {
    // Prepare
    const page = await h.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });

    // Act
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    await page.goto("/okullar");
    await page.waitForLoadState("networkidle");

    // Assess
    expect(await page.getByRole("link", { name: "Oturum aç" }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 60_000);

  test("a signed-in page load asks /api/me once, while the app's script is still downloading", async () => {
    // Prepare: a signed-in teacher; the app's main script held back 800 ms, as a slow phone
    // network would; every request in order, and the moment the script arrived
    const page = await h.newPage();
    await h.signIn(page, "ogretmen.710204@bigep.local");
    await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    const events: string[] = [];
    page.on("request", (request) => events.push(`request ${new URL(request.url()).pathname}`));
    page.on("requestfinished", (request) => events.push(`finished ${new URL(request.url()).pathname}`));

    // Act: a fresh load of the activity list
    await page.goto("/etkinlikler");
    await page.getByRole("heading", { name: "Etkinlikler" }).waitFor();

    // Assess: one /api/me (src/session.tsx took index.html's early answer instead of asking
    // again), asked before the script had arrived, so not after it ran
    expect(events.filter((e) => e === "request /api/me")).toHaveLength(1);
    const scriptArrived = events.findIndex((e) => /^finished \/assets\/index-.*\.js$/.test(e));
    expect(scriptArrived).toBeGreaterThan(-1);
    expect(events.indexOf("request /api/me")).toBeLessThan(scriptArrived);
    await page.close();
  });
});
