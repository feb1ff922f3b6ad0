import middy from "@middy/core";
import type { S3Event } from "aws-lambda";

/** S3 ObjectCreated → verify the evidence file. Filled in by the activities work. */
export const handler = middy(async (_event: S3Event) => {
  // placeholder until the evidence domain exists
});
