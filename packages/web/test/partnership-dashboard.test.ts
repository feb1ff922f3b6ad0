/**
 * The officers' partnership dashboard in the browser, over the demo pairs (seed:
 * `partnership/demo.ts`): Balıkesir has three pairs with a partner in another province — one whose
 * plan for this year was submitted by its I. grup school, one with a draft plan, one in its third
 * year without a plan. The province officer sees all three by school name, each plan's step, and
 * totals that follow from those three.
 */
import { chainStatusLabels, schoolYearOf } from "@bigep/core/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

describe("partnership dashboard", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser();
  });
  afterAll(async () => {
    await h?.close();
  });

  test("a province officer sees the province's pairs, their plan steps and the totals, at 390 px", async () => {
    // Prepare
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await h.signIn(page, "il@bigep.local");

    // Act
    await page.goto(`/ortaklik-panosu?kapsam=province:10&yil=${schoolYearOf(new Date())}`);
    const rows = page.getByRole("table", { name: "Ortaklıklar" }).locator("tbody tr");
    await rows.nth(2).waitFor();

    // Assess
    expect(await rows.count()).toBe(3);
    const texts = await rows.allInnerTexts();
    // Schools by name, never by code.
    for (const text of texts) expect(text.split("\t")[0]).not.toMatch(/\d{6}/);
    const plans = texts.map((t) => t.split("\t")[3]);
    expect(plans.sort()).toEqual(["Başlamadı", chainStatusLabels.draft, chainStatusLabels.submitted].sort());
    const card = (name: string) => page.locator(".cards div").filter({ hasText: name }).locator("dd");
    expect(await card("Ortaklık").innerText()).toBe("3");
    expect(await card("Gönderilen plan").innerText()).toBe("1");
    expect(await card("OGM'ye ulaşan plan").innerText()).toBe("0");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
