/**
 * `npm run seed -- --province-scale`: fill the local data (.data/, what `npm start` uses) with a
 * province: 20 districts, 1,500 schools, 15,000 people, 100,000 activities with evidence
 * metadata (bench/seed.ts). Without the flag, the same shape at 1/20. The demo organisation and
 * demo users are seeded too. Runs once: a second run finds the seeded people and stops.
 *
 * With `npm start` running, point this at its DynamoDB: AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000
 * (the port `npm start` printed). Otherwise this starts DynamoDB Local on .data/dynamodb itself.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { provinceScale, quickScale, seedProvince, verify } from "../bench/seed";
import { withActor } from "../packages/core/src/actor";
import { ensureTable } from "../packages/core/src/db";
import { User } from "../packages/core/src/identity";
import { resetConfig } from "../packages/core/src/util/config";
import { type DynamoHandle, StartupError, startDynamo } from "../packages/functions/src/local/dynamo";
import { seedAll } from "../packages/functions/src/local/seed";

const root = fileURLToPath(new URL("../", import.meta.url));
const env = process.env;
env.BIGEP_STAGE ??= "local";
env.AWS_REGION ??= "eu-central-1";
env.AWS_ACCESS_KEY_ID ??= "S3RVER";
env.AWS_SECRET_ACCESS_KEY ??= "S3RVER";
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
env.BIGEP_LOG_LEVEL ??= "WARN";

async function main(): Promise<void> {
  const scale = process.argv.includes("--province-scale") ? provinceScale : quickScale;
  let database: DynamoHandle | undefined;
  if (!env.AWS_ENDPOINT_URL_DYNAMODB) {
    // A bulk load: the JVM tuned for throughput rather than a quick start.
    database = await startDynamo({
      dataDir: resolve(root, env.BIGEP_DATA_DIR ?? ".data", "dynamodb"),
      jvm: "throughput",
    });
    env.AWS_ENDPOINT_URL_DYNAMODB = database.endpoint;
  }
  try {
    resetConfig();
    await ensureTable();
    // Organisation and demo people only: the demo activities go through the upload pipeline (S3),
    // which this script does not start; `npm start` adds them once it is up.
    await seedAll({ activities: false });
    const done = await withActor({ actor: { type: "system", reason: "seed" }, requestId: "seed" }, () =>
      User.byEmail("kisi1@bench.meb.gov.tr"),
    );
    if (done) {
      console.log("Büyük veri zaten yüklü (kisi1@bench.meb.gov.tr var); hiçbir şey yazılmadı.");
      return;
    }
    console.log(
      `Yükleniyor: ${scale.districts} ilçe, ${scale.schools} okul, ${scale.users} kişi, ${scale.activities} etkinlik…`,
    );
    const seeded = await seedProvince(scale);
    const checks = await verify(seeded);
    console.log(
      `${seeded.items} kayıt ${(seeded.ms / 1000).toFixed(1)} sn'de yazıldı; okuma denetimi: ${checks.length} kontrol geçti.`,
    );
  } finally {
    await database?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof StartupError ? error.message : error);
  process.exit(1);
});
