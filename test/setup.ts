/** Per test file: its own table, bucket and outbox against the shared local stand-ins. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, PutBucketCorsCommand } from "@aws-sdk/client-s3";
import { inject } from "vitest";
import { ensureTable } from "../packages/core/src/db";
import { s3 } from "../packages/core/src/storage/system";
import { resetConfig } from "../packages/core/src/util/config";

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
process.env.BIGEP_STAGE = "test";
process.env.BIGEP_LOG_LEVEL = "SILENT";
process.env.AWS_REGION = "eu-central-1";
process.env.AWS_ACCESS_KEY_ID = "S3RVER";
process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
process.env.AWS_ENDPOINT_URL_DYNAMODB = inject("dynamoEndpoint");
process.env.AWS_ENDPOINT_URL_S3 = inject("s3Endpoint");
process.env.BIGEP_TABLE = `test-${suffix}`;
process.env.BIGEP_BUCKET = `test-${suffix}`;
process.env.BIGEP_OUTBOX_DIR = mkdtempSync(join(tmpdir(), "bigep-outbox-"));
resetConfig();

await ensureTable();
await s3().send(new CreateBucketCommand({ Bucket: process.env.BIGEP_BUCKET }));
await s3().send(
  new PutBucketCorsCommand({
    Bucket: process.env.BIGEP_BUCKET,
    CORSConfiguration: {
      CORSRules: [
        {
          AllowedOrigins: ["*"],
          AllowedMethods: ["GET", "POST", "PUT"],
          AllowedHeaders: ["*"],
          ExposeHeaders: ["ETag"],
        },
      ],
    },
  }),
);
