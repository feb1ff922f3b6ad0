/**
 * Local stand-ins for AWS: DynamoDB Local (Amazon's emulator, a Java process) and s3rver
 * (in-process). Used by `npm start` and by the test global setup.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { BucketAlreadyOwnedByYou, CreateBucketCommand, PutBucketCorsCommand } from "@aws-sdk/client-s3";
import { bucket, s3 } from "@bigep/core/system/storage";
import S3rver from "s3rver";
import { freePort } from "./dynamo";

export * from "./dynamo";

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
