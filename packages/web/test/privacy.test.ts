import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DATA_REGION, retention } from "../../core/src/privacy/retention";
import { type Harness, startBrowser } from "./browser";

describe("privacy notice (aydınlatma metni)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser({ seed: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  test.each([
    ["the sign-in page", "/giris"],
    ["the home page", "/"],
  ])("is linked from the footer of %s and states retention, storage, rights and breach duty", async (_, from) => {
    // Prepare
    const page = await h.newPage();
    await page.goto(from);

    // Act
    await page
      .getByRole("contentinfo")
      .getByRole("link", { name: /aydınlatma metni/i })
      .click();

    // Assess
    await page.waitForURL("**/aydinlatma-metni");
    await page.getByRole("heading", { level: 1, name: /Aydınlatma Metni/ }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    for (const rule of Object.values(retention)) {
      expect(text).toContain(rule.label);
      expect(text).toContain(rule.period);
    }
    expect(text).toContain(DATA_REGION.code);
    expect(text).toContain("Frankfurt");
    expect(text).toContain("m.9");
    expect(text).toContain("m.11");
    expect(text).toMatch(/m\.5/);
    expect(text).toMatch(/m\.6/);
    expect(text).toContain("72 saat");
    expect(await page.title()).toBe("Aydınlatma metni · BİGEP Platformu");
    expect(h.pageErrors).toEqual([]);
  });
});
