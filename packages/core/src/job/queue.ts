/**
 * The jobs queue port. In AWS the adapter sends to SQS (`BIGEP_JOB_QUEUE_URL`; the worker
 * Lambda consumes it, failures end in its dead-letter queue); locally the runtime installs a
 * bounded in-process pool (packages/functions/src/local/jobs.ts). Tests install their own.
 */
import * as z from "zod";
import { config } from "../util/config";
import { log } from "../util/log";

/** What travels on the queue: a job to run, or a schedule's tick (EventBridge Scheduler's input). */
export const Message = z.union([
  z.object({ jobId: z.string().max(64) }),
  z.object({
    type: z.string().max(64),
    params: z.record(z.string(), z.unknown()).optional(),
    scheduledAt: z.iso.datetime({ offset: true }),
  }),
]);
export type Message = z.infer<typeof Message>;

export interface Queue {
  send(message: Message): Promise<void>;
}

let installed: Queue | undefined;

/** Install the queue (local runtime, tests); returns a function that removes it. */
export function useQueue(queue: Queue): () => void {
  installed = queue;
  return () => {
    if (installed === queue) installed = undefined;
  };
}

/** The current queue: the installed one, SQS when configured, otherwise none (jobs stay queued). */
export function queue(): Queue {
  if (installed) return installed;
  const url = config().jobQueueUrl;
  if (url) {
    installed = sqs(url);
    return installed;
  }
  return {
    send: async (message) => {
      log().warn("job queue not configured; the job stays queued", { message });
    },
  };
}

/** SQS adapter; the SDK client loads on first send, so functions that never enqueue do not pay for it. */
function sqs(url: string): Queue {
  let client: Promise<{ send(message: Message): Promise<unknown> }> | undefined;
  return {
    send: async (message) => {
      client ??= import("@aws-sdk/client-sqs").then(({ SQSClient, SendMessageCommand }) => {
        const sdk = new SQSClient({ region: config().region });
        return {
          send: (body: Message) =>
            sdk.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(body) })),
        };
      });
      await (await client).send(message);
    },
  };
}
