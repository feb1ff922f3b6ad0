/**
 * `npm start`: the whole system on one machine, no AWS account. DynamoDB Local and s3rver
 * (unless AWS_ENDPOINT_URL_* point elsewhere), the API and the built web app on one port,
 * the local scheduler, s3rver upload events, the e-mail outbox, and the demo data.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ensureTable } from "@bigep/core/db";
import { config, resetConfig } from "@bigep/core/util/config";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { app } from "../api/app";
import { startDynamo, startS3 } from "./services";

const dataDir = resolve(process.env.BIGEP_DATA_DIR ?? ".data");

async function main() {
  process.env.BIGEP_STAGE ??= "local";
  process.env.AWS_REGION ??= "eu-central-1";
  process.env.AWS_ACCESS_KEY_ID ??= "S3RVER";
  process.env.AWS_SECRET_ACCESS_KEY ??= "S3RVER";
  process.env.BIGEP_OUTBOX_DIR ??= resolve(dataDir, "outbox");
  const stops: (() => unknown)[] = [];

  if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) {
    const dynamo = await startDynamo({ dataDir: resolve(dataDir, "dynamodb"), port: 8000 }).catch(async (error) => {
      if (String(error?.message).includes("Java")) throw error;
      return startDynamo({ dataDir: resolve(dataDir, "dynamodb") });
    });
    stops.push(dynamo.stop);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  }
  resetConfig();
  if (!process.env.AWS_ENDPOINT_URL_S3) {
    const s3 = await startS3({ directory: resolve(dataDir, "s3"), buckets: [config().bucketName], port: 4569 });
    stops.push(s3.stop);
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  }
  resetConfig();
  await ensureTable();

  const web = resolve(config().webDist ?? "packages/web/dist");
  if (existsSync(web)) {
    app.use("/*", serveStatic({ root: web }));
    app.get("*", serveStatic({ root: web, path: "index.html" }));
  }
  const server = serve({ fetch: app.fetch, port: config().port, hostname: "0.0.0.0" });
  console.log(`BİGEP çalışıyor: http://localhost:${config().port}  (API: /api, belgeler: /api/docs)`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("Kapatılıyor…");
    server.close();
    for (const stop of stops.reverse()) await stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
