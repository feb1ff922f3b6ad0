/**
 * `npm start`: the whole system on one machine, no AWS account. DynamoDB Local and s3rver
 * (unless AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3 point elsewhere), the API and the
 * built web app on one port, the jobs pool and the local scheduler, s3rver upload events, the
 * e-mail outbox and the demo data. Ctrl-C stops all of it, Java included. While it runs,
 * `.data/local.json` names the API, for `npm run job`.
 *
 * Environment: PORT (3000), HOST (127.0.0.1), BIGEP_DATA_DIR (.data), BIGEP_WEB_DIST,
 * BIGEP_DYNAMO_PORT (8000) and BIGEP_S3_PORT (4569): preferred ports, another is taken when busy.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type DynamoHandle, pickPort, StartupError, startDynamo } from "./dynamo";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const env = process.env;
const dataDir = resolve(root, env.BIGEP_DATA_DIR ?? ".data");
const stops: (() => unknown)[] = [];
let stopping = false;

/**
 * Stop in reverse order of start, then exit. Repeated signals are ignored (a terminal's Ctrl-C
 * can arrive twice through a wrapper); a stop that hangs is cut off after 10 s, and the exit
 * hook of DynamoDB Local still kills Java then.
 */
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code), 10_000).unref();
  if (code === 0) console.log("Kapatılıyor…");
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error(error);
    }
  }
  process.exit(code);
}

async function portFor(name: string, preferred: number): Promise<number> {
  const port = await pickPort(preferred);
  if (port !== preferred) console.log(`${name}: ${preferred} numaralı port dolu, ${port} kullanılıyor.`);
  return port;
}

/** Java boots in its own process while this one loads the rest of the code. */
async function dynamo(): Promise<DynamoHandle | undefined> {
  if (env.AWS_ENDPOINT_URL_DYNAMODB) {
    console.log(`DynamoDB: ${env.AWS_ENDPOINT_URL_DYNAMODB} (AWS_ENDPOINT_URL_DYNAMODB)`);
    return undefined;
  }
  const dir = resolve(dataDir, "dynamodb");
  const handle = await startDynamo({
    dataDir: dir,
    port: await portFor("DynamoDB Local", Number(env.BIGEP_DYNAMO_PORT ?? 8000)),
  });
  stops.unshift(handle.stop); // stopped last
  console.log(`DynamoDB Local: ${handle.endpoint} (veri: ${dir})`);
  return handle;
}

async function main() {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  env.BIGEP_STAGE ??= "local";
  env.AWS_REGION ??= "eu-central-1";
  env.AWS_ACCESS_KEY_ID ??= "S3RVER";
  env.AWS_SECRET_ACCESS_KEY ??= "S3RVER";
  env.BIGEP_OUTBOX_DIR ??= resolve(dataDir, "outbox");
  // The SDK's multi-line notice about Node < 22 would bury the start-up lines; Node 20 is known here.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

  const [
    database,
    services,
    { app },
    { seedAll, seedActivities },
    { wireBucketEvents },
    { startScheduler },
    { site },
    { startJobPool },
    core,
  ] = await Promise.all([
    dynamo(),
    import("./services"),
    import("../api/app"),
    import("./seed"),
    import("./events"),
    import("./scheduler"),
    import("./site"),
    import("./jobs"),
    Promise.all([import("@bigep/core/db"), import("@bigep/core/util/config"), import("@hono/node-server")]),
  ]);
  const [{ ensureTable }, { config, resetConfig }, { serve }] = core;
  if (database) env.AWS_ENDPOINT_URL_DYNAMODB = database.endpoint;

  let s3rver: Awaited<ReturnType<typeof services.startS3>>["server"] | undefined;
  if (env.AWS_ENDPOINT_URL_S3) {
    console.log(`S3: ${env.AWS_ENDPOINT_URL_S3} (AWS_ENDPOINT_URL_S3)`);
  } else {
    const dir = resolve(dataDir, "s3");
    const s3 = await services.startS3({
      directory: dir,
      port: await portFor("s3rver", Number(env.BIGEP_S3_PORT ?? 4569)),
    });
    stops.push(s3.stop);
    s3rver = s3.server;
    env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    env.BIGEP_S3_PUBLIC_ENDPOINT ??= s3.endpoint;
    console.log(`s3rver: ${s3.endpoint} (veri: ${dir})`);
  }
  resetConfig();

  await Promise.all([ensureTable(), services.ensureBucket()]);
  // Organisation and people before the API answers; the demo activities (photos through the
  // upload pipeline) after it is ready, so a start is healthy as soon as possible.
  await seedAll({ activities: false });

  const web = site(resolve(root, config().webDist ?? "packages/web/dist"));
  const server = serve({
    port: config().port,
    hostname: env.HOST ?? "127.0.0.1",
    fetch: (request) => {
      const path = new URL(request.url).pathname;
      return path === "/api" || path.startsWith("/api/") ? app.fetch(request) : web.fetch(request);
    },
  });
  await new Promise<void>((ready, fail) => {
    server.once("listening", ready);
    server.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "EADDRINUSE"
          ? new StartupError(`${config().port} numaralı port kullanımda; başka bir port için: PORT=3001 npm start`)
          : error,
      ),
    );
  });
  stops.push(() => new Promise((done) => server.close(done)));

  const pool = startJobPool();
  stops.push(pool.stop);
  const resumed = await pool.resume();
  if (resumed > 0) console.log(`Önceki çalıştırmadan kalan ${resumed} iş yeniden sıraya alındı.`);
  const scheduler = startScheduler();
  stops.push(scheduler.stop);
  if (s3rver) stops.push(wireBucketEvents(s3rver).stop);

  const { port } = server.address() as AddressInfo;
  const health = await fetch(`http://127.0.0.1:${port}/api/health`);
  if (!health.ok) throw new Error(`/api/health answered ${health.status}`);
  // How `npm run job` (scripts/job.ts) finds this running stack.
  const endpoints = resolve(dataDir, "local.json");
  await mkdir(dataDir, { recursive: true });
  await writeFile(endpoints, `${JSON.stringify({ api: `http://127.0.0.1:${port}`, pid: process.pid }, null, 2)}\n`);
  stops.push(() => rm(endpoints, { force: true }));
  const seconds = (performance.now() / 1000).toFixed(1);
  console.log(
    `BİGEP hazır (${seconds} sn): http://localhost:${port} — oturum açmak için /giris, e-postayla gelen kod /posta sayfasında; API belgeleri /api/docs; durdurmak için Ctrl-C.`,
  );
  // Demo activities in the background: the app is usable meanwhile; a Ctrl-C cuts them short harmlessly
  // (the next start fills in what is missing).
  seedActivities().then(
    (created) => created > 0 && console.log(`${created} örnek etkinlik (fotoğraflarıyla) eklendi.`),
    (error) => stopping || console.error("Örnek etkinlikler eklenemedi:", error),
  );
}

main().catch((error) => {
  console.error(error instanceof StartupError ? error.message : error);
  void shutdown(1);
});
