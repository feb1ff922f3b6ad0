import { Aws, Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { bucketEventJobs, type Cron, schedules, worker } from "../packages/functions/src/jobs/registry";
import { type AccessProfile, grantAccess, type Resources } from "./access";
import type { Alarms } from "./alarms";
import { nodeFunction } from "./functions";
import { keys } from "./storage";

export type JobsProps = {
  root: string;
  environment: Record<string, string>;
  resources: Resources;
  /** The real bucket (notifications need it; `resources.bucket` may be a by-name reference). */
  bucket: s3.Bucket;
  /** The jobs queue (created by the platform: the API's settings name it too). */
  queue: sqs.Queue;
  alarms: Alarms;
  /** Ship sharp with bundles that import it; off for tests. */
  bundleSharp: boolean;
  protect: boolean;
};

/** How long the worker may run one job (Lambda's maximum); long jobs continue from their checkpoint. */
export const WORKER_TIMEOUT = Duration.minutes(15);

/** Attempts of a job before its message goes to the dead-letter queue. */
export const MAX_RECEIVES = 3;

/**
 * The worker's table and bucket needs: the union of the registered jobs (the sweep queries
 * pending uploads by day (gsi2) and re-verifies them (gsi3 for duplicates); job records, imports
 * and reports read and write by key and in batches; the KVKK destruction run reads audit days and
 * district-years and deletes what is past its period). Update with the job registry.
 */
export const workerAccess: AccessProfile = {
  table: {
    read: ["GetItem", "BatchGetItem", "Query"],
    // DeleteItem: the KVKK destruction run (privacy-retention) deletes audit events and evidence.
    write: ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "ConditionCheckItem"],
    // byDistrict / byProvince: the destruction run reads evidence by district-year and audit
    // events by province-day (never a Scan).
    query: ["table", "gsi1", "gsi2", "gsi3", "byDistrict", "byProvince"],
  },
  bucket: {
    read: [`${keys.uploads}*`, `${keys.evidence}*`],
    write: [`${keys.evidence}*`, `${keys.thumbnails}*`, `${keys.reports}*`],
    // evidence/ and thumbnails/: the destruction run deletes evidence past its period (the
    // bucket keeps the old version 30 days, its lifecycle's noncurrent expiry).
    delete: [`${keys.uploads}*`, `${keys.evidence}*`, `${keys.thumbnails}*`],
  },
};

/** The verifier: reads its evidence record and the activity, looks up duplicates (gsi3), writes the result. */
export const verifyAccess: AccessProfile = {
  table: { read: ["GetItem", "Query"], write: ["PutItem", "UpdateItem"], query: ["gsi3"] },
  bucket: {
    read: [`${keys.uploads}*`],
    write: [`${keys.evidence}*`, `${keys.thumbnails}*`],
    delete: [`${keys.uploads}*`],
  },
};

/** EventBridge Scheduler expression; day-of-month and day-of-week cannot both be set. */
export function cronExpression(cron: Cron): string {
  if (cron.day && cron.weekDay) throw new Error("A schedule sets either a day of month or a day of week, not both");
  const day = cron.day ?? (cron.weekDay ? "?" : "*");
  return `cron(${cron.minute} ${cron.hour} ${day} ${cron.month ?? "*"} ${cron.weekDay ?? "?"} *)`;
}

/** The message a schedule puts on the jobs queue; the scheduler fills in the scheduled time. */
export function scheduleInput(job: string, params: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: job, params, scheduledAt: "<aws.scheduler.scheduled-time>" });
}

const deadLetterQueue = (scope: Construct, id: string) =>
  new sqs.Queue(scope, id, {
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
  });

/**
 * Jobs in AWS: schedules put job messages on one queue, one worker function runs them (with
 * reserved concurrency, so an API flood cannot starve them), failures land in dead-letter
 * queues with alarms. Bucket-event jobs (upload verification) run as their own function, with
 * an on-failure destination.
 */
export class Jobs extends Construct {
  readonly worker: NodejsFunction;
  readonly functions = new Map<string, NodejsFunction>();
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const { queue, alarms } = props;
    this.deadLetters = queue.deadLetterQueue?.queue as sqs.Queue;

    this.worker = nodeFunction(this, "Worker", {
      root: props.root,
      entry: worker.entry,
      description: worker.description,
      environment: { ...props.environment, BIGEP_JOB_QUEUE_URL: queue.queueUrl },
      memorySize: 1536,
      timeout: WORKER_TIMEOUT,
      reservedConcurrency: worker.reservedConcurrency,
      bundleSharp: props.bundleSharp,
      protect: props.protect,
    });
    grantAccess(this.worker, worker.grants, props.resources, workerAccess);
    // A job may queue its follow-up (the next chunk, one job per province).
    queue.grantSendMessages(this.worker);
    this.worker.addEventSource(
      new SqsEventSource(queue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: Math.max(2, worker.reservedConcurrency),
      }),
    );
    alarms.function("Worker", this.worker, "Job worker");
    alarms.failedJobs("Jobs", this.worker.logGroup);
    alarms.deadLetters("JobsDlq", this.deadLetters, "Jobs queue");

    // Schedules put a message on the queue (not invoke the worker): the job then gets the
    // queue's retries and dead-letter queue like any other. Undeliverable ones go to their own DLQ.
    const schedulerDlq = deadLetterQueue(this, "SchedulerDlq");
    alarms.deadLetters("SchedulerDlq", schedulerDlq, "Schedules");
    const role = new iam.Role(this, "SchedulerRole", {
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
      }),
    });
    queue.grantSendMessages(role);
    schedulerDlq.grantSendMessages(role);
    const group = schedules.length > 0 ? new scheduler.CfnScheduleGroup(this, "Schedules", {}) : undefined;
    for (const schedule of schedules) {
      new scheduler.CfnSchedule(this, `${pascal(schedule.name)}Schedule`, {
        groupName: group!.ref,
        description: schedule.description,
        scheduleExpression: cronExpression(schedule.cron),
        scheduleExpressionTimezone: "Europe/Istanbul",
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: queue.queueArn,
          roleArn: role.roleArn,
          input: scheduleInput(schedule.job, schedule.params),
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
          deadLetterConfig: { arn: schedulerDlq.queueArn },
        },
      });
    }

    for (const job of bucketEventJobs) {
      const name = pascal(job.name);
      const fn = nodeFunction(this, name, {
        root: props.root,
        entry: job.entry,
        description: job.description,
        environment: props.environment,
        memorySize: 1536,
        timeout: Duration.minutes(2),
        bundleSharp: props.bundleSharp,
        protect: props.protect,
      });
      grantAccess(fn, job.grants, props.resources, {
        ...verifyAccess,
        bucket: { ...verifyAccess.bucket!, read: [`${job.prefix}*`] },
      });
      // S3 invokes asynchronously: two retries, then the event goes to a queue (and the alarm);
      // the nightly sweep verifies the upload again, so nothing is lost meanwhile.
      const failed = deadLetterQueue(this, `${name}Failures`);
      fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(failed),
      });
      props.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
        prefix: job.prefix,
      });
      alarms.function(name, fn, job.description);
      alarms.deadLetters(`${name}Failures`, failed, `${job.name} failures`);
      this.functions.set(job.name, fn);
    }
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());
}
