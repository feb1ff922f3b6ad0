import { withActor } from "@bigep/core/actor";
import { suppress } from "@bigep/core/system/reminder";
import middy from "@middy/core";
import type { Context, SNSEvent } from "aws-lambda";

/**
 * SES v2 configuration-set events (and identity notifications) arrive through SNS: a permanent
 * bounce or a complaint puts the address on the suppression list, and no more mail goes to it.
 * Transient bounces (mailbox full, greylisting) do not: the outbox retries those. Idempotent (a
 * put by address), so SNS redelivery is harmless; a malformed message is logged and skipped.
 */
type SesEvent = {
  eventType?: string;
  notificationType?: string;
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: { emailAddress?: string }[] };
  complaint?: { complaintFeedbackType?: string; complainedRecipients?: { emailAddress?: string }[] };
};

export const handler = middy(async (event: SNSEvent, context: Context) => {
  let suppressed = 0;
  for (const record of event.Records) {
    let body: SesEvent;
    try {
      body = JSON.parse(record.Sns.Message) as SesEvent;
    } catch {
      console.warn(JSON.stringify({ message: "ses event: not JSON", messageId: record.Sns.MessageId }));
      continue;
    }
    const kind = body.eventType ?? body.notificationType;
    const targets =
      kind === "Bounce" && body.bounce?.bounceType === "Permanent"
        ? (body.bounce.bouncedRecipients ?? []).map((r) => ({
            email: r.emailAddress,
            reason: "bounce" as const,
            detail: body.bounce?.bounceSubType,
          }))
        : kind === "Complaint"
          ? (body.complaint?.complainedRecipients ?? []).map((r) => ({
              email: r.emailAddress,
              reason: "complaint" as const,
              detail: body.complaint?.complaintFeedbackType,
            }))
          : [];
    for (const t of targets) {
      if (!t.email) continue;
      const email = t.email;
      await withActor({ actor: { type: "system", reason: "ses-events" }, requestId: context.awsRequestId }, () =>
        suppress({ email, reason: t.reason, ...(t.detail ? { detail: t.detail } : {}) }),
      );
      suppressed++;
    }
  }
  return { suppressed };
});
