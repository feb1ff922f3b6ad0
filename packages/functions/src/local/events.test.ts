import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketEventJobs } from "../jobs/registry";
import { wireBucketEvents } from "./events";
import { importHandler, type Loader } from "./lambda";
import { type S3Handle, startS3 } from "./services";

const bucket = "events-test";
let server: S3Handle;
let dir: string;
let client: S3Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bigep-events-"));
  server = await startS3({ directory: dir, buckets: [bucket, "other-bucket"] });
  client = new S3Client({
    region: "eu-central-1",
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const put = (key: string, body = "data", to = bucket) =>
  client.send(new PutObjectCommand({ Bucket: to, Key: key, Body: body }));

const jobs = [
  { name: "verify", description: "", prefix: "uploads/", entry: "verify.ts", grants: [] },
  { name: "reports", description: "", prefix: "reports/", entry: "reports.ts", grants: [] },
];

describe("s3rver upload events", () => {
  it("invoke the job whose prefix matches, with the record shaped as AWS sends it", async () => {
    // Prepare
    const seen: { entry: string; event: S3Event }[] = [];
    const load: Loader = async (entry) => async (event) => {
      seen.push({ entry, event: event as S3Event });
    };
    const events = wireBucketEvents(server.server, { bucket, jobs, load });

    // Act
    await put("uploads/school 1/photo ğ.jpg");
    await put("elsewhere/file.txt");
    await put("uploads/not-ours.jpg", "x", "other-bucket");
    await events.drain();
    events.stop();

    // Assess
    expect(seen).toHaveLength(1);
    expect(seen[0]?.entry).toBe("verify.ts");
    const record = seen[0]?.event.Records[0];
    expect(record?.eventName).toBe("ObjectCreated:Put");
    expect(record?.awsRegion).toBe("eu-central-1");
    expect(record?.s3.bucket.name).toBe(bucket);
    expect(record?.s3.object.size).toBe(4);
    expect(record?.s3.object.key).toBe("uploads/school+1/photo+%C4%9F.jpg");
    expect(decodeURIComponent(record?.s3.object.key.replaceAll("+", " ") ?? "")).toBe("uploads/school 1/photo ğ.jpg");
  });

  it("run events of one key one after another, and a failing job does not stop the next", async () => {
    // Prepare
    const log: string[] = [];
    let calls = 0;
    const load: Loader = async () => async () => {
      const call = ++calls;
      log.push(`start ${call}`);
      await new Promise((r) => setTimeout(r, 50));
      log.push(`end ${call}`);
      if (call === 1) throw new Error("first fails");
    };
    const events = wireBucketEvents(server.server, { bucket, jobs, load });

    // Act
    await put("uploads/same.jpg", "one");
    await put("uploads/same.jpg", "two");
    await events.drain();
    events.stop();

    // Assess
    expect(log).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("call the real handler module of the registry", async () => {
    // Prepare
    const calls: string[] = [];
    const load: Loader = async (entry) => {
      const handler = await importHandler(entry);
      return async (event, context) => {
        calls.push(entry);
        return handler(event, context);
      };
    };
    const events = wireBucketEvents(server.server, { bucket, jobs: bucketEventJobs, load });
    const prefix = bucketEventJobs[0]?.prefix ?? "uploads/";

    // Act
    await put(`${prefix}registry-check.bin`);
    await events.drain();
    events.stop();

    // Assess
    expect(calls).toEqual([bucketEventJobs[0]?.entry]);
  });
});
