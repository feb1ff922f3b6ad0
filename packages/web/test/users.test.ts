/** The Users page in a real browser: a principal deactivates a teacher of their school and reactivates them. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

describe("users page", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser();
  });
  afterAll(async () => {
    await h?.close();
  });

  test("a principal reactivates a deactivated teacher with the Etkinleştir button", async () => {
    // Prepare: a teacher invited into the principal's school
    const page = await h.newPage();
    await h.signIn(page, "mudur.710204@bigep.local");
    const invited = await page.request.post("/api/users/invite", {
      data: {
        email: "geri.donen@bigep.local",
        name: "Gül Geridönen",
        role: "teacher",
        scope: { type: "school", id: "710204" },
      },
    });
    expect(invited.status()).toBe(202);
    await page.goto("/kullanicilar");
    const row = page.getByRole("row").filter({ hasText: "Gül Geridönen" });
    await row.getByRole("button", { name: "Pasifleştir" }).click();
    // The question is a modal dialog in Turkish; the keyboard stays inside it
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Gül Geridönen adlı kişinin hesabı pasifleştirilsin mi?");
    const focusInside = () => page.evaluate(() => !!document.activeElement?.closest("dialog"));
    expect(await focusInside()).toBe(true);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      expect(await focusInside()).toBe(true);
    }
    await page.keyboard.press("Shift+Tab");
    expect(await focusInside()).toBe(true);
    await dialog.getByRole("button", { name: "Pasifleştir" }).click();
    await row.locator("td.status-inactive").waitFor();
    expect(await dialog.count()).toBe(0);

    // Act
    await row.getByRole("button", { name: "Etkinleştir" }).click();

    // Assess
    await expect.poll(() => page.getByRole("status").textContent()).toContain("yeniden etkinleştirildi");
    await row.locator("td.status-active").waitFor();
    expect(await row.getByRole("button", { name: "Pasifleştir" }).count()).toBe(1);
    expect(await row.getByRole("button", { name: "Etkinleştir" }).count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });
});
