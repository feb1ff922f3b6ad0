/**
 * The web app and the API on one local port, for the Lighthouse pages: the same Hono app and the
 * same built files `npm start` serves, in its own process (Lighthouse's own work must not share
 * the server's event loop). Responses are compressed, as CloudFront compresses them in AWS
 * (infra/site.ts: the default `compress: true` with CACHING_OPTIMIZED), so the transfer sizes
 * Lighthouse simulates on a phone connection are the deployed ones.
 */
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { app } from "../packages/functions/src/api/app";
import { site } from "../packages/functions/src/local/site";

// BENCH_WEB_DIST: another build of the web app (e.g. while browser tests use packages/web/dist).
const dist = process.env.BENCH_WEB_DIST ?? fileURLToPath(new URL("../packages/web/dist", import.meta.url));
const port = Number(process.env.PORT);
const web = site(dist);
const root = new Hono();
root.use("*", compress());
root.all("*", (c) => {
  const path = new URL(c.req.url).pathname;
  return path === "/api" || path.startsWith("/api/") ? app.fetch(c.req.raw) : web.fetch(c.req.raw);
});
const server = serve({ port, hostname: "127.0.0.1", fetch: root.fetch });
server.once("listening", () => process.send?.("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
