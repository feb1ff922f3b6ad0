import { Duration, Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export type AlarmsProps = {
  /** Where alarms are mailed (context key `alarmEmail`); without it the topic has no subscriber. */
  email?: string;
};

/**
 * One SNS topic for every alarm of the stage, mailed to one address. Each alarm fires on the
 * first bad data point (a message in a dead-letter queue, a function error, a throttle, a failed
 * job): at this platform's volume any of them is worth a look.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, "Topic", { displayName: "BİGEP alarms", enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }

  private alarm(id: string, description: string, metric: cloudwatch.IMetric): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    return alarm;
  }

  /** Any message waiting in a dead-letter queue: work that failed for good. */
  deadLetters(id: string, queue: sqs.IQueue, what: string): void {
    this.alarm(
      `${id}Depth`,
      `${what}: messages in the dead-letter queue`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: "Maximum" }),
    );
  }

  /** Errors and throttles of a function (its uncaught failures and refused invocations). */
  function(id: string, fn: lambda.IFunction, what: string): void {
    const period = Duration.minutes(5);
    this.alarm(`${id}Errors`, `${what}: function errors`, fn.metricErrors({ period, statistic: "Sum" }));
    this.alarm(`${id}Throttles`, `${what}: throttled invocations`, fn.metricThrottles({ period, statistic: "Sum" }));
  }

  /** 5xx answers of a Function URL (the API's own errors and Lambda's). */
  url5xx(id: string, fn: lambda.IFunction, what: string): void {
    this.alarm(
      `${id}Url5xx`,
      `${what}: 5xx responses`,
      fn.metric("Url5xxCount", { period: Duration.minutes(5), statistic: "Sum" }),
    );
  }

  /** Jobs that failed: the worker's `job.failed` log lines, counted by a metric filter. */
  failedJobs(id: string, logGroup: logs.ILogGroup): void {
    const filter = new logs.MetricFilter(this, `${id}Filter`, {
      logGroup,
      filterPattern: logs.FilterPattern.stringValue("$.message", "=", "job.failed"),
      // Per stack: two stages in one account must not add up.
      metricNamespace: `BIGEP/${Stack.of(this).stackName}`,
      metricName: "JobsFailed",
      metricValue: "1",
    });
    this.alarm(`${id}Failed`, "Jobs: a job failed", filter.metric({ period: Duration.minutes(5), statistic: "Sum" }));
  }
}
