/**
 * The public certificate verification page `/sertifika/:code` (no sign-in): a valid code shows
 * the printed fields, a revoked one says so, a forged one says no certificate has it. The
 * certificates are made by the real job (worker types) over awards written directly.
 */
import { createRequire } from "node:module";
import { withActor } from "@bigep/core/actor";
import { Job } from "@bigep/core/job";
import { workerJobTypes } from "@bigep/core/system/job";
import { reviewCertificates } from "@bigep/core/system/review";
import { createId } from "@bigep/core/util/id";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
// The review entities are private to the core; the test writes a round with awards directly.
import { entities } from "../../core/src/review/entities";
import { roundRecord } from "../../core/src/review/test-data";
import { type Harness, startBrowser } from "./browser";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, async () => run());

const roundId = createId("round");
const awards = [
  {
    activityId: createId("activity"),
    schoolName: "Şehit Gökhan Ünlü Çağdaş Işık Ortaokulu",
    title: "Öğütülmüş Çiğ İğde Şöleni",
    tier: "ikincilik",
  },
  {
    activityId: createId("activity"),
    schoolName: "Çiğdem Öğüt Anadolu Lisesi",
    title: "Ödünç Kitap Şöleni",
    tier: "mansiyon",
  },
];
const codes: string[] = [];

/** Sideways scrolling and serious/critical axe violations of the page as it is. */
async function problems(page: Page): Promise<string[]> {
  const found: string[] = [];
  const wide = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth > window.innerWidth ? `scrollWidth ${root.scrollWidth} > ${window.innerWidth}` : null;
  });
  if (wide) found.push(wide);
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document);
    return (result.violations as { id: string; impact: string }[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact})`);
  });
  return [...found, ...violations];
}

describe("public certificate verification page", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser({ seed: false });
    const { Round, Entry, CertificateSlot, Certificate } = entities();
    await Round.put(roundRecord({ roundId, awardedAt: "2027-05-15T10:00:00.000Z" })).go();
    for (const a of awards) {
      await Entry.put({
        roundId,
        activityId: a.activityId,
        schoolCode: "710204",
        schoolName: a.schoolName,
        schoolLevel: "ortaokul",
        districtId: "10-altieylul",
        provinceCode: "10",
        schoolYear: "2026-2027",
        area: "projects",
        title: a.title,
        people: [],
        tier: a.tier,
        fair: true,
      }).go();
    }
    await system(async () => {
      const { job } = await Job.start(reviewCertificates, {
        params: { province: "10", roundId },
        enqueue: false,
        asOf: "2027-05-20",
      });
      expect((await Job.system.execute(job.id, workerJobTypes)).status).toBe("succeeded");
    });
    for (const a of awards) {
      const { data } = await CertificateSlot.get({ roundId, activityId: a.activityId }).go();
      codes.push(data!.code);
    }
    // The second is revoked (as the board's revoke does; its audit is covered in the core test).
    await Certificate.patch({ code: codes[1]! })
      .set({ status: "revoked", revokedAt: "2027-06-02T09:00:00.000Z", reason: "Hatalı." })
      .go();
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  test("a valid code shows what is printed, on a phone, without sign-in", async () => {
    // Prepare
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    // Act
    await page.goto(`/sertifika/${codes[0]}`);
    await page.getByRole("heading", { name: "Geçerli sertifika" }).waitFor();
    // Assess
    const fields = page.locator(".certificate-fields");
    expect(await fields.locator("dd").allTextContents()).toEqual([
      "Şehit Gökhan Ünlü Çağdaş Işık Ortaokulu",
      "Öğütülmüş Çiğ İğde Şöleni",
      "Proje çalışmaları",
      "İkincilik",
      "2026-2027",
      "Balıkesir Proje İzleme ve Değerlendirme Kurulu",
      "20.05.2027",
    ]);
    expect(await problems(page)).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });

  test("a revoked code says so; a forged code finds nothing", async () => {
    // Prepare
    const page = await h.newPage();
    const forged = `${codes[0]!.startsWith("Z") ? "Y" : "Z"}${codes[0]!.slice(1)}`;
    // Act
    await page.goto(`/sertifika/${codes[1]}`);
    await page.getByRole("heading", { name: "İptal edilmiş sertifika" }).waitFor();
    const revoked = await page.getByRole("status").textContent();
    const revokedFields = await page.locator(".certificate-fields").count();
    await page.goto(`/sertifika/${forged}`);
    await page.getByRole("heading", { name: "Sertifika bulunamadı" }).waitFor();
    const missing = await page.getByRole("status").textContent();
    await page.goto("/sertifika/abc");
    await page.getByRole("heading", { name: "Sertifika bulunamadı" }).waitFor();
    const malformed = await page.getByRole("status").textContent();
    // Assess
    expect(revoked).toContain("02.06.2027 tarihinde iptal edildi");
    expect(revokedFields).toBe(0);
    expect(missing).toMatch(/sertifika yok.*sahte/);
    expect(malformed).toMatch(/10 karakterlik kodu/);
    expect(await problems(page)).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
