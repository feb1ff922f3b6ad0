import { withActor } from "@bigep/core/actor";
import * as EvidenceSystem from "@bigep/core/system/evidence";
import { log } from "@bigep/core/util/log";
import middy from "@middy/core";
import type { Context } from "aws-lambda";

/**
 * Daily: pending evidence whose upload arrived is verified again (its verification failed or
 * never ran); one whose upload never arrived becomes `rejected`. Uploads that still fail to
 * verify are left in place and make the run fail, so the job's retries and alarm see it.
 */
export const handler = middy(async (_event: unknown, context: Context) => {
  const result = await withActor(
    { actor: { type: "system", reason: "sweep-uploads" }, requestId: context.awsRequestId },
    () => EvidenceSystem.sweep(),
  );
  log().info("upload sweep", { ...result });
  if (result.failed > 0) throw new Error(`upload sweep: ${result.failed} verification(s) failed again`);
  return result;
});
