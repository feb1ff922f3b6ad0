/**
 * Fault injection below the AWS SDK: every SDK client (DynamoDB, S3, SES) sends through the
 * Smithy Node HTTP handler, so replacing its `handle` lets a test answer chosen requests with
 * the error a service really returns (throttling, a conflict, SlowDown, a 5xx, a timeout) while
 * everything else reaches DynamoDB Local and s3rver. The SDK's own retry strategy, backoff and
 * error parsing run unchanged, which is what the tests are about.
 */
import { Readable } from "node:stream";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { type HttpRequest, HttpResponse } from "@smithy/protocol-http";

/** A canned service answer, or an error thrown as the handler throws one (timeouts). */
export type Fault = { status: number; headers?: Record<string, string>; body: string } | { throws: Error };

/** Which service a request goes to, and the DynamoDB operation when it is one. */
export function describe(request: HttpRequest): { service: "dynamodb" | "s3" | "ses" | "other"; target?: string } {
  const target = request.headers["x-amz-target"];
  if (target?.startsWith("DynamoDB_")) return { service: "dynamodb", target: target.split(".")[1] };
  if (request.hostname.startsWith("email.")) return { service: "ses" };
  if (request.headers["x-amz-content-sha256"] !== undefined || request.path.includes("test-")) return { service: "s3" };
  return { service: "other" };
}

/** DynamoDB's JSON error of a type (e.g. ProvisionedThroughputExceededException). */
export function dynamoError(type: string, extra: Record<string, unknown> = {}, status = 400): Fault {
  return {
    status,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": type },
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `injected ${type}`, ...extra }),
  };
}

/** A transaction cancelled because another one touched the same items. */
export function transactionConflict(items: number): Fault {
  return dynamoError("TransactionCanceledException", {
    CancellationReasons: Array.from({ length: items }, (_, i) =>
      i === 0 ? { Code: "TransactionConflict", Message: "Transaction is ongoing for the item" } : { Code: "None" },
    ),
  });
}

/** S3's XML error (SlowDown is a 503, InternalError a 500). */
export function s3Error(code: string, status: number): Fault {
  return {
    status,
    headers: { "content-type": "application/xml" },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected</Message><RequestId>1</RequestId></Error>`,
  };
}

/** SES v2's throttling answer. */
export const sesThrottled: Fault = {
  status: 429,
  headers: { "content-type": "application/json", "x-amzn-errortype": "TooManyRequestsException" },
  body: JSON.stringify({ message: "Maximum sending rate exceeded." }),
};

/** What the SDK's handler throws when a request outlives `requestTimeout`. */
export function timeout(): Fault {
  return { throws: Object.assign(new Error("Request timed out (injected)"), { name: "TimeoutError" }) };
}

type Seen = { service: string; target?: string; faulted: boolean; at: number };

/**
 * Installs `rule` (returning a fault for the requests to fail, undefined to pass them on) until
 * `restore()`. `seen` lists every request with whether it was failed, in order.
 */
export function injectFaults(rule: (request: HttpRequest, seen: Seen[]) => Fault | undefined) {
  const original = NodeHttpHandler.prototype.handle;
  const seen: Seen[] = [];
  NodeHttpHandler.prototype.handle = async function (this: NodeHttpHandler, request, options) {
    const fault = rule(request, seen);
    seen.push({ ...describe(request), faulted: Boolean(fault), at: performance.now() });
    if (!fault) return original.call(this, request, options);
    if ("throws" in fault) throw fault.throws;
    return {
      response: new HttpResponse({
        statusCode: fault.status,
        headers: { ...fault.headers, "x-amzn-requestid": "injected" },
        body: Readable.from([Buffer.from(fault.body)]),
      }),
    };
  };
  return {
    seen,
    restore() {
      NodeHttpHandler.prototype.handle = original;
    },
  };
}
