import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { table as definition } from "../packages/core/src/db/table";
import { type AccessProfile, type Grant, grantAccess, type Resources } from "./access";
import { splitFunction } from "./functions";
import { keys } from "./storage";

export type ApiProps = {
  root: string;
  environment: Record<string, string>;
  resources: Resources;
  /** The jobs queue: people start jobs (imports, reports) through the API. */
  jobQueue: sqs.IQueue;
  protect: boolean;
};

export type Api = { fn: lambda.Function; url: lambda.FunctionUrl; authSecret: secretsmanager.Secret };

// No bucket delete: the API deletes no object (rejected uploads are removed by the verifier,
// leftovers by the lifecycle rule), and evidence/ and thumbnails/ must survive a stolen role.
const grants: Grant[] = ["table:read", "table:write", "bucket:read", "bucket:write", "mail:send"];

/** What the API does: every request pattern of every domain, never a Scan. */
export const apiAccess: AccessProfile = {
  table: {
    read: ["GetItem", "BatchGetItem", "Query"],
    write: ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "ConditionCheckItem"],
    query: ["table", ...definition.indexes.map((index) => index.name)],
  },
  // Signs browser uploads into uploads/ and downloads of verified evidence and reports.
  bucket: {
    read: [`${keys.evidence}*`, `${keys.thumbnails}*`, `${keys.reports}*`],
    write: [`${keys.uploads}*`],
    delete: [],
  },
};

/**
 * The one API function behind a Function URL. The URL takes only IAM-signed calls; CloudFront
 * signs them with origin access control (site.ts), so the URL is not usable directly.
 */
export function createApi(scope: Construct, props: ApiProps): Api {
  // Token-signing key, generated once per stage. Only its ARN reaches the function; the value
  // is read from Secrets Manager at run time, so it never appears in the function's settings.
  const authSecret = new secretsmanager.Secret(scope, "AuthSecret", {
    description: "BİGEP access-token signing key",
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy: props.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  // Code-split: a cold start compiles what /api needs, not the S3/SES clients (loaded on use).
  const fn = splitFunction(scope, "Api", {
    root: props.root,
    entry: "packages/functions/src/api/lambda.ts",
    description: "BİGEP HTTP API (Hono)",
    environment: {
      ...props.environment,
      BIGEP_AUTH_SECRET_ARN: authSecret.secretArn,
      BIGEP_JOB_QUEUE_URL: props.jobQueue.queueUrl,
    },
    // CloudFront waits 30 s for an origin by default.
    timeout: Duration.seconds(29),
    protect: props.protect,
  });
  authSecret.grantRead(fn);
  grantAccess(fn, grants, props.resources, apiAccess);
  props.jobQueue.grantSendMessages(fn);
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  return { fn, url, authSecret };
}
