import { withActor } from "@bigep/core/actor";
import { Evidence } from "@bigep/core/evidence";
import { log } from "@bigep/core/util/log";
import middy from "@middy/core";
import type { Context } from "aws-lambda";

/** Daily: evidence whose upload never arrived becomes `rejected` (and any late object is deleted). */
export const handler = middy(async (_event: unknown, context: Context) => {
  const swept = await withActor(
    { actor: { type: "system", reason: "sweep-uploads" }, requestId: context.awsRequestId },
    () => Evidence.sweep(),
  );
  log().info("upload sweep", { swept });
  return { swept };
});
