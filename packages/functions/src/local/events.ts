/**
 * The local stand-in for S3 event notifications: s3rver's `event` (an S3Event-shaped object)
 * for an ObjectCreated in our bucket invokes each bucket-event job whose prefix matches the
 * key, with the record reshaped as AWS sends it. Events of one key run one after another.
 */
import type { EventEmitter } from "node:events";
import { config } from "@bigep/core/util/config";
import type { S3Event, S3EventRecord } from "aws-lambda";
import { type BucketEventJob, bucketEventJobs } from "../jobs/registry";
import { importHandler, invoke, type Loader } from "./lambda";

/** Object keys in S3 notifications are URL-encoded with `+` for spaces; s3rver sends them raw. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replaceAll("%2F", "/").replaceAll("%20", "+");
}

/** Wire `server`'s upload events to the jobs; `drain()` waits for the running ones. */
export function wireBucketEvents(
  server: EventEmitter,
  options: { bucket?: string; jobs?: BucketEventJob[]; load?: Loader } = {},
) {
  const { jobs = bucketEventJobs, load = importHandler } = options;
  const bucket = options.bucket ?? config().bucketName;
  const queues = new Map<string, Promise<unknown>>();

  const enqueue = (key: string, task: () => Promise<unknown>) => {
    const next = (queues.get(key) ?? Promise.resolve()).then(task);
    queues.set(key, next);
    void next.finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  };

  const onEvent = (event: S3Event) => {
    for (const record of event.Records ?? []) {
      const key = record.s3.object.key;
      if (!record.eventName.startsWith("ObjectCreated") || record.s3.bucket.name !== bucket) continue;
      const aws: S3EventRecord = {
        ...record,
        awsRegion: config().region,
        s3: {
          ...record.s3,
          bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${bucket}` },
          object: { ...record.s3.object, key: encodeEventKey(key) },
        },
      };
      for (const job of jobs) {
        if (key.startsWith(job.prefix)) enqueue(key, () => invoke(job.name, job.entry, { Records: [aws] }, load));
      }
    }
  };

  server.on("event", onEvent);
  return {
    drain: async () => {
      while (queues.size > 0) await Promise.all(queues.values());
    },
    stop: () => {
      server.off("event", onEvent);
    },
  };
}
