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

const API = "BİGEP HTTP API (Hono)";

const actions = (statements: Json[]) => statements.flatMap((s) => [s.Action].flat() as string[]);

let prod: Template;
let dev: Template;

beforeAll(() => {
  const webDist = mkdtempSync(join(tmpdir(), "bigep-web-"));
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>BİGEP</title>");
  prod = synth({ stage: "prod", webDist, mailIdentity: "bigep.example.org", alarmEmail: "ops@example.org" });
  dev = synth({ stage: "dev" }, false);
  // Bundling three functions takes a while on a busy machine.
}, 300_000);

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

  test("expires raw uploads after 10 days, stale versions after 30, aborted multiparts after 1", () => {
    const [, bucket] = only(prod, "AWS::S3::Bucket", { VersioningConfiguration: { Status: "Enabled" } });
    const rules = bucket.Properties.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      }),
    );
    // Longer than the sweep's 7-day look-back: an upload it must re-verify is still there.
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: "uploads/", ExpirationInDays: 10 }));
  });
});

describe("functions", () => {
  test("the API runs nodejs22.x on arm64 with the secret's ARN, never the secret", () => {
    const [, api] = only(prod, "AWS::Lambda::Function", { Description: API });
    expect(api.Properties.Runtime).toBe("nodejs22.x");
    expect(api.Properties.Architectures).toEqual(["arm64"]);
    const env = api.Properties.Environment.Variables;
    expect(env).toMatchObject({ BIGEP_STAGE: "prod", BIGEP_MAILER: "ses", NODE_OPTIONS: "--enable-source-maps" });
    expect(env.BIGEP_MAIL_FROM).toBe("BİGEP <no-reply@bigep.example.org>");
    expect(env.BIGEP_AUTH_SECRET_ARN).toEqual({ Ref: only(prod, "AWS::SecretsManager::Secret")[0] });
    expect(env.BIGEP_AUTH_SECRET).toBeUndefined();
  });

  test("the API and the worker know the jobs queue; the worker runs nodejs22.x on arm64 with reserved concurrency", () => {
    const [queue] = only(prod, "AWS::SQS::Queue", { RedrivePolicy: Match.anyValue() });
    const [, api] = only(prod, "AWS::Lambda::Function", { Description: API });
    const [, fn] = only(prod, "AWS::Lambda::Function", { Description: worker.description });
    for (const f of [api, fn]) expect(f.Properties.Environment.Variables.BIGEP_JOB_QUEUE_URL).toEqual({ Ref: queue });
    expect([fn.Properties.Runtime, fn.Properties.Architectures]).toEqual(["nodejs22.x", ["arm64"]]);
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(worker.reservedConcurrency);
  });
});

/** The functions of the platform and what each really does (read from the code, see README). */
const functions = {
  api: API,
  worker: worker.description,
  verify: bucketEventJobs.find((job) => job.name === "verify-evidence")!.description,
};

/** A table or index ARN as CloudFormation writes it, for comparison. */
const tableArn = (template: Template) => ({ "Fn::GetAtt": [only(template, "AWS::DynamoDB::Table")[0], "Arn"] });
const indexArn = (template: Template, name: string) => ({
  "Fn::Join": ["", [tableArn(template), `/index/${name}`]],
});
const objects = (prefix: string) => ({
  "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, `:s3:::bigep-prod-123456789012-eu-central-1/${prefix}*`]],
});
const resources = (statements: Json[], action: string) =>
  statements.filter((s) => actions([s]).includes(action)).flatMap((s) => [s.Resource].flat());

describe("least privilege (read from the synthesized roles)", () => {
  test("no role may Scan the table", () => {
    const all = Object.values(prod.findResources("AWS::IAM::Policy")).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
    expect(actions(all).filter((a) => /^dynamodb:(Scan|\*)$/.test(a))).toEqual([]);
  });

  test("each function has exactly the DynamoDB item actions its code uses, on the table only", () => {
    const expected = {
      // Reads by key and in batches (schools of an import), queries; writes, deletes (sessions,
      // sign-in codes, assignments), batch deletes (sign-out everywhere), condition checks.
      api: ["BatchGetItem", "BatchWriteItem", "ConditionCheckItem", "DeleteItem", "GetItem", "PutItem", "UpdateItem"],
      // Job records, imports in batches, the sweep's verification; deletes by the KVKK destruction run.
      worker: [
        "BatchGetItem",
        "BatchWriteItem",
        "ConditionCheckItem",
        "DeleteItem",
        "GetItem",
        "PutItem",
        "UpdateItem",
      ],
      // Its evidence record and activity; the result and its audit event (one transaction).
      verify: ["GetItem", "PutItem", "UpdateItem"],
    };
    for (const [name, description] of Object.entries(functions)) {
      const statements = roleStatements(prod, description);
      const items = actions(statements).filter((a) => a.startsWith("dynamodb:") && a !== "dynamodb:Query");
      expect(items.map((a) => a.slice(9)).sort(), name).toEqual(expected[name as keyof typeof expected]);
      for (const s of statements.filter((s) => actions([s]).some((a) => items.includes(a)))) {
        expect(s.Resource, name).toEqual(tableArn(prod));
      }
    }
  });

  test("each function may Query only where it queries", () => {
    // The API serves every list, the audit views by district and province included.
    const every = definition.indexes.map((index) => indexArn(prod, index.name));
    expect(resources(roleStatements(prod, functions.api), "dynamodb:Query")).toEqual([tableArn(prod), ...every]);
    // Jobs read lists by parent (gsi1–3); the destruction run also reads evidence by district-year
    // and audit events by province-day (byDistrict, byProvince).
    const lists = ["gsi1", "gsi2", "gsi3", "byDistrict", "byProvince"].map((name) => indexArn(prod, name));
    expect(resources(roleStatements(prod, functions.worker), "dynamodb:Query")).toEqual([tableArn(prod), ...lists]);
    // Duplicates by SHA-256 only.
    expect(resources(roleStatements(prod, functions.verify), "dynamodb:Query")).toEqual([indexArn(prod, "gsi3")]);
  });

  test("the API reads verified files, writes raw uploads and deletes nothing", () => {
    const statements = roleStatements(prod, functions.api);
    expect(
      actions(statements)
        .filter((a) => a.startsWith("s3:"))
        .sort(),
    ).toEqual(["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]);
    expect(resources(statements, "s3:GetObject")).toEqual(["evidence/", "thumbnails/", "reports/"].map(objects));
    expect(resources(statements, "s3:PutObject")).toEqual([objects("uploads/")]);
  });

  test("the jobs delete raw uploads, the destruction run evidence past its period, nothing object versions", () => {
    expect(resources(roleStatements(prod, functions.verify), "s3:DeleteObject")).toEqual([objects("uploads/")]);
    expect(resources(roleStatements(prod, functions.worker), "s3:DeleteObject")).toEqual(
      ["uploads/", "evidence/", "thumbnails/"].map(objects),
    );
    const evidenceBucket = "bigep-prod-123456789012-eu-central-1";
    const all = Object.values(prod.findResources("AWS::IAM::Policy")).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
    const onEvidence = all.filter((s) => JSON.stringify(s.Resource).includes(evidenceBucket));
    expect(actions(onEvidence).filter((a) => /DeleteObject(Version|\*)|^s3:\*$/.test(a))).toEqual([]);
  });

  test("the verifier moves accepted uploads to evidence/ and thumbnails/", () => {
    const statements = roleStatements(prod, functions.verify);
    expect(resources(statements, "s3:GetObject")).toEqual([objects("uploads/")]);
    expect(resources(statements, "s3:PutObject")).toEqual([objects("evidence/"), objects("thumbnails/")]);
  });

  test("mail is sent only by the API and jobs granted mail:send, and only from the configured identity", () => {
    const identity = {
      "Fn::Join": [
        "",
        ["arn:", { Ref: "AWS::Partition" }, ":ses:eu-central-1:123456789012:identity/bigep.example.org"],
      ],
    };
    expect(resources(roleStatements(prod, functions.api), "ses:SendEmail")).toEqual([identity]);
    const jobs = [
      [functions.worker, worker.grants],
      [functions.verify, bucketEventJobs.find((job) => job.name === "verify-evidence")!.grants],
    ] as const;
    for (const [description, grants] of jobs) {
      const sends = resources(roleStatements(prod, description), "ses:SendEmail");
      expect(sends, description).toEqual((grants as readonly string[]).includes("mail:send") ? [identity] : []);
    }
  });

  test("every function, CDK's helpers included, logs to a group with bounded retention", () => {
    const groups = prod.findResources("AWS::Logs::LogGroup");
    const fns = Object.entries(prod.findResources("AWS::Lambda::Function"));
    // The API, the worker, the verifier, and CDK's: notifications, auto-delete, site upload.
    expect(fns.length).toBeGreaterThanOrEqual(6);
    for (const [id, fn] of fns) {
      const group = groups[fn.Properties.LoggingConfig?.LogGroup?.Ref];
      expect(group?.Properties.RetentionInDays, id).toBe(30);
    }
  });
});

describe("jobs", () => {
  test("schedules put their job with its scheduled time on the jobs queue, in Istanbul time", () => {
    expect(cronExpression({ minute: "30", hour: "3" })).toBe("cron(30 3 * * ? *)");
    const [queue] = only(prod, "AWS::SQS::Queue", { RedrivePolicy: Match.anyValue() });
    for (const schedule of schedules) {
      const [, found] = only(prod, "AWS::Scheduler::Schedule", { Description: schedule.description });
      expect(found.Properties).toMatchObject({
        ScheduleExpression: cronExpression(schedule.cron),
        ScheduleExpressionTimezone: "Europe/Istanbul",
        Target: { Arn: { "Fn::GetAtt": [queue, "Arn"] } },
      });
      expect(JSON.parse(found.Properties.Target.Input)).toEqual({
        type: schedule.job,
        params: schedule.params ?? {},
        scheduledAt: "<aws.scheduler.scheduled-time>",
      });
    }
  });

  test("day-of-week schedules leave day-of-month open; both at once is refused", () => {
    expect(cronExpression({ minute: "0", hour: "8", weekDay: "MON" })).toBe("cron(0 8 ? * MON *)");
    expect(() => cronExpression({ minute: "0", hour: "8", day: "1", weekDay: "MON" })).toThrow();
  });

  test("the scheduler role may only send to the jobs queue and its own dead-letter queue", () => {
    const [, schedule] = only(prod, "AWS::Scheduler::Schedule", { Description: schedules[0]!.description });
    const role = schedule.Properties.Target.RoleArn["Fn::GetAtt"][0];
    const statements = Object.values(prod.findResources("AWS::IAM::Policy"))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const [queue] = only(prod, "AWS::SQS::Queue", { RedrivePolicy: Match.anyValue() });
    const dlq = schedule.Properties.Target.DeadLetterConfig.Arn["Fn::GetAtt"][0];
    expect(statements.flatMap((s) => [s.Resource].flat())).toEqual([
      { "Fn::GetAtt": [queue, "Arn"] },
      { "Fn::GetAtt": [dlq, "Arn"] },
    ]);
    expect(
      new Set(actions(statements).filter((a) => a !== "sqs:GetQueueAttributes" && a !== "sqs:GetQueueUrl")),
    ).toEqual(new Set(["sqs:SendMessage"]));
  });

  test("the worker takes jobs one at a time from the queue and reports failed ones; 3 failures → DLQ", () => {
    const [queueId, queue] = only(prod, "AWS::SQS::Queue", { RedrivePolicy: Match.anyValue() });
    const [workerId] = only(prod, "AWS::Lambda::Function", { Description: worker.description });
    only(prod, "AWS::Lambda::EventSourceMapping", {
      EventSourceArn: { "Fn::GetAtt": [queueId, "Arn"] },
      FunctionName: { Ref: workerId },
      BatchSize: 1,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(3);
  });

  test("bucket event jobs fire on ObjectCreated under their prefix; failed events go to a queue", () => {
    const [, notifications] = only(prod, "Custom::S3BucketNotifications");
    for (const job of bucketEventJobs) {
      const [fnId] = only(prod, "AWS::Lambda::Function", { Description: job.description });
      expect(notifications.Properties.NotificationConfiguration.LambdaFunctionConfigurations).toContainEqual({
        Events: ["s3:ObjectCreated:*"],
        Filter: { Key: { FilterRules: [{ Name: "prefix", Value: job.prefix }] } },
        LambdaFunctionArn: { "Fn::GetAtt": [fnId, "Arn"] },
      });
      const [, config] = only(prod, "AWS::Lambda::EventInvokeConfig", { FunctionName: { Ref: fnId } });
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
      const destination = config.Properties.DestinationConfig.OnFailure.Destination["Fn::GetAtt"][0];
      expect(prod.toJSON().Resources[destination].Type).toBe("AWS::SQS::Queue");
    }
  });

  test("every asynchronously invoked function has a dead-letter queue or an on-failure destination", () => {
    const invokeConfigs = Object.values(prod.findResources("AWS::Lambda::EventInvokeConfig"));
    const withDestination = new Set(invokeConfigs.map((c) => c.Properties.FunctionName.Ref));
    // Asynchronous callers: S3 notifications (the Lambda permission for s3.amazonaws.com).
    const s3Invoked = Object.values(
      prod.findResources("AWS::Lambda::Permission", { Properties: { Principal: "s3.amazonaws.com" } }),
    ).map((p) => p.Properties.FunctionName["Fn::GetAtt"]?.[0] ?? p.Properties.FunctionName.Ref);
    expect(s3Invoked.length).toBeGreaterThan(0);
    for (const fn of s3Invoked) expect(withDestination.has(fn), fn).toBe(true);
  });
});

describe("alarms", () => {
  const alarmsOn = (template: Template) => Object.values(template.findResources("AWS::CloudWatch::Alarm"));
  const topic = () => only(prod, "AWS::SNS::Topic")[0];

  test("go to one SNS topic, mailed to the configured address", () => {
    only(prod, "AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.org",
      TopicArn: { Ref: topic() },
    });
    for (const alarm of alarmsOn(prod)) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic() }]);
    // Without an alarm address nothing is mailed (the SES events topic's Lambda subscription is not mail).
    const mailed = Object.values(dev.findResources("AWS::SNS::Subscription")).filter(
      (s) => s.Properties.Protocol === "email",
    );
    expect(mailed).toHaveLength(0);
  });

  test("watch every dead-letter queue", () => {
    const queues = Object.keys(prod.findResources("AWS::SQS::Queue"));
    const [jobQueue] = only(prod, "AWS::SQS::Queue", { RedrivePolicy: Match.anyValue() });
    const dlqs = queues.filter((q) => q !== jobQueue);
    expect(dlqs).toHaveLength(4); // jobs, schedules, verification failures, SES event (suppression) failures
    for (const dlq of dlqs) {
      expect(
        alarmsOn(prod).some(
          (a) =>
            a.Properties.MetricName === "ApproximateNumberOfMessagesVisible" &&
            a.Properties.Dimensions[0].Value["Fn::GetAtt"][0] === dlq,
        ),
        dlq,
      ).toBe(true);
    }
  });

  test("watch errors and throttles of each function, the API's 5xx and failed jobs", () => {
    for (const description of Object.values(functions)) {
      const [fnId] = only(prod, "AWS::Lambda::Function", { Description: description });
      const on = alarmsOn(prod).filter((a) => a.Properties.Dimensions?.[0]?.Value?.Ref === fnId);
      expect(new Set(on.map((a) => a.Properties.MetricName)), description).toEqual(
        new Set(description === API ? ["Errors", "Throttles", "Url5xxCount"] : ["Errors", "Throttles"]),
      );
    }
    const [, filter] = only(prod, "AWS::Logs::MetricFilter");
    expect(filter.Properties.FilterPattern).toBe('{ $.message = "job.failed" }');
    const metric = filter.Properties.MetricTransformations[0];
    expect(
      alarmsOn(prod).some(
        (a) => a.Properties.MetricName === metric.MetricName && a.Properties.Namespace === metric.MetricNamespace,
      ),
    ).toBe(true);
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
