/**
 * Lighthouse (mobile preset: a mid-range phone, simulated slow 4G and 4× CPU slowdown) on the
 * pages a teacher lives in: the home page, the activity list and the new-activity form, signed
 * in as the demo teacher over the demo data `npm start` seeds. Debian's Chromium is driven through
 * puppeteer-core (a dependency of Lighthouse). Budgets (issue 9): performance ≥ 90, CLS < 0.1,
 * accessibility 100.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { outbox } from "../packages/core/src/mail";
import { freePort } from "../packages/functions/src/local/dynamo";
import { seedAll } from "../packages/functions/src/local/seed";
import { info, maxResult, type Result } from "./lib/result";

const group = "lighthouse mobile";
const teacher = "ogretmen.710204@bigep.local";
/** Runs per page; the median run is reported (Lighthouse's advice for noisy machines). */
const runsPerPage = 3;
const pages = [
  { name: "home", path: "/" },
  { name: "activity list", path: "/etkinlikler" },
  { name: "activity form", path: "/etkinlikler/yeni" },
];

async function startWeb(root: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "bench/web-server.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error("web server did not start in 60 s")), 60_000);
    child.once("message", () => {
      clearTimeout(timer);
      ready();
    });
    child.once("exit", (code) => fail(new Error(`web server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

/** A score with a lower bound (Lighthouse scores: higher is better). */
function atLeast(name: string, value: number, min: number, note: string): Result {
  return {
    group,
    name,
    value,
    unit: "score",
    baseline: null,
    ratio: null,
    budget: `≥ ${min}`,
    pass: value >= min,
    note,
  };
}

/** Runs Lighthouse on each page and returns performance, CLS and accessibility per page. */
export async function lighthouseBench(root: string): Promise<Result[]> {
  // Built every run: a dist left from an older tree would measure pages that are not the ones in
  // the tree (BENCH_WEB_DIST names a build made on purpose, which is measured as it is).
  if (!process.env.BENCH_WEB_DIST) {
    const built = spawnSync("npm", ["run", "build", "-w", "@bigep/web"], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) throw new Error("web build failed");
  } else if (!existsSync(join(process.env.BENCH_WEB_DIST, "index.html"))) {
    throw new Error(`BENCH_WEB_DIST=${process.env.BENCH_WEB_DIST} holds no built web app (index.html)`);
  }
  await seedAll({ activities: true });
  const server = await startWeb(root);
  const { default: lighthouse } = await import("lighthouse");
  const puppeteer = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const results: Result[] = [];
  try {
    // Sign in inside the browser (the session lives in httpOnly cookies set by the API).
    const page = await browser.newPage();
    await page.goto(`${server.url}/giris`);
    await page.evaluate(async (email) => {
      await fetch("/api/auth/code", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email }),
      });
    }, teacher);
    const [mail] = await outbox({ to: teacher, limit: 1 });
    const code = mail?.text.match(/\b\d{6}\b/)?.[0];
    if (!code) throw new Error(`no sign-in code for ${teacher}`);
    const verified = await page.evaluate(
      async (email, code) =>
        (
          await fetch("/api/auth/verify", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email, code }),
          })
        ).status,
      teacher,
      code,
    );
    if (verified !== 200) throw new Error(`sign-in answered ${verified}`);

    const cdp = await page.createCDPSession();
    for (const { name, path } of pages) {
      // Lighthouse's own advice on variability: run several times and report the median run.
      type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];
      const runs: Lhr[] = [];
      for (let i = 0; i < runsPerPage; i++) {
        // A first visit: no cached files (the sign-in page loaded them), but the session cookies kept.
        await cdp.send("Network.clearBrowserCache");
        // Lighthouse keeps cookies (disableStorageReset) so the page opens signed in.
        const run = await lighthouse(
          `${server.url}${path}`,
          {
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility"],
            disableStorageReset: true,
          },
          undefined,
          page,
        );
        if (!run?.lhr) throw new Error(`no Lighthouse result for ${path}`);
        runs.push(run.lhr);
      }
      const performanceOf = (r: Lhr) => r.categories.performance?.score ?? 0;
      const ordered = [...runs].sort((a, b) => performanceOf(a) - performanceOf(b));
      const lhr = ordered[Math.floor(ordered.length / 2)] as Lhr;
      const all = runs.map((r) => Math.round(performanceOf(r) * 100)).join(", ");
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const cls = Number(lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN);
      const fcp = Number(lhr.audits["first-contentful-paint"]?.numericValue ?? Number.NaN);
      const lcp = Number(lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN);
      const tbt = Number(lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN);
      const bytes = Number(lhr.audits["total-byte-weight"]?.numericValue ?? Number.NaN);
      const failing = Object.values(lhr.audits)
        .filter(
          (a) => a.score !== null && a.score < 1 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id),
        )
        .map((a) => a.id);
      // What moved (CLS), so a failing figure says where to look.
      const shifts = (
        (lhr.audits["layout-shifts"]?.details as { items?: { node?: { selector?: string }; score?: number }[] })
          ?.items ?? []
      )
        .slice(0, 3)
        .map((item) => `${item.node?.selector ?? "?"} (${Number(item.score ?? 0).toFixed(3)})`);
      const where = `${path} as the demo teacher; median of ${runsPerPage} runs (performance ${all})${shifts.length ? `; shifted: ${shifts.join(", ")}` : ""}`;
      const accessibility = score("accessibility");
      results.push(
        atLeast(`${name}: performance`, score("performance"), 90, where),
        maxResult(group, `${name}: CLS`, cls, "score", 0.099, `${where}; budget < 0.1`),
        atLeast(
          `${name}: accessibility`,
          accessibility,
          100,
          failing.length > 0 ? `${where}; failing audits: ${failing.join(", ")}` : where,
        ),
        info(
          group,
          `${name}: first contentful paint`,
          fcp,
          "ms",
          null,
          `LCP ${lcp.toFixed(0)} ms, TBT ${tbt.toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KiB transferred (simulated mobile); load average ${loadavg()[0]?.toFixed(1)} (TBT counts this machine's CPU time × 4)`,
        ),
      );
    }
  } finally {
    await browser.close();
    server.process.kill("SIGTERM");
  }
  return results;
}
