import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demo } from "@bigep/core/org";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

const altieylul = demo.schools
  .filter((school) => school.districtId === "10-altieylul")
  .map((school) => school.name)
  .sort((a, b) => a.localeCompare(b, "tr"));

describe("schools page", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser();
  });
  afterAll(async () => {
    await h?.close();
  });

  test("lists a Balıkesir district's demo schools, sorted by name", async () => {
    // Prepare
    const { page } = h;
    await page.goto("/okullar");
    await expect.poll(() => page.locator("#district option").count()).toBeGreaterThan(1);

    // Act
    await page.selectOption("#district", { label: "Altıeylül" });

    // Assess
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    await expect.poll(() => page.locator("h2#schools-title").textContent()).toContain("Altıeylül okulları");
    const names = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(names).toContain("Balıkesir Fen Lisesi");
    expect(names).toEqual(altieylul);
    await expect
      .poll(() => page.getByRole("row", { name: /Balıkesir Fen Lisesi/ }).textContent())
      .toContain("Fen Lisesi");
    expect(new URL(page.url()).searchParams.get("ilce")).toBe("10-altieylul");
    const shot = join(mkdtempSync(join(tmpdir(), "bigep-shot-")), "okullar.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(1000);
    expect(h.pageErrors).toEqual([]);
  });

  test("a deep link restores the chosen district", async () => {
    // Act
    const page = await h.newPage();
    await page.goto("/okullar?il=10&ilce=10-altieylul");

    // Assess
    await page.locator("tbody tr").first().waitFor();
    // The rows render only together with the district list, so the select already holds the choice.
    expect(await page.locator("#district").inputValue()).toBe("10-altieylul");
    expect(await page.locator("#district option:checked").textContent()).toBe("Altıeylül");
    expect(await page.title()).toBe("Okullar · BİGEP Platformu");
  });

  test("a signed-in person's own district is preselected, with the district's real total", async () => {
    // Prepare: a teacher of Balıkesir Fen Lisesi (Altıeylül)
    const page = await h.newPage();
    await h.signIn(page, "ogretmen.710204@bigep.local");

    // Act
    await page.goto("/okullar");

    // Assess: Altıeylül chosen without a choice in the address; the heading counts all its schools
    await page.locator("tbody tr").first().waitFor();
    expect(await page.locator("#district").inputValue()).toBe("10-altieylul");
    expect(await page.locator("#province option:checked").textContent()).toBe("10 — Balıkesir");
    await expect
      .poll(() => page.locator("h2#schools-title").textContent())
      .toBe(`Altıeylül okulları (${altieylul.length})`);
    expect(await page.getByRole("region", { name: "Altıeylül okulları", exact: true }).getAttribute("tabindex")).toBe(
      "0",
    );
  });
});
