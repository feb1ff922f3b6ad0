/**
 * Browser-test harness: the real API and the built web app on one free local port (as
 * `npm start` serves them), the demo data, and headless Chromium. The test's own table,
 * bucket and outbox come from test/setup.ts, which has set the environment before this runs.
 *
 *   const h = await startBrowser();
 *   await h.page.goto(`${h.baseUrl}/okullar`);
 *   …
 *   await h.close();
 */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { outbox } from "@bigep/core/mail";
import { app } from "@bigep/functions/api/app";
import { startJobPool } from "@bigep/functions/local/jobs";
import { seedAll } from "@bigep/functions/local/seed";
import { site } from "@bigep/functions/local/site";
import { serve } from "@hono/node-server";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const dist = fileURLToPath(new URL("../dist", import.meta.url));

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type Harness = {
  /** e.g. "http://127.0.0.1:41234" — API under /api, the web app everywhere else. */
  baseUrl: string;
  browser: Browser;
  /** A fresh page (own cookie jar) opened at start. */
  page: Page;
  /** Another page with its own cookie jar, e.g. for a second user. */
  newPage(): Promise<Page>;
  /** Uncaught errors thrown in any page's scripts; a test can assert it stays empty. */
  pageErrors: Error[];
  /** Signs `page` in as `email` through the real code flow (code read from the local outbox). */
  signIn(page: Page, email: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * Starts server and browser. `seed: false` skips the demo data (org, identity, … as
 * `npm start` seeds it); `activities: true` adds the demo activities `npm start` seeds (off by
 * default, so tests that count their own records start from none). Needs
 * `npm run build -w @bigep/web` first (the test script does it).
 */
export async function startBrowser(options: { seed?: boolean; activities?: boolean } = {}): Promise<Harness> {
  if (!existsSync(`${dist}/index.html`)) {
    throw new Error(`Web uygulaması derlenmemiş (${dist}); önce 'npm run build' çalıştırın (npm test bunu yapar).`);
  }
  if (options.seed !== false) await seedAll({ activities: options.activities === true });

  const web = site(dist);
  // Jobs (imports) run in this process, as under `npm start`.
  const pool = startJobPool({ retryDelayMs: 50 });
  const server = serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request) => {
      const path = new URL(request.url).pathname;
      return path === "/api" || path.startsWith("/api/") ? app.fetch(request) : web.fetch(request);
    },
  });
  await new Promise<void>((ready, fail) => {
    server.once("listening", ready);
    server.once("error", fail);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const browser = await chromium.launch({ executablePath, args: chromiumArgs }).catch((error: Error) => {
    server.close();
    pool.stop();
    throw new Error(`Chromium başlatılamadı (${executablePath}): ${error.message}`);
  });
  const contexts: BrowserContext[] = [];
  const pageErrors: Error[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: "tr-TR", timezoneId: "Europe/Istanbul" });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error));
    return page;
  };

  return {
    baseUrl,
    browser,
    page: await newPage(),
    newPage,
    pageErrors,
    async signIn(page, email) {
      const asked = await page.request.post("/api/auth/code", { data: { email } });
      if (asked.status() !== 202) throw new Error(`POST /api/auth/code → ${asked.status()}: ${await asked.text()}`);
      const [latest] = await outbox({ to: email, limit: 1 });
      const code = latest?.text.match(/kodunuz: (\d{6})/)?.[1];
      if (!code) throw new Error(`No sign-in code for ${email} in the outbox`);
      const verified = await page.request.post("/api/auth/verify", { data: { email, code } });
      if (!verified.ok()) throw new Error(`POST /api/auth/verify → ${verified.status()}: ${await verified.text()}`);
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await new Promise((done) => server.close(done));
      pool.stop();
    },
  };
}
