/**
 * Failures of AWS services that pass by themselves (AWS Well-Architected, Serverless Lens):
 * throttling, conflicts between concurrent transactions, S3 "SlowDown" and 5xx, SES limits,
 * timeouts and dropped connections. The SDK clients retry them a bounded number of times with
 * jittered exponential backoff (`maxAttempts`); what still fails reaches the API's one `onError`,
 * which answers 503 with Retry-After instead of 500. Nothing else is transient: a bug stays a 500.
 */

/** Error names the services and the SDK use for failures worth trying again later. */
const transientNames = new Set([
  // DynamoDB
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TransactionConflictException",
  "TransactionInProgressException",
  "InternalServerError",
  // S3
  "SlowDown",
  "ServiceUnavailable",
  "InternalError",
  "RequestTimeout",
  // SES v2
  "TooManyRequestsException",
  "LimitExceededException",
  "SendingPausedException",
  // The SDK's own (request and connection timeouts) and Node's sockets
  "TimeoutError",
  "RequestTimeoutException",
]);
const transientCodes = new Set(["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "EPIPE", "EAI_AGAIN"]);

/** Seconds a client should wait before trying again after a transient failure. */
export const retryAfterSeconds = 2;

/**
 * True when `error` is a passing failure of a service (see the module comment), or wraps one:
 * ElectroDB reports the SDK's error as the `cause` of its own.
 */
export function isTransient(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  if (isTransientItself(error)) return true;
  return isTransient((error as { cause?: unknown }).cause, depth + 1);
}

function isTransientItself(error: object): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; reasons?: string[] };
  if (e.name && transientNames.has(e.name)) return true;
  if (e.code && transientCodes.has(e.code)) return true;
  // A transaction cancelled only because others touched the same items (no condition failed).
  if (e.name === "TransactionCanceled" && Array.isArray(e.reasons)) {
    return (
      e.reasons.some(
        (r) => r === "TransactionConflict" || r === "ThrottlingError" || r === "ProvisionedThroughputExceeded",
      ) && !e.reasons.includes("ConditionalCheckFailed")
    );
  }
  const status = e.$metadata?.httpStatusCode;
  return typeof status === "number" && status >= 500;
}

/**
 * Runs `work` up to `attempts` times while it fails transiently, waiting a jittered, doubling
 * delay between tries (full jitter: a random wait up to `baseMs`·2^n). For work the SDK does not
 * retry itself, such as a transaction cancelled by a conflict.
 */
export async function withRetries<T>(
  work: () => Promise<T>,
  options: { attempts?: number; baseMs?: number; retryable?: (error: unknown) => boolean } = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const baseMs = options.baseMs ?? 25;
  const retryable = options.retryable ?? isTransient;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * baseMs * 2 ** attempt));
    }
  }
}
