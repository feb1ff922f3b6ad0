import { Aws, Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import { Construct } from "constructs";
import { bucketEventJobs, type ScheduledJob, scheduledJobs } from "../packages/functions/src/jobs/registry";
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
export function cronExpression(cron: ScheduledJob["cron"]): string {
  if (cron.day && cron.weekDay) throw new Error("A schedule sets either a day of month or a day of week, not both");
  const day = cron.day ?? (cron.weekDay ? "?" : "*");
  return `cron(${cron.minute} ${cron.hour} ${day} ${cron.month ?? "*"} ${cron.weekDay ?? "?"} *)`;
}

/** One function per registry entry, wired to its schedule or bucket event. */
export class Jobs extends Construct {
  readonly functions = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    // Jobs write derived files and remove raw uploads; only the trigger prefix is readable
    // for event jobs, anything for scheduled ones (they compile reports from evidence).
    const write = [`${keys.evidence}*`, `${keys.thumbnails}*`, `${keys.reports}*`];
    const remove = [`${keys.uploads}*`];

    const group = scheduledJobs.length > 0 ? new scheduler.CfnScheduleGroup(this, "Schedules", {}) : undefined;
    for (const job of scheduledJobs) {
      const fn = nodeFunction(this, pascal(job.name), {
        root: props.root,
        entry: job.entry,
        description: job.description,
        environment: props.environment,
        timeout: Duration.minutes(15),
        bundleSharp: props.bundleSharp,
        protect: props.protect,
      });
      grantAccess(fn, job.grants, props.resources, { read: ["*"], write, delete: remove });
      const role = new iam.Role(this, `${pascal(job.name)}Scheduler`, {
        assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
          conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
        }),
      });
      fn.grantInvoke(role);
      new scheduler.CfnSchedule(this, `${pascal(job.name)}Schedule`, {
        groupName: group!.ref,
        description: job.description,
        scheduleExpression: cronExpression(job.cron),
        scheduleExpressionTimezone: "Europe/Istanbul",
        flexibleTimeWindow: { mode: "OFF" },
        target: { arn: fn.functionArn, roleArn: role.roleArn, retryPolicy: { maximumRetryAttempts: 2 } },
      });
      this.functions.set(job.name, fn);
    }

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
