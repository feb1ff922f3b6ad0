/**
 * The reports dashboard in the browser: a province officer compiles the province's yearly report
 * and sees its charts; the figures under each chart are the figures of the JSON file of the same
 * run (the screen and the files never disagree), and the page does not scroll sideways on a phone.
 */
import { Area } from "@bigep/core/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

const year = "2026-2027";

describe("reports dashboard", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser({ activities: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  test("a province officer compiles a report and its charts show the JSON file's figures, also at 390 px", async () => {
    // Prepare
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await h.signIn(page, "il@bigep.local");
    await page.goto(`/raporlar?kapsam=province:10&yil=${year}`);

    // Act
    await page.getByRole("button", { name: "Raporu derle" }).click();
    const row = page.locator("tr[data-run]").first();
    await row.waitFor({ timeout: 60_000 });
    await page.locator('[data-chart="areas"] svg').first().waitFor({ timeout: 30_000 });

    // Assess: the areas chart's figures, in the report's area order, equal the JSON file's.
    const runId = (await row.getAttribute("data-run")) as string;
    const link = await page.request.get(`/api/reports/${runId}/files/json`);
    expect(link.status()).toBe(200);
    const file = await (await fetch((await link.json()).url)).json();
    const byArea = file.sections.activities.byArea as Record<string, number>;
    const expected = Area.options.map((a) => (byArea[a] ?? 0).toLocaleString("tr-TR"));
    const cells = page.getByRole("table", { name: "Ödül alanlarına göre etkinlikler — veriler" }).locator("tbody td");
    expect(await cells.allInnerTexts()).toEqual(expected);
    expect(Object.values(byArea).reduce((s, n) => s + n, 0)).toBe(file.sections.activities.total);
    // The districts chart lists the province's districts that have activities.
    const districts = page.getByRole("table", { name: "İlçelere göre etkinlikler — veriler" }).locator("tbody tr");
    expect(await districts.count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(h.pageErrors).toEqual([]);
  }, 180_000);
});
