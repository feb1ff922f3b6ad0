import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { site } from "./site";

const dist = mkdtempSync(join(tmpdir(), "bigep-dist-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe("local web site", () => {
  it("says how to build the app while there is no build", async () => {
    // Act
    const res = await site(join(dist, "missing")).request("/");

    // Assess
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("npm run build");
  });

  it("serves files, index.html for client routes, and 404 for missing files", async () => {
    // Prepare
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>BİGEP</title>");
    writeFileSync(join(dist, "assets", "app-1234.js"), "console.log(1)");
    const web = site(dist);

    // Act
    const asset = await web.request("/assets/app-1234.js");
    const route = await web.request("/okullar/10-altieylul");
    const missing = await web.request("/assets/gone.js");

    // Assess
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(await asset.text()).toBe("console.log(1)");
    expect(route.status).toBe(200);
    expect(route.headers.get("cache-control")).toBe("no-cache");
    expect(await route.text()).toContain("<title>BİGEP</title>");
    expect(missing.status).toBe(404);
  });
});
