import { Aws, Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { bucketEventJobs, type Cron, schedules, worker } from "../packages/functions/src/jobs/registry";
import { grantAccess, type Resources } from "./access";
import { nodeFunction } from "./functions";
import { keys } from "./storage";

export type JobsProps = {
  root: string;
  environment: Record<string, string>;
  resources: Resources;
  /** The real bucket (notifications need it; `resources.bucket` may be a by-name reference). */
  bucket: s3.Bucket;
  /** Ship sharp with bundles that import it; off for tests. */
  bundleSharp: boolean;
  protect: boolean;
};

/** EventBridge Scheduler expression; day-of-month and day-of-week cannot both be set. */
export function cronExpression(cron: Cron): string {
  if (cron.day && cron.weekDay) throw new Error("A schedule sets either a day of month or a day of week, not both");
  const day = cron.day ?? (cron.weekDay ? "?" : "*");
  return `cron(${cron.minute} ${cron.hour} ${day} ${cron.month ?? "*"} ${cron.weekDay ?? "?"} *)`;
}

/**
 * The jobs queue (with its dead-letter queue) feeding the worker function; each schedule puts
 * its job on the queue with the scheduled time; one function per bucket event job.
 */
export class Jobs extends Construct {
  readonly functions = new Map<string, NodejsFunction>();
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    // Jobs write derived files and remove raw uploads; only the trigger prefix is readable
    // for event jobs, anything for the worker (reports read evidence).
    const write = [`${keys.evidence}*`, `${keys.thumbnails}*`, `${keys.reports}*`];
    const remove = [`${keys.uploads}*`];
    const timeout = Duration.minutes(15);

    this.deadLetters = new sqs.Queue(this, "DeadLetters", { retentionPeriod: Duration.days(14) });
    this.queue = new sqs.Queue(this, "Queue", {
      // At least the worker's timeout, so a running job is not delivered twice meanwhile.
      visibilityTimeout: timeout,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    const fn = nodeFunction(this, "Worker", {
      root: props.root,
      entry: worker.entry,
      description: worker.description,
      environment: { ...props.environment, BIGEP_JOB_QUEUE_URL: this.queue.queueUrl },
      timeout,
      bundleSharp: props.bundleSharp,
      protect: props.protect,
    });
    grantAccess(fn, worker.grants, props.resources, { read: ["*"], write, delete: remove });
    this.queue.grantSendMessages(fn);
    fn.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    this.functions.set("worker", fn);

    const group = schedules.length > 0 ? new scheduler.CfnScheduleGroup(this, "Schedules", {}) : undefined;
    const role =
      schedules.length > 0
        ? new iam.Role(this, "Scheduler", {
            assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
              conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
            }),
          })
        : undefined;
    if (role) this.queue.grantSendMessages(role);
    for (const schedule of schedules) {
      new scheduler.CfnSchedule(this, `${pascal(schedule.name)}Schedule`, {
        groupName: group!.ref,
        description: schedule.description,
        scheduleExpression: cronExpression(schedule.cron),
        scheduleExpressionTimezone: "Europe/Istanbul",
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: this.queue.queueArn,
          roleArn: role!.roleArn,
          // The scheduled time travels with the job: it keys the job and sets its "as of" day.
          input: `{"type":${JSON.stringify(schedule.job)},"params":${JSON.stringify(schedule.params ?? {})},"scheduledAt":"<aws.scheduler.scheduled-time>"}`,
          retryPolicy: { maximumRetryAttempts: 2 },
          deadLetterConfig: { arn: this.deadLetters.queueArn },
        },
      });
    }
    if (role) this.deadLetters.grantSendMessages(role);

    for (const job of bucketEventJobs) {
      const fn = nodeFunction(this, pascal(job.name), {
        root: props.root,
        entry: job.entry,
        description: job.description,
        environment: props.environment,
        memorySize: 1536,
        timeout: Duration.minutes(2),
        bundleSharp: props.bundleSharp,
        protect: props.protect,
      });
      grantAccess(fn, job.grants, props.resources, { read: [`${job.prefix}*`], write, delete: remove });
      props.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
        prefix: job.prefix,
      });
      this.functions.set(job.name, fn);
    }
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());
}
