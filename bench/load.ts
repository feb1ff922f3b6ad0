/**
 * `npm run load`: 50 signed-in clients for 60 s against the API on a local port (its own process,
 * the app `npm start` serves), on a seeded province (bench/seed.ts, quick scale), with the bench's
 * realistic mix: reads (activity, school page, district queue) and writes (create, edit with
 * If-Match, upload start). Passes when there is no 5xx, no network error and every acknowledged
 * write is found in the table afterwards. Not part of `npm test`. `--seconds N` and `--clients N`
 * change the run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load, startServer } from "./api";
import { quickScale, seedProvince } from "./seed";

const root = fileURLToPath(new URL("../", import.meta.url));
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const settings = { loadSeconds: arg("seconds", 60), clients: arg("clients", 50) };

const env = process.env;
env.BIGEP_STAGE = "test";
env.BIGEP_LOG_LEVEL = "SILENT";
env.AWS_REGION = "eu-central-1";
env.AWS_ACCESS_KEY_ID = "S3RVER";
env.AWS_SECRET_ACCESS_KEY = "S3RVER";
env.BIGEP_TABLE = "load";
env.BIGEP_BUCKET = "load";
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

async function main(): Promise<number> {
  const { startDynamo, startS3, ensureBucket } = await import("../packages/functions/src/local/services");
  const { ensureTable } = await import("../packages/core/src/db");
  const { resetConfig } = await import("../packages/core/src/util/config");
  const s3Dir = mkdtempSync(join(tmpdir(), "bigep-load-s3-"));
  env.BIGEP_OUTBOX_DIR = mkdtempSync(join(tmpdir(), "bigep-load-outbox-"));
  const [dynamo, s3] = await Promise.all([startDynamo(), startS3({ directory: s3Dir })]);
  try {
    env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    env.BIGEP_S3_PUBLIC_ENDPOINT = s3.endpoint;
    resetConfig();
    await Promise.all([ensureTable(), ensureBucket()]);
    console.log("seeding…");
    const seeded = await seedProvince(quickScale);
    const server = await startServer(root);
    try {
      console.log(`load: ${settings.clients} clients for ${settings.loadSeconds} s…`);
      const results = await load(server.url, seeded, settings);
      for (const r of results) {
        console.log(`${r.pass ? "ok  " : "FAIL"} ${r.name}: ${r.value} ${r.unit} ${r.note ?? ""}`);
      }
      return results.some((r) => !r.pass) ? 1 : 0;
    } finally {
      server.process.kill("SIGTERM");
    }
  } finally {
    await s3.stop();
    await dynamo.stop();
    rmSync(s3Dir, { recursive: true, force: true });
    rmSync(env.BIGEP_OUTBOX_DIR, { recursive: true, force: true });
  }
}

process.exitCode = await main();
