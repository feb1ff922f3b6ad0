import { withActor } from "@bigep/core/actor";
import * as EvidenceSystem from "@bigep/core/system/evidence";
import middy from "@middy/core";
import type { Context, S3Event } from "aws-lambda";

/**
 * S3 ObjectCreated under `uploads/` → verify the evidence file (idempotent per key). An internal
 * failure throws: Lambda retries the event twice, then it goes to the function's failure
 * destination (a queue with an alarm), and the nightly sweep verifies the upload again.
 */
export const handler = middy(async (event: S3Event, context: Context) => {
  for (const record of event.Records) {
    // Keys in S3 notifications are URL-encoded, with `+` for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    await withActor({ actor: { type: "system", reason: "verify-evidence" }, requestId: context.awsRequestId }, () =>
      EvidenceSystem.verify(record.s3.bucket.name, key),
    );
  }
});
