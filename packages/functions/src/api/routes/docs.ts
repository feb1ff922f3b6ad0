/**
 * The API documentation page: Swagger UI with its script and stylesheet served from the
 * `swagger-ui-dist` npm package on this same origin, so `/api/docs` works where no CDN is
 * reachable (these machines, many school networks).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { config } from "@bigep/core/util/config";
import { swaggerUI } from "@hono/swagger-ui";
import { Hono } from "hono";
import type { Env } from "../lib";

/** Where @hono/swagger-ui looks for `swagger-ui-dist/<file>`. */
const assetBase = "/api/docs/assets";

/** The only files the page loads; nothing else of the package is served. */
const assets: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

/** The package's folder: resolved from node_modules, or `swagger-ui-dist/` beside a deployed bundle. */
function packageDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  } catch {
    return join(config().codeRoot, "swagger-ui-dist");
  }
}

const cache = new Map<string, Promise<Buffer>>();

export const docs = new Hono<Env>()
  .get("/", swaggerUI({ url: "/api/openapi.json", baseUrl: assetBase }))
  .get("/assets/swagger-ui-dist/:file", async (c) => {
    const file = c.req.param("file");
    const type = assets[file];
    if (!type) return c.notFound();
    let body = cache.get(file);
    if (!body) {
      body = readFile(join(packageDir(), file));
      cache.set(file, body);
      body.catch(() => cache.delete(file));
    }
    return c.body(new Uint8Array(await body), 200, {
      "content-type": type,
      "cache-control": "public, max-age=86400",
    });
  });
