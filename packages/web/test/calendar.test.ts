import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

describe("calendar page and notification preferences", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser();
  });
  afterAll(async () => {
    await h?.close();
  });

  test("the province officer moves the award ceremony and the calendar keeps the new date", async () => {
    // Prepare
    const page = await h.newPage();
    await h.signIn(page, "il@bigep.local");
    await page.goto("/takvim?program=bigep&yil=2026-2027&il=10");
    const ceremony = page.getByLabel("Ödül töreni son gün");
    await ceremony.waitFor();
    // Act
    await page.getByLabel("Ödül töreni başlangıç").fill("2027-06-14");
    await ceremony.fill("2027-06-14");
    await page.getByRole("button", { name: "Takvimi kaydet" }).click();
    // Assess
    await page.getByRole("status").filter({ hasText: "Takvim kaydedildi." }).waitFor();
    await page.reload();
    await page.getByLabel("Ödül töreni son gün").waitFor();
    expect(await page.getByLabel("Ödül töreni son gün").inputValue()).toBe("2027-06-14");
    expect(h.pageErrors).toEqual([]);
  });

  test("a teacher sees the calendar read-only and turns the digest off in their preferences", async () => {
    // Prepare
    const page = await h.newPage();
    await h.signIn(page, "ogretmen.710204@bigep.local");
    await page.goto("/takvim?program=okul-ortakligi&yil=2022-2023");
    await page.getByRole("cell", { name: /Ortak okul koordinatörlerinin/ }).waitFor();
    expect(await page.getByRole("button", { name: "Takvimi kaydet" }).count()).toBe(0);
    await page.goto("/bildirimler");
    const digest = page.getByLabel(/günlük özet e-postası al/);
    await digest.waitFor();
    expect(await digest.isChecked()).toBe(true);
    // Act
    await digest.uncheck();
    await page.getByRole("status").filter({ hasText: "Tercihleriniz kaydedildi." }).waitFor();
    await page.reload();
    // Assess
    await page.getByLabel(/günlük özet e-postası al/).waitFor();
    expect(await page.getByLabel(/günlük özet e-postası al/).isChecked()).toBe(false);
    expect(await page.getByText("/api/calendar/feed/").count()).toBe(1);
    expect(h.pageErrors).toEqual([]);
  });
});
