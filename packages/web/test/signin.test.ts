import { outbox } from "@bigep/core/mail";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { userWith } from "../../../test/helpers/auth";
import { type Harness, startBrowser } from "./browser";

describe("sign-in page", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser({ seed: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  test("signs in with the code from the local outbox panel, returns to the page, and signs out", async () => {
    // Prepare
    const user = await userWith([], { name: "Ayşe Yılmaz" });
    const page = await h.newPage();
    await page.goto("/giris?next=%2Fokullar");
    await page.getByLabel("E-posta adresi").fill(user.email);

    // Act
    await page.getByRole("button", { name: "Kod gönder" }).click();
    const panel = page.getByRole("region", { name: "Yerel posta kutusu" });
    await expect.poll(() => panel.locator("pre").first().textContent(), { timeout: 10_000 }).toMatch(/\d{6}/);
    const code = ((await panel.locator("pre").first().textContent()) ?? "").match(/\b\d{6}\b/)?.[0] ?? "";
    await page.getByLabel("Giriş kodu").fill(code);
    await page.getByRole("button", { name: "Oturum aç", exact: true }).click();

    // Assess
    await page.waitForURL("**/okullar");
    await expect.poll(() => page.locator(".site-header .name").textContent()).toBe("Ayşe Yılmaz");
    await page.reload();
    await expect.poll(() => page.locator(".site-header .name").textContent()).toBe("Ayşe Yılmaz");
    await page.getByRole("button", { name: "Çıkış" }).click();
    await page.getByRole("banner").getByRole("link", { name: "Oturum aç" }).waitFor();
    await page.reload();
    await page.getByRole("banner").getByRole("link", { name: "Oturum aç" }).waitFor();
    expect(await page.locator(".site-header .name").count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  test("a wrong code shows the server's Turkish message", async () => {
    // Prepare
    const user = await userWith([]);
    const page = await h.newPage();
    await page.goto("/giris");
    await page.getByLabel("E-posta adresi").fill(user.email);
    await page.getByRole("button", { name: "Kod gönder" }).click();
    await page.getByLabel("Giriş kodu").waitFor();
    const [sent] = await outbox({ to: user.email, limit: 1 });
    const right = sent?.text.match(/\b\d{6}\b/)?.[0] ?? "000000";
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");

    // Act
    await page.getByLabel("Giriş kodu").fill(wrong);
    await page.getByRole("button", { name: "Oturum aç", exact: true }).click();

    // Assess
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(5);
    expect(new URL(page.url()).pathname).toBe("/giris");
  });

  test("the harness signIn helper gives a page a session", async () => {
    // Prepare
    const user = await userWith([], { name: "Mehmet Demir" });
    const page = await h.newPage();

    // Act
    await h.signIn(page, user.email);
    await page.goto("/");

    // Assess
    await expect.poll(() => page.locator(".site-header .name").textContent()).toBe("Mehmet Demir");
  });
});
