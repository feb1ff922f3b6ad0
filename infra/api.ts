import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { type Grant, grantAccess, type Resources } from "./access";
import { nodeFunction } from "./functions";
import { keys } from "./storage";

export type ApiProps = {
  root: string;
  environment: Record<string, string>;
  resources: Resources;
  bundleSharp: boolean;
  protect: boolean;
};

export type Api = { fn: NodejsFunction; url: lambda.FunctionUrl; authSecret: secretsmanager.Secret };

const grants: Grant[] = ["table:read", "table:write", "bucket:read", "bucket:write", "bucket:delete", "mail:send"];

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
  const fn = nodeFunction(scope, "Api", {
    root: props.root,
    entry: "packages/functions/src/api/lambda.ts",
    description: "BİGEP HTTP API (Hono)",
    environment: { ...props.environment, BIGEP_AUTH_SECRET_ARN: authSecret.secretArn },
    // CloudFront waits 30 s for an origin by default.
    timeout: Duration.seconds(29),
    bundleSharp: props.bundleSharp,
    protect: props.protect,
  });
  authSecret.grantRead(fn);
  // The API signs browser uploads into uploads/ and downloads of verified evidence and reports.
  grantAccess(fn, grants, props.resources, {
    read: [`${keys.evidence}*`, `${keys.thumbnails}*`, `${keys.reports}*`],
    write: [`${keys.uploads}*`],
    delete: [`${keys.uploads}*`, `${keys.evidence}*`, `${keys.thumbnails}*`],
  });
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  return { fn, url, authSecret };
}
