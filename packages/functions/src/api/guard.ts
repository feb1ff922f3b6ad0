/**
 * The gate every operation passes before its own validators run, driven by the operation's
 * OpenAPI definition (so the document and the behaviour cannot disagree):
 *
 * 1. authentication: an operation is public only when its definition says `security: []`;
 *    any other answers an anonymous caller 401 before its input is looked at;
 * 2. media type: a body must come with one of the declared content types, else 415;
 * 3. size: a JSON body may be at most `jsonBodyLimit` bytes, else 413 — checked on
 *    Content-Length and, when that is absent, while the body streams in (never parsed whole).
 */
import { VisibleError } from "@bigep/core/util/error";
import type { RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";

/** Largest JSON request body, bytes (256 KiB: the biggest real one, a category list, is a few KiB). */
export const jsonBodyLimit = 256 * 1024;

/** True when the operation may be called without signing in (`security: []` in its definition). */
export function isPublic(route: { security?: readonly unknown[] }): boolean {
  return Array.isArray(route.security) && route.security.length === 0;
}

const isJson = (type: string) => /^application\/([a-z0-9.+-]+\+)?json\b/i.test(type.trim());

/** Does a request's Content-Type satisfy a declared media type? (parameters such as charset ignored) */
function accepts(declared: string, contentType: string): boolean {
  if (isJson(declared)) return isJson(contentType);
  const essence = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return declared === "*/*" || essence === declared.toLowerCase();
}

const tooLarge = () =>
  new VisibleError(
    "too_large",
    "body_too_large",
    `İstek gövdesi çok büyük (JSON için en çok ${jsonBodyLimit / 1024} KB).`,
    { limit: jsonBodyLimit },
  );

const jsonLimit = bodyLimit({
  maxSize: jsonBodyLimit,
  onError: () => {
    throw tooLarge();
  },
});

/**
 * The gate as middleware. `definitions` lists the app's registered operations (read on first
 * use, when every sub-app is mounted).
 */
export function guard(definitions: () => readonly RouteConfig[]): MiddlewareHandler {
  let byRoute: Map<string, RouteConfig> | undefined;
  const lookup = (method: string, path: string) => {
    byRoute ??= new Map(
      definitions().map((route) => [`${route.method.toUpperCase()} ${honoPath(route.path)}`, route] as const),
    );
    return byRoute.get(`${method} ${path}`);
  };

  return async (c: Context, next: Next) => {
    // The first route handler Hono will run for this request is the operation being called.
    const handled = matchedRoutes(c).find((r) => r.method !== "ALL");
    const route = handled ? lookup(handled.method, handled.path) : undefined;
    if (!route) return next();

    const { actor } = c.get("context") as { actor: { type: string } };
    if (!isPublic(route) && actor.type === "public") {
      throw new VisibleError("auth", "unauthenticated", "Lütfen oturum açın.");
    }

    const body = route.request?.body;
    const declared = body?.content ? Object.keys(body.content) : [];
    if (declared.length === 0) return next();
    const contentType = c.req.header("content-type");
    if (!contentType) {
      if (body?.required || c.req.raw.body !== null) return unsupported(c, declared);
      return next();
    }
    if (!declared.some((type) => accepts(type, contentType))) return unsupported(c, declared);
    if (isJson(contentType)) return jsonLimit(c, next);
    return next();
  };
}

/** 415 with the media types the operation takes, in Turkish. */
function unsupported(c: Context, declared: string[]) {
  const requestId = (c.get("requestId") as string | undefined) ?? "unknown";
  return c.json(
    {
      code: "unsupported_media_type",
      message: `İstek gövdesinin türü desteklenmiyor; Content-Type başlığı ${declared.join(" ya da ")} olmalı.`,
      requestId,
      details: { accepted: declared },
    },
    415,
  );
}

/** `/api/users/{id}` → `/api/users/:id`, as Hono registers it (no trailing slash). */
function honoPath(path: string): string {
  const routed = path.replaceAll(/\{([^}]+)\}/g, ":$1");
  return routed.length > 1 ? routed.replace(/\/$/, "") : routed;
}
