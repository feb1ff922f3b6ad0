/**
 * The single error type for expected failures. `kind` decides the HTTP status (mapped once,
 * in the API's `onError`); `code` is a stable machine-readable string; `message` is Turkish
 * and shown to people as is.
 */
export type ErrorKind =
  | "input"
  | "auth"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unprocessable"
  | "limit"
  | "busy";

export class VisibleError extends Error {
  constructor(
    public readonly kind: ErrorKind,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
    /** Seconds, for `limit` and `busy`. */
    public readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "VisibleError";
  }
}

/** HTTP status for each kind, used by the API and documented in OpenAPI. */
export const statusOf: Record<ErrorKind, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503> = {
  input: 400,
  auth: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  /** Well-formed but contradicting an earlier request (an Idempotency-Key reused with another body). */
  unprocessable: 422,
  limit: 429,
  busy: 503,
};
