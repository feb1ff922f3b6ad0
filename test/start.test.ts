/**
 * `npm start` end to end: the real start script in a child process with its own data dir and
 * ports, from launch to a healthy API, the web app, demo data, the outbox, and a clean Ctrl-C.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../packages/functions/src/local/services";

const root = resolve(import.meta.dirname, "..");
const script = "packages/functions/src/local/start.ts";
const webBuilt = existsSync(join(root, "packages/web/dist/index.html"));

/** The parent's environment without the test harness's BIGEP_* and AWS_* settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BIGEP_|AWS_|PORT$)/.test(k)));
  return { ...env, BIGEP_LOG_LEVEL: "WARN", ...extra };
}

type Run = { child: ChildProcess; output: () => string; errors: () => string; exit: Promise<number | null> };

function launch(env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, env, stdio: "pipe" });
  let output = "";
  let errors = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
    errors += chunk;
  });
  const exit = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => output, errors: () => errors, exit };
}

/** Java processes of DynamoDB Local whose command line names `dir`. */
function javaProcessesFor(dir: string): string[] {
  const ps = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return ps.split("\n").filter((line) => line.includes("DynamoDBLocal") && line.includes(dir));
}

const dataDir = mkdtempSync(join(tmpdir(), "bigep-start-"));
let run: Run | undefined;

afterAll(() => {
  if (run && run.child.exitCode === null) run.child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("is healthy within 60 s, serves the web app and the demo data, and stops cleanly on Ctrl-C", async () => {
    // Prepare
    const [port, dynamoPort, s3Port] = await Promise.all([freePort(), freePort(), freePort()]);
    const base = `http://127.0.0.1:${port}`;

    // Act: launch and wait for /api/health
    const started = performance.now();
    run = launch(
      cleanEnv({
        PORT: String(port),
        BIGEP_DATA_DIR: dataDir,
        BIGEP_DYNAMO_PORT: String(dynamoPort),
        BIGEP_S3_PORT: String(s3Port),
      }),
    );
    let healthy = false;
    while (!healthy && performance.now() - started < 60_000 && run.child.exitCode === null) {
      healthy = await fetch(`${base}/api/health`).then(
        (res) => res.ok,
        () => false,
      );
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`npm start → /api/health 200 in ${seconds.toFixed(1)} s`);

    // Assess: healthy in time
    expect(healthy, run.output()).toBe(true);
    expect(seconds).toBeLessThan(60);
    // The ready line follows the script's own health check, so it may trail ours a little.
    const readyBy = performance.now() + 10_000;
    while (!run.output().includes(`http://localhost:${port}`) && performance.now() < readyBy) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run.output()).toContain(`http://localhost:${port}`);

    // Assess: the web app (or, unbuilt, the page that says how to build it)
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    if (webBuilt) expect(html).toMatch(/<script[^>]+type="module"/);
    else expect(html).toContain("npm run build");
    const deepLink = await fetch(`${base}/okullar/10-altieylul`);
    expect(await deepLink.text()).toBe(html);

    // Assess: demo schools of a Balıkesir district
    const schools = await fetch(`${base}/api/districts/10-altieylul/schools`);
    expect(schools.status).toBe(200);
    const body = (await schools.json()) as { items: { name: string }[] };
    expect(body.items.length).toBeGreaterThan(0);

    // Assess: the local outbox and unknown API paths
    const outbox = await fetch(`${base}/api/dev/outbox`);
    expect(outbox.status).toBe(200);
    expect(await outbox.json()).toMatchObject({ items: expect.any(Array) });
    expect((await fetch(`${base}/api/no-such-thing`)).status).toBe(404);
    expect(javaProcessesFor(dataDir)).toHaveLength(1);

    // Act: Ctrl-C
    run.child.kill("SIGINT");
    const code = await run.exit;

    // Assess: exit 0, no Java left behind
    expect(code, run.output()).toBe(0);
    expect(javaProcessesFor(dataDir)).toEqual([]);
  }, 90_000);

  it("leaves no Java behind when the parent is killed outright", async () => {
    // Prepare: a parent that starts DynamoDB Local on its own data dir
    const dir = join(dataDir, "crash");
    const module = pathToFileURL(join(root, "packages/functions/src/local/dynamo.ts")).href;
    const code = `const { startDynamo } = await import(${JSON.stringify(module)});
      const db = await startDynamo({ dataDir: ${JSON.stringify(dir)} }); console.log("ready", db.pid);`;
    const parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      cwd: root,
      env: cleanEnv({}),
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((ready, fail) => {
      parent.stdout?.on("data", (chunk) => String(chunk).includes("ready") && ready());
      parent.once("exit", () => fail(new Error("parent exited before DynamoDB Local was ready")));
    });
    expect(javaProcessesFor(dir)).toHaveLength(1);

    // Act
    parent.kill("SIGKILL");
    const deadline = Date.now() + 10_000;
    while (javaProcessesFor(dir).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));

    // Assess
    expect(javaProcessesFor(dir)).toEqual([]);
  }, 60_000);

  it("says in one sentence that Java is missing, without a stack trace", async () => {
    // Prepare: a PATH without java
    const emptyBin = mkdtempSync(join(tmpdir(), "bigep-nojava-"));
    const port = await freePort();

    // Act
    const noJava = launch(cleanEnv({ PATH: emptyBin, PORT: String(port), BIGEP_DATA_DIR: join(dataDir, "nojava") }));
    const code = await noJava.exit;

    // Assess
    rmSync(emptyBin, { recursive: true, force: true });
    expect(code).toBe(1);
    const lines = noJava.errors().trim().split("\n");
    expect(lines, noJava.output()).toHaveLength(1);
    expect(lines[0]).toMatch(/^Java bulunamadı \/ Java not found: .*Java 17/);
  }, 60_000);
});
