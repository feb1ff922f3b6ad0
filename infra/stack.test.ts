import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, test } from "vitest";
import { table as definition } from "../packages/core/src/db/table";
import { bucketEventJobs, schedules, worker } from "../packages/functions/src/jobs/registry";
import { cronExpression } from "./jobs";
import type { PlatformProps } from "./platform";
import { BigepStack } from "./stack";
import { assertStageName, isProtectedStage } from "./stage";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Synthesizes one stage offline: no sharp install, no web build unless given. `bundle: false`
 * skips esbuild too (the prod synth already proves bundling works).
 */
function synth(platform: Omit<PlatformProps, "root" | "bundleSharp">, bundle = true): Template {
  const app = new App(bundle ? {} : { context: { "aws:cdk:bundling-stacks": [] } });
  const stack = new BigepStack(app, `bigep-${platform.stage}`, {
    env: { account: "123456789012", region: "eu-central-1" },
    platform: { root, bundleSharp: false, ...platform },
  });
  return Template.fromStack(stack);
}

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation JSON is untyped
type Json = any;
type Resource = { Type: string; Properties: Json; DeletionPolicy?: string };

function only(template: Template, type: string, props: object = {}): [string, Resource] {
  const found = Object.entries(template.findResources(type, { Properties: props }));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** IAM statements attached to a function's execution role. */
function roleStatements(template: Template, description: string): Json[] {
  const [, fn] = only(template, "AWS::Lambda::Function", { Description: description });
  const role = fn.Properties.Role["Fn::GetAtt"][0];
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((policy) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

const actions = (statements: Json[]) => statements.flatMap((s) => [s.Action].flat() as string[]);

let prod: Template;
let dev: Template;

beforeAll(() => {
  const webDist = mkdtempSync(join(tmpdir(), "bigep-web-"));
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>BİGEP</title>");
  prod = synth({ stage: "prod", webDist, mailIdentity: "bigep.example.org" });
  dev = synth({ stage: "dev" }, false);
});

describe("stages", () => {
  test("dev and pr-* stages are throw-away, everything else is protected", () => {
    expect([isProtectedStage("dev"), isProtectedStage("pr-42")]).toEqual([false, false]);
    expect([isProtectedStage("prod"), isProtectedStage("staging")]).toEqual([true, true]);
  });

  test("reserved or malformed stage names are refused", () => {
    for (const stage of ["local", "test", "Prod", "prod_1", "9a", ""]) {
      expect(() => assertStageName(stage), stage).toThrow();
    }
    expect(() => assertStageName("pr-42")).not.toThrow();
  });
});

describe("table", () => {
  test("has the shared key schema, the three GSIs with ALL projection, TTL, stream and PITR", () => {
    only(prod, "AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: definition.partitionKey, KeyType: "HASH" },
        { AttributeName: definition.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: definition.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
      TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  test("is deletion-protected and retained in prod, disposable in dev", () => {
    const [, prodTable] = only(prod, "AWS::DynamoDB::Table");
    const [, devTable] = only(dev, "AWS::DynamoDB::Table");
    expect([prodTable.Properties.DeletionProtectionEnabled, prodTable.DeletionPolicy]).toEqual([true, "Retain"]);
    expect([devTable.Properties.DeletionProtectionEnabled, devTable.DeletionPolicy]).toEqual([false, "Delete"]);
  });
});

describe("evidence bucket", () => {
  test("is private, encrypted, versioned, TLS-only and retained in prod", () => {
    const [id, bucket] = only(prod, "AWS::S3::Bucket", { VersioningConfiguration: { Status: "Enabled" } });
    expect(bucket.DeletionPolicy).toBe("Retain");
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
    ]);
    prod.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });

  test("lets the site origin upload from the browser", () => {
    const [, bucket] = only(prod, "AWS::S3::Bucket", { VersioningConfiguration: { Status: "Enabled" } });
    const [distribution] = only(prod, "AWS::CloudFront::Distribution");
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedMethods: ["POST", "PUT", "GET"],
        AllowedOrigins: [{ "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distribution, "DomainName"] }]] }],
      }),
    ]);
  });

  test("expires raw uploads after 2 days, stale versions after 30, aborted multiparts after 1", () => {
    const [, bucket] = only(prod, "AWS::S3::Bucket", { VersioningConfiguration: { Status: "Enabled" } });
    const rules = bucket.Properties.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      }),
    );
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: "uploads/", ExpirationInDays: 2 }));
  });
});

describe("functions", () => {
  test("the API runs nodejs22.x on arm64 with the secret's ARN, never the secret", () => {
    const [, api] = only(prod, "AWS::Lambda::Function", { Description: "BİGEP HTTP API (Hono)" });
    expect(api.Properties.Runtime).toBe("nodejs22.x");
    expect(api.Properties.Architectures).toEqual(["arm64"]);
    const env = api.Properties.Environment.Variables;
    expect(env).toMatchObject({ BIGEP_STAGE: "prod", BIGEP_MAILER: "ses", NODE_OPTIONS: "--enable-source-maps" });
    expect(env.BIGEP_MAIL_FROM).toBe("BİGEP <no-reply@bigep.example.org>");
    expect(env.BIGEP_AUTH_SECRET_ARN).toEqual({ Ref: only(prod, "AWS::SecretsManager::Secret")[0] });
    expect(env.BIGEP_AUTH_SECRET).toBeUndefined();
  });

  test("one worker for queued jobs and one function per bucket event job, all nodejs22.x on arm64", () => {
    for (const job of [worker, ...bucketEventJobs]) {
      const [, fn] = only(prod, "AWS::Lambda::Function", { Description: job.description });
      expect([fn.Properties.Runtime, fn.Properties.Architectures]).toEqual(["nodejs22.x", ["arm64"]]);
    }
  });

  test("the jobs worker may delete raw uploads but cannot write objects", () => {
    const statements = roleStatements(prod, worker.description);
    expect(actions(statements)).not.toContain("s3:PutObject");
    const deletes = statements.filter((s) => actions([s]).includes("s3:DeleteObject*"));
    expect(JSON.stringify(deletes.map((s) => s.Resource))).toMatch(/uploads\/\*"\]\]\}\]$/);
  });

  test("the verify job may move accepted uploads to evidence/ and thumbnails/", () => {
    const verify = bucketEventJobs.find((job) => job.name === "verify-evidence")!;
    const puts = roleStatements(prod, verify.description).filter((s) => actions([s]).includes("s3:PutObject"));
    const targets = JSON.stringify(puts.map((s) => s.Resource));
    expect([
      targets.includes("/evidence/*"),
      targets.includes("/thumbnails/*"),
      targets.includes("/uploads/*"),
    ]).toEqual([true, true, false]);
  });

  test("only the API and the jobs worker (staff invitations) may send mail", () => {
    expect(actions(roleStatements(prod, "BİGEP HTTP API (Hono)"))).toContain("ses:SendEmail");
    expect(actions(roleStatements(prod, worker.description))).toContain("ses:SendEmail");
    for (const job of bucketEventJobs.filter((j) => !j.grants.includes("mail:send"))) {
      expect(actions(roleStatements(prod, job.description))).not.toContain("ses:SendEmail");
    }
  });
});

describe("jobs", () => {
  test("each schedule fires on its registry cron in Istanbul time", () => {
    expect(cronExpression({ minute: "30", hour: "3" })).toBe("cron(30 3 * * ? *)");
    for (const job of schedules) {
      only(prod, "AWS::Scheduler::Schedule", {
        ScheduleExpression: cronExpression(job.cron),
        ScheduleExpressionTimezone: "Europe/Istanbul",
        GroupName: { Ref: Match.anyValue() },
      });
    }
  });

  test("day-of-week schedules leave day-of-month open; both at once is refused", () => {
    expect(cronExpression({ minute: "0", hour: "8", weekDay: "MON" })).toBe("cron(0 8 ? * MON *)");
    expect(() => cronExpression({ minute: "0", hour: "8", day: "1", weekDay: "MON" })).toThrow();
  });

  test("a schedule puts its job with the scheduled time on the jobs queue, which has a dead-letter queue", () => {
    const [queueId, queue] = only(prod, "AWS::SQS::Queue", { VisibilityTimeout: 900 });
    expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    for (const schedule of schedules) {
      const [, resource] = only(prod, "AWS::Scheduler::Schedule", { Description: schedule.description });
      const target = resource.Properties.Target;
      expect(target.Arn).toEqual({ "Fn::GetAtt": [queueId, "Arn"] });
      expect(JSON.parse(target.Input)).toEqual({
        type: schedule.job,
        params: schedule.params ?? {},
        scheduledAt: "<aws.scheduler.scheduled-time>",
      });
    }
  });

  test("bucket event jobs fire on ObjectCreated under their prefix", () => {
    const [, notifications] = only(prod, "Custom::S3BucketNotifications");
    for (const job of bucketEventJobs) {
      const [fnId] = only(prod, "AWS::Lambda::Function", { Description: job.description });
      expect(notifications.Properties.NotificationConfiguration.LambdaFunctionConfigurations).toContainEqual({
        Events: ["s3:ObjectCreated:*"],
        Filter: { Key: { FilterRules: [{ Name: "prefix", Value: job.prefix }] } },
        LambdaFunctionArn: { "Fn::GetAtt": [fnId, "Arn"] },
      });
    }
  });
});

describe("site", () => {
  test("routes /api/* to the API URL uncached with viewer headers, the rest to the bucket over HTTPS", () => {
    const [, distribution] = only(prod, "AWS::CloudFront::Distribution");
    const config = distribution.Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: "/api/*",
        // Managed policies: CachingDisabled and AllViewerExceptHostHeader.
        CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        OriginRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
        AllowedMethods: expect.arrayContaining(["POST", "PUT", "PATCH", "DELETE"]),
        FunctionAssociations: [expect.objectContaining({ EventType: "viewer-request" })],
      }),
    ]);
    const stamp = Object.values(prod.findResources("AWS::CloudFront::Function")).find((f) =>
      String(f.Properties.FunctionCode).includes("x-bigep-client-ip"),
    );
    expect(stamp?.Properties.FunctionCode).toContain("event.viewer.ip");
    prod.hasResourceProperties("AWS::Lambda::Url", { AuthType: "AWS_IAM" });
  });

  test("the web build is uploaded only when one is given", () => {
    expect(Object.keys(prod.findResources("Custom::CDKBucketDeployment"))).toHaveLength(1);
    expect(Object.keys(dev.findResources("Custom::CDKBucketDeployment"))).toHaveLength(0);
  });

  test("an SES identity is created only when configured", () => {
    only(prod, "AWS::SES::EmailIdentity", { EmailIdentity: "bigep.example.org" });
    expect(Object.keys(dev.findResources("AWS::SES::EmailIdentity"))).toHaveLength(0);
  });
});
