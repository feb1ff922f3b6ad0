/** Object storage: the S3 client (real SDK; s3rver locally). */
import { S3Client } from "@aws-sdk/client-s3";
import { config } from "../util/config";

let client: S3Client | undefined;
let clientKey: string | undefined;

/** The shared S3 client. Path-style and checksums only when required: s3rver needs both. */
export function s3(): S3Client {
  const c = config();
  const key = `${c.region}|${c.s3Endpoint ?? ""}`;
  if (!client || clientKey !== key) {
    client = new S3Client({
      region: c.region,
      ...(c.s3Endpoint ? { endpoint: c.s3Endpoint, forcePathStyle: true } : {}),
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    clientKey = key;
  }
  return client;
}

/** The bucket for evidence and generated reports. */
export function bucket(): string {
  return config().bucketName;
}
