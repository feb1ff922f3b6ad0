import { CfnOutput, Duration, Stack } from "aws-cdk-lib";
import type * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { Alarms } from "./alarms";
import { Analytics } from "./analytics";
import { type Api, createApi } from "./api";
import { retainHelperLogs } from "./functions";
import { Jobs, MAX_RECEIVES, WORKER_TIMEOUT } from "./jobs";
import { createMail } from "./mail";
import { createMailEvents, subscribeMailEvents } from "./ses-events";
import { createSite } from "./site";
import { assertStageName, isProtectedStage } from "./stage";
import { createBucket } from "./storage";
import { createTable } from "./table";

export type PlatformProps = {
  stage: string;
  /** Repository root (function entries and the web build are relative to it). */
  root: string;
  /** Built web app to upload; leave out to deploy infrastructure only. */
  webDist?: string;
  /** Ship sharp with the functions that import it (needs npm or its cache at synth). Default true. */
  bundleSharp?: boolean;
  /** SES identity (domain or address) to create; see mail.ts. */
  mailIdentity?: string;
  mailFrom?: string;
  /** Custom domain for the site, with an ACM certificate ARN from us-east-1. */
  domainName?: string;
  certificateArn?: string;
  /** Address that receives the alarms (SNS e-mail subscription; confirm the first mail). */
  alarmEmail?: string;
  /** --- reports --- Provision ad-hoc national analytics (Athena over DynamoDB exports). Default false. */
  analytics?: boolean;
};

/** The whole BİGEP platform for one stage; mounted by both the CDK app and the SST app. */
export class Platform extends Construct {
  readonly table: dynamodb.Table;
  readonly bucket: s3.Bucket;
  readonly api: Api;
  readonly jobs: Jobs;
  readonly jobQueue: sqs.Queue;
  readonly alarms: Alarms;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: PlatformProps) {
    super(scope, id);
    const { stage, root } = props;
    assertStageName(stage);
    if (Boolean(props.domainName) !== Boolean(props.certificateArn)) {
      throw new Error("domainName and certificateArn go together");
    }
    const protect = isProtectedStage(stage);
    const stack = Stack.of(this);

    this.table = createTable(this, { protect });
    const mail = createMail(this, { identity: props.mailIdentity, from: props.mailFrom });
    // --- reminders: bounces and complaints feed the suppression list ---
    const mailEvents = createMailEvents(this);

    // The bucket's CORS names the distribution, which points at the API, whose settings name
    // the bucket: a cycle. A fixed name breaks it: functions get the name and by-name grants.
    const bucketName = `bigep-${stage}-${stack.account}-${stack.region}`;
    const bucketByName = s3.Bucket.fromBucketName(this, "BucketByName", bucketName);
    const resources = { table: this.table, bucket: bucketByName, mail };
    const environment: Record<string, string> = {
      BIGEP_STAGE: stage,
      BIGEP_TABLE: this.table.tableName,
      BIGEP_BUCKET: bucketName,
      BIGEP_MAILER: "ses",
      ...(mail.from ? { BIGEP_MAIL_FROM: mail.from } : {}),
      BIGEP_SES_CONFIGURATION_SET: mailEvents.configurationSetName,
    };

    this.alarms = new Alarms(this, "Alarms", { email: props.alarmEmail });
    // --- reports --- optional: Athena over DynamoDB exports (README, "Reports")
    if (props.analytics) new Analytics(this, "Analytics", { stage, table: this.table });
    // Jobs: people start them through the API, schedules put them here, one worker runs them.
    this.jobQueue = new sqs.Queue(this, "JobQueue", {
      // A message stays invisible while a worker may still be running it (AWS: ≥ 6× the timeout
      // would allow for retries inside one batch; with batches of one, 2× is plenty).
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 2),
      retentionPeriod: Duration.days(4),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: {
        maxReceiveCount: MAX_RECEIVES,
        queue: new sqs.Queue(this, "JobDlq", {
          retentionPeriod: Duration.days(14),
          enforceSSL: true,
          encryption: sqs.QueueEncryption.SQS_MANAGED,
        }),
      },
    });

    const bundleSharp = props.bundleSharp ?? true;
    this.api = createApi(this, { root, environment, resources, jobQueue: this.jobQueue, protect });
    this.alarms.function("Api", this.api.fn, "API");
    this.alarms.url5xx("Api", this.api.fn, "API");
    this.distribution = createSite(this, {
      api: this.api,
      webDist: props.webDist,
      domainName: props.domainName,
      certificateArn: props.certificateArn,
    });
    const siteOrigins = [`https://${this.distribution.distributionDomainName}`];
    if (props.domainName) siteOrigins.push(`https://${props.domainName}`);
    this.bucket = createBucket(this, { bucketName, protect, corsOrigins: siteOrigins });
    this.jobs = new Jobs(this, "Jobs", {
      root,
      environment,
      resources,
      bucket: this.bucket,
      queue: this.jobQueue,
      alarms: this.alarms,
      bundleSharp,
      protect,
    });
    // --- reminders ---
    subscribeMailEvents(this, {
      root,
      topic: mailEvents.topic,
      environment,
      resources,
      alarms: this.alarms,
      bundleSharp,
      protect,
    });
    // Last: CDK's own helper functions (bucket notifications, auto-delete, site upload) exist now.
    retainHelperLogs(this, protect);

    new CfnOutput(this, "SiteUrl", { value: siteOrigins.at(-1)! });
    new CfnOutput(this, "DistributionId", { value: this.distribution.distributionId });
    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "BucketName", { value: bucketName });
    new CfnOutput(this, "AuthSecretArn", { value: this.api.authSecret.secretArn });
  }
}
