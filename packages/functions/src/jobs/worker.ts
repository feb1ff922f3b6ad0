/**
 * The job worker (minimal version of branch wave/8b; the job model's worker replaces it at
 * merge). One SQS message = one job `{ type, params, scheduledAt }`; a failed job is reported
 * as a batch item failure, so SQS retries it and, after the queue's maxReceiveCount, moves it to
 * the dead-letter queue. Every failure logs a `job.failed` line (the stack's alarm counts them).
 */
import { log } from "@bigep/core/util/log";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { handler as sweepUploads } from "./sweep-uploads";

type Runner = (params: Record<string, unknown>, context: Context) => Promise<unknown>;

const runners: Record<string, Runner> = {
  "sweep-uploads": (_params, context) => sweepUploads({}, context),
};

export const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      const job = JSON.parse(record.body) as { type?: string; params?: Record<string, unknown>; scheduledAt?: string };
      const run = job.type ? runners[job.type] : undefined;
      if (!run) throw new Error(`unknown job type ${String(job.type)}`);
      await run(job.params ?? {}, context);
      log().info("job.done", { type: job.type, scheduledAt: job.scheduledAt });
    } catch (error) {
      log().error("job.failed", { messageId: record.messageId, error: String(error) });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});
