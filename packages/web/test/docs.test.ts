import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

describe("API docs offline", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startBrowser({ seed: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  test("/api/docs renders the operations with every host but this one blocked", async () => {
    // Prepare: cut the network off except for the local server
    const page = await h.newPage();
    const blocked: string[] = [];
    await page.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === "127.0.0.1" || host === "localhost") return route.continue();
      blocked.push(route.request().url());
      return route.abort("internetdisconnected");
    });

    const logged: string[] = [];
    page.on("console", (message) => logged.push(message.text()));

    // Act
    await page.goto("/api/docs");

    // Assess: Swagger UI drew the operations of the OpenAPI document, nothing left the machine
    await page
      .locator(".opblock")
      .first()
      .waitFor({ timeout: 60_000 })
      .catch((error: Error) => {
        throw new Error(`${error.message}\nblocked: ${blocked.join(", ")}\nconsole: ${logged.join("\n")}`);
      });
    const summaries = await page.locator(".opblock-summary-path").allTextContents();
    expect(summaries.join(" ")).toContain("/api/health");
    expect(await page.locator(".opblock").count()).toBeGreaterThan(20);
    expect(blocked).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  }, 90_000);
});
