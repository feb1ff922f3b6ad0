/**
 * What every API app shares: request id, the caller (actor, address) and the request log line,
 * the operation gate (`guard.ts`), the one error mapping and the 404. The whole app (`app.ts`)
 * and the Lambda's per-domain apps (`lambda.ts`) are both built from it, so they cannot differ.
 */

import { isIP } from "node:net";
import { withActor } from "@bigep/core/actor";
import { isLocal } from "@bigep/core/util/config";
import { statusOf, VisibleError } from "@bigep/core/util/error";
import { log } from "@bigep/core/util/log";
import { isTransient, retryAfterSeconds } from "@bigep/core/util/transient";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { resolveActor } from "./auth";
import { guard } from "./guard";
import { router } from "./lib";

/**
 * The caller's address, for per-IP rate limits. In AWS a CloudFront function on /api/* writes
 * `x-bigep-client-ip` from the viewer's address, overwriting whatever the client sent; the
 * spoofable X-Forwarded-For is only trusted in local and test stages.
 */
function clientIp(edge: string | undefined, forwarded: string | undefined): string | undefined {
  // Only a well-formed address is kept: it becomes part of rate-limit keys and audit events.
  const ip = edge ?? (isLocal() ? forwarded?.split(",")[0]?.trim() : undefined);
  return ip && isIP(ip) ? ip : undefined;
}

/** A new app with the shared middleware, error mapping and 404; mount the domains with `.route()`. */
export function createApi() {
  const api = router();

  api.use("*", requestId({ headerName: "x-request-id", limitLength: 64 }));

  api.use("*", async (c, next) => {
    const started = performance.now();
    const actor = await resolveActor(c);
    const ip = clientIp(c.req.header("x-bigep-client-ip"), c.req.header("x-forwarded-for"));
    const context = { actor, requestId: c.get("requestId"), ...(ip ? { ip } : {}) };
    c.set("context", context);
    await withActor(context, () => next());
    log().info("request", {
      requestId: context.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      actor: actor.type === "user" ? actor.userId : actor.type,
    });
  });

  // Authentication, media type and body size of every operation, before its validators run.
  api.use(
    "*",
    guard(() => api.openAPIRegistry.definitions.flatMap((d) => (d.type === "route" ? [d.route] : []))),
  );

  api.onError((error, c) => {
    const requestId = c.get("requestId") ?? "unknown";
    if (error instanceof VisibleError) {
      const status = statusOf[error.kind];
      if (error.retryAfter) c.header("Retry-After", String(error.retryAfter));
      return c.json(
        { code: error.code, message: error.message, requestId, ...(error.details ? { details: error.details } : {}) },
        status,
      );
    }
    if (error instanceof HTTPException && error.status === 415) {
      return c.json(
        { code: "unsupported_media_type", message: "İstek gövdesinin türü desteklenmiyor (Content-Type).", requestId },
        415,
      );
    }
    // Hono's JSON validator reports an unparsable body as an HTTPException(400), handlers as a SyntaxError.
    const unparsable = error instanceof SyntaxError || (error instanceof HTTPException && error.status === 400);
    if (unparsable && c.req.header("content-type")?.includes("json")) {
      return c.json({ code: "invalid_json", message: "İstek gövdesi geçerli JSON değil.", requestId }, 400);
    }
    // Throttling, conflicts, S3 SlowDown/5xx, SES limits, timeouts: still failing after the SDK's
    // bounded retries. Try again later, not "broken" (util/transient.ts lists them).
    if (isTransient(error)) {
      log().warn("transient failure", { requestId, error: error as Error });
      c.header("Retry-After", String(retryAfterSeconds));
      return c.json({ code: "busy", message: "Sistem şu anda yoğun, lütfen birazdan tekrar deneyin.", requestId }, 503);
    }
    log().error("unhandled error", { requestId, error: error as Error });
    return c.json({ code: "internal", message: "Beklenmeyen bir hata oluştu.", requestId }, 500);
  });

  api.notFound((c) =>
    c.json(
      { code: "not_found", message: "İstenen adres bulunamadı.", requestId: c.get("requestId") ?? "unknown" },
      404,
    ),
  );
  return api;
}
