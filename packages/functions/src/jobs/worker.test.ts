import { withActor } from "@bigep/core/actor";
import { Job } from "@bigep/core/job";
import type { Context, SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { handler } from "./worker";

const record = (messageId: string, body: string) =>
  ({ messageId, body, receiptHandle: "r", attributes: {}, messageAttributes: {} }) as SQSEvent["Records"][number];

const context = {
  functionName: "bigep-test-worker",
  awsRequestId: "req-1",
  invokedFunctionArn: "arn:aws:lambda:eu-central-1:000000000000:function:bigep-test-worker",
  getRemainingTimeInMillis: () => 60_000,
} as Context;

describe("jobs worker", () => {
  it("runs a schedule's message as its job (keyed by the scheduled time) and reports only the bad message as failed", async () => {
    // Prepare: 00:30 UTC on 11 March is 03:30 in Istanbul
    const tick = JSON.stringify({ type: "sweep-uploads", params: {}, scheduledAt: "2026-03-11T00:30:00.000Z" });
    const event = { Records: [record("m1", tick), record("m2", "{not json"), record("m3", tick)] } as SQSEvent;

    // Act
    const result = await handler(event, context);
    const jobs = await withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, () =>
      Job.list({ scope: { type: "national", id: "" } }),
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "m2" }] });
    const sweeps = jobs.items.filter((j) => j.type === "sweep-uploads" && j.asOf === "2026-03-11");
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]).toMatchObject({ status: "succeeded", attempts: 1, result: { swept: 0 } });
  });
});
