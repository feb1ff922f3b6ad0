import { Duration } from "aws-cdk-lib";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { SnsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { type AccessProfile, grantAccess, type Resources } from "./access";
import type { Alarms } from "./alarms";
import { nodeFunction } from "./functions";

/**
 * SES v2 configuration set whose bounce and complaint events go to an SNS topic; every message
 * is sent with it (BIGEP_SES_CONFIGURATION_SET). Created before the functions that send.
 */
export function createMailEvents(scope: Construct): { configurationSetName: string; topic: sns.Topic } {
  const set = new ses.ConfigurationSet(scope, "MailConfigurationSet", {
    suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  const topic = new sns.Topic(scope, "MailEvents", { enforceSSL: true });
  set.addEventDestination("BouncesAndComplaints", {
    destination: ses.EventDestination.snsTopic(topic),
    events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
  });
  return { configurationSetName: set.configurationSetName, topic };
}

/** The suppression writer puts one item per address. */
export const sesEventsAccess: AccessProfile = { table: { read: [], write: ["PutItem"], query: [] } };

/** The handler that fills the suppression list from the topic (packages/functions/src/jobs/ses-events.ts). */
export function subscribeMailEvents(
  scope: Construct,
  props: {
    root: string;
    topic: sns.Topic;
    environment: Record<string, string>;
    resources: Resources;
    alarms: Alarms;
    bundleSharp: boolean;
    protect: boolean;
  },
): void {
  const description = "Puts addresses that bounced or complained (SES via SNS) on the suppression list.";
  const fn = nodeFunction(scope, "SesEvents", {
    root: props.root,
    entry: "packages/functions/src/jobs/ses-events.ts",
    description,
    environment: props.environment,
    memorySize: 256,
    timeout: Duration.seconds(30),
    bundleSharp: props.bundleSharp,
    protect: props.protect,
  });
  grantAccess(fn, ["table:write"], props.resources, sesEventsAccess);
  const failed = new sqs.Queue(scope, "SesEventsFailures", {
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
  });
  fn.addEventSource(new SnsEventSource(props.topic));
  fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(failed) });
  props.alarms.function("SesEvents", fn, description);
  props.alarms.deadLetters("SesEventsFailures", failed, "ses-events failures");
}
