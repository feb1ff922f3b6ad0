import { CfnOutput, Stack } from "aws-cdk-lib";
import type * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { type Api, createApi } from "./api";
import { Jobs } from "./jobs";
import { createMail } from "./mail";
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
};

/** The whole BİGEP platform for one stage; mounted by both the CDK app and the SST app. */
export class Platform extends Construct {
  readonly table: dynamodb.Table;
  readonly bucket: s3.Bucket;
  readonly api: Api;
  readonly jobs: Jobs;
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
    };

    const bundleSharp = props.bundleSharp ?? true;
    this.api = createApi(this, { root, environment, resources, bundleSharp, protect });
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
      bundleSharp,
      protect,
    });
    // The API starts jobs by putting their id on the jobs queue.
    this.api.fn.addEnvironment("BIGEP_JOB_QUEUE_URL", this.jobs.queue.queueUrl);
    this.jobs.queue.grantSendMessages(this.api.fn);

    new CfnOutput(this, "SiteUrl", { value: siteOrigins.at(-1)! });
    new CfnOutput(this, "DistributionId", { value: this.distribution.distributionId });
    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "BucketName", { value: bucketName });
    new CfnOutput(this, "AuthSecretArn", { value: this.api.authSecret.secretArn });
  }
}
