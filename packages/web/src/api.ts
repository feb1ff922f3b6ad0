/**
 * The web app's way to the API: a typed Hono client over the one app's `Routes`, a plain
 * JSON helper for calls the typed client cannot describe, and one error type carrying the
 * server's Turkish message. Same origin as the API, so cookies travel with every call.
 */
import type { Routes } from "@bigep/functions/api/app";
import { type ClientResponse, hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";

/** An API failure; `message` is the Turkish text to show the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    /** Seconds to wait before retrying (429, 503). */
    readonly retryAfter?: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let refreshing: Promise<boolean> | undefined;

/** Renews the session once, however many calls hit a 401 at the same moment. */
function refreshSession(): Promise<boolean> {
  refreshing ??= fetch("/api/auth/refresh", { method: "POST", credentials: "include" })
    .then(
      (response) => response.ok,
      () => false,
    )
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

function pathOf(input: RequestInfo | URL): string {
  const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return new URL(href, window.location.origin).pathname;
}

/**
 * In AWS, CloudFront signs requests to the API's function URL (origin access control), and
 * Lambda only accepts a signed body when the browser sends its SHA-256 in this header.
 */
async function withBodyHash(init: RequestInit | undefined): Promise<RequestInit | undefined> {
  const body = init?.body;
  if (typeof body !== "string" || !globalThis.crypto?.subtle) return init;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const headers = new Headers(init?.headers);
  headers.set("x-amz-content-sha256", hex);
  return { ...init, headers };
}

/**
 * `fetch` with the session cookie; on a 401 (short-lived access token expired) it renews the
 * session once and retries. Sign-in calls themselves are never retried.
 */
export const apiFetch: typeof fetch = async (input, init) => {
  const signed = await withBodyHash(init);
  const send = () => fetch(input, { credentials: "include", ...signed });
  let response: Response;
  try {
    response = await send();
  } catch {
    throw new ApiError(0, "network", "Sunucuya ulaşılamadı. Bağlantınızı kontrol edip tekrar deneyin.");
  }
  if (response.status !== 401 || pathOf(input).startsWith("/api/auth/")) return response;
  return (await refreshSession()) ? send() : response;
};

/** The typed client: `api.api.health.$get()`. */
export const api = hc<Routes>("/", { fetch: apiFetch, init: { credentials: "include" } });

/** Turns a failed response into an ApiError with a Turkish message. */
export async function toError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get("Retry-After")) || undefined;
  const body = (await response.json().catch(() => undefined)) as
    | { code?: string; message?: string; requestId?: string; details?: unknown }
    | undefined;
  let message = body?.message ?? `Beklenmeyen bir yanıt alındı (${response.status}).`;
  if (response.status === 429) {
    message = retryAfter
      ? `Çok fazla deneme, ${retryAfter} saniye sonra tekrar deneyin.`
      : "Çok fazla deneme, lütfen biraz sonra tekrar deneyin.";
  }
  return new ApiError(response.status, body?.code ?? "http_error", message, body?.requestId, retryAfter, body?.details);
}

type Ok<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

/**
 * Awaits a typed-client call and returns its success body, or throws an ApiError.
 * `const { items } = await request(api.api.provinces[":code"].districts.$get({ param: { code } }))`
 */
export async function request<R extends ClientResponse<unknown, number, "json" | "text" | string>>(
  call: Promise<R>,
): Promise<Ok<R>> {
  const response = (await call) as unknown as Response;
  if (!response.ok) throw await toError(response);
  return (response.status === 204 ? undefined : await response.json().catch(() => undefined)) as Ok<R>;
}

/**
 * Untyped JSON call, for an endpoint the typed client cannot describe yet (a sub-app not yet
 * registered in app.ts); prefer `request(api…)` once it is.
 */
export async function fetchJson<T>(
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await apiFetch(path, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers: {
      accept: "application/json",
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  if (!response.ok) throw await toError(response);
  return (response.status === 204 ? undefined : await response.json().catch(() => undefined)) as T;
}

/** The message to show for anything thrown by an API call. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : "Beklenmeyen bir hata oluştu.";
}
