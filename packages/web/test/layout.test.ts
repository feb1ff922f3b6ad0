/**
 * Every page for several roles, on a phone (390 px) and a laptop (1280 px): nothing scrolls
 * sideways (tables scroll inside their own box), and axe-core finds no serious or critical
 * accessibility violation. The demo data is seeded as `npm start` seeds it, activities included.
 */
import { createRequire } from "node:module";
import { Activity } from "@bigep/core/activity";
import { withActor } from "@bigep/core/actor";
import { demoActor } from "@bigep/core/identity";
import { now } from "@bigep/core/util/clock";
import { schoolYearOf } from "@bigep/core/util/date";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const widths = [390, 1280];

type Finding = { url: string; width: number; problem: string };

/** Problems of the page as it is now: sideways scrolling (with the widest elements) and axe violations. */
async function inspect(page: Page, width: number): Promise<Finding[]> {
  const url = new URL(page.url()).pathname;
  const findings: Finding[] = [];
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= window.innerWidth) return null;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(-5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")}`);
    return `scrollWidth ${root.scrollWidth} > ${window.innerWidth}: ${wide.join(", ")}`;
  });
  if (overflow) findings.push({ url, width, problem: overflow });
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document);
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
  });
  for (const problem of violations) findings.push({ url, width, problem });
  return findings;
}

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await page.locator("main h1").first().waitFor({ timeout: 20_000 });
}

describe("layout and accessibility", () => {
  let h: Harness;
  let activityId = "";
  beforeAll(async () => {
    h = await startBrowser({ activities: true });
    const admin = await demoActor("admin@bigep.local");
    if (!admin) throw new Error("demo admin missing");
    const page = await withActor({ actor: admin, requestId: "test" }, () =>
      Activity.listBySchool({ school: "710204", year: schoolYearOf(now()), status: "submitted", limit: 1 }),
    );
    activityId = page.items[0]?.id ?? "";
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const roles: [string, string | null][] = [
    ["anonymous", null],
    ["admin", "admin@bigep.local"],
    ["province officer", "il@bigep.local"],
    ["district board", "ilce.altieylul@bigep.local"],
    ["principal", "mudur.710204@bigep.local"],
    ["commission member", "komisyon.710204@bigep.local"],
    ["teacher", "ogretmen.710204@bigep.local"],
  ];

  for (const [role, email] of roles) {
    test(`${role}: no sideways scrolling and no serious axe violation at ${widths.join(" and ")} px`, async () => {
      // Prepare: signed in; the pages of this person's menu plus the activity pages
      expect(activityId).not.toBe("");
      const page = await h.newPage();
      if (email) await h.signIn(page, email);
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, "/");
      const nav = await page
        .locator("#main-menu a")
        .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      const paths = [
        ...new Set([...nav, ...(email ? ["/etkinlikler/yeni", `/etkinlikler/${activityId}`] : ["/giris"])]),
      ];

      // Act
      const findings: Finding[] = [];
      for (const width of widths) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of paths) {
          await visit(page, path);
          findings.push(...(await inspect(page, width)));
        }
      }

      // Assess
      expect(paths.length).toBeGreaterThan(1);
      expect(findings).toEqual([]);
      expect(h.pageErrors).toEqual([]);
    }, 300_000);
  }

  // What the demo seed leaves waiting (activity/demo.ts): in each demo school one record per status,
  // all by the teacher; 710204's goes on to the province through the Altıeylül board, 710104's
  // (Karesi has no demo board) stops at the district. So the teacher has a draft and a returned
  // record, the school's reviewers one submitted and one approved record, the Altıeylül board one
  // record at the district, the province officer one at the province, the admin nothing.
  const waits: [string, string, string[]][] = [
    ["admin", "admin@bigep.local", []],
    ["province officer", "il@bigep.local", ["follow"]],
    ["district board", "ilce.altieylul@bigep.local", ["district"]],
    ["principal", "mudur.710204@bigep.local", ["review", "forward"]],
    ["commission member", "komisyon.710204@bigep.local", ["review", "forward"]],
    ["teacher", "ogretmen.710204@bigep.local", ["draft", "returned"]],
  ];
  for (const [role, email, kinds] of waits) {
    test(`${role}: the home page shows the work waiting from the demo data`, async () => {
      // Prepare
      const page = await h.newPage();
      await h.signIn(page, email);

      // Act
      await visit(page, "/");
      await page.locator("section.waiting[aria-busy=false]").waitFor();

      // Assess
      const shown = await page
        .locator("section.waiting li[data-kind]")
        .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.kind));
      expect(shown).toEqual(kinds);
      if (kinds.length === 0)
        expect(await page.locator("section.waiting").textContent()).toContain("bekleyen bir iş yok");
      else
        expect(await page.locator("section.waiting li[data-kind] a").first().getAttribute("href")).toMatch(
          /^\/etkinlikler\?/,
        );
    }, 120_000);
  }

  test("on a phone the menu folds behind a button that says whether it is open", async () => {
    // Prepare
    const page = await h.newPage();
    await h.signIn(page, "admin@bigep.local");
    await page.setViewportSize({ width: 390, height: 800 });
    await visit(page, "/");
    const toggle = page.getByRole("button", { name: "Menü" });

    // Assess: folded, then open on a tap, then folded again after choosing a page
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator("#main-menu").isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.locator("#main-menu").getByRole("link", { name: "Okullar" }).click();
    await page.waitForURL(/\/okullar/);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    const box = await toggle.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
  }, 120_000);
});
