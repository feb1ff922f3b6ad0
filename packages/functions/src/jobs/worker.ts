/**
 * The jobs worker: SQS-triggered, one message per job run. A message is `{"jobId": …}` (the API
 * started a job) or `{"type", "params", "scheduledAt"}` (an EventBridge schedule; the job is
 * created idempotently, keyed by type + scheduled time). A failed attempt with attempts left is
 * reported as a batch item failure, so SQS delivers it again after the visibility timeout and the
 * job resumes from its checkpoint; messages that keep failing end in the dead-letter queue.
 */

import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import { withActor } from "@bigep/core/actor";
import { Job, Message } from "@bigep/core/job";
import { workerJobTypes } from "@bigep/core/system/job";
import { log } from "@bigep/core/util/log";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";

const metrics = new Metrics({ namespace: "bigep", serviceName: "jobs" });

export const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      const message = Message.parse(JSON.parse(record.body));
      const reason = "jobId" in message ? `job ${message.jobId}` : `schedule ${message.type}`;
      const outcome = await withActor({ actor: { type: "system", reason }, requestId: context.awsRequestId }, () =>
        Job.system.process(message, workerJobTypes),
      );
      if (outcome.status === "failed") metrics.addMetric("JobFailed", MetricUnit.Count, 1);
      if (outcome.status === "succeeded") metrics.addMetric("JobSucceeded", MetricUnit.Count, 1);
      if (outcome.status === "retry") batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      log().error("job message failed", { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
})
  .use(injectLambdaContext(log()))
  .use(logMetrics(metrics));
