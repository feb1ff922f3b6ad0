/**
 * Starts DynamoDB Local and s3rver once for the whole run; each test file then makes its
 * own table and bucket (test/setup.ts), so files never see each other's data.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startDynamo, startS3 } from "../packages/functions/src/local/services";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
    s3Dir: string;
  }
}

export default async function setup(project: TestProject) {
  const s3Dir = mkdtempSync(join(tmpdir(), "bigep-s3-"));
  const [dynamo, s3] = await Promise.all([startDynamo(), startS3({ directory: s3Dir, buckets: [] })]);
  project.provide("dynamoEndpoint", dynamo.endpoint);
  project.provide("s3Endpoint", s3.endpoint);
  project.provide("s3Dir", s3Dir);
  return async () => {
    dynamo.stop();
    await s3.stop();
    rmSync(s3Dir, { recursive: true, force: true });
  };
}
