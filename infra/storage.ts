import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";

/**
 * Key layout of the evidence bucket (a contract with core's storage code):
 * - `uploads/`  raw browser uploads (presigned POST). Temporary: the verify job copies each
 *   accepted file to `evidence/` and deletes the raw one; the lifecycle rule removes leftovers
 *   after 10 days (the nightly sweep re-verifies arrived uploads for 7).
 * - `evidence/` verified evidence, kept for as long as the activity exists.
 * - `thumbnails/` small previews of verified photos.
 * - `reports/`  generated reports (compiled yearly or on demand).
 */
export const keys = {
  uploads: "uploads/",
  evidence: "evidence/",
  thumbnails: "thumbnails/",
  reports: "reports/",
} as const;

export type StorageProps = {
  /** Fixed name, so functions can reference the bucket without depending on it (see platform.ts). */
  bucketName: string;
  protect: boolean;
  /** Origins allowed to upload from the browser (the site's https origin[s]). */
  corsOrigins: string[];
};

/** The evidence and reports bucket. */
export function createBucket(scope: Construct, props: StorageProps): s3.Bucket {
  return new s3.Bucket(scope, "Bucket", {
    bucketName: props.bucketName,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: true,
    cors: [
      {
        allowedOrigins: props.corsOrigins,
        allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.PUT, s3.HttpMethods.GET],
        allowedHeaders: ["*"],
        exposedHeaders: ["ETag"],
        maxAge: 3600,
      },
    ],
    lifecycleRules: [
      {
        id: "housekeeping",
        abortIncompleteMultipartUploadAfter: Duration.days(1),
        noncurrentVersionExpiration: Duration.days(30),
        expiredObjectDeleteMarker: true,
      },
      {
        // Raw uploads are temporary: verified evidence has been copied to evidence/ by then. Kept
        // past the sweep's 7-day look-back, so an upload whose verification keeps failing for an
        // internal reason is still there when the sweep retries it.
        id: "raw-uploads",
        prefix: keys.uploads,
        expiration: Duration.days(10),
        noncurrentVersionExpiration: Duration.days(1),
      },
    ],
    removalPolicy: props.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !props.protect,
  });
}
