/**
 * The OpenAPI 3.1 document served at /api/openapi.json: the routes' own definitions plus what
 * the HTTP layer adds to every operation, so clients see each response that can really occur —
 * 401 for operations that need a session (see `guard.ts`), 400 where input is validated,
 * 415 and 413 where a body is taken.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { accessCookie } from "./auth";
import { isPublic } from "./guard";
import { type Env, errorDescriptions } from "./lib";

type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, unknown>;
};
type Document = ReturnType<OpenAPIHono<Env>["getOpenAPI31Document"]>;

/** Security schemes: a Bearer access token (API clients) or the web app's httpOnly cookie. */
const securitySchemes = {
  bearerAuth: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "POST /api/auth/verify ile alınan erişim belirteci (15 dakika)",
  },
  cookieAuth: {
    type: "apiKey",
    in: "cookie",
    name: accessCookie,
    description: "Web uygulamasının httpOnly oturum çerezi (aynı belirteç)",
  },
} as const;

const methods = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

function errorResponse(code: keyof typeof errorDescriptions) {
  return {
    description: errorDescriptions[code],
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
}

/** Adds the responses the HTTP layer produces to one operation (never overrides a route's own). */
function complete(operation: Operation): void {
  operation.responses ??= {};
  const responses = operation.responses;
  const add = (code: keyof typeof errorDescriptions) => {
    responses[code] ??= errorResponse(code);
  };
  if (!isPublic(operation)) add(401);
  if (operation.parameters?.length || operation.requestBody) add(400);
  const types = Object.keys(operation.requestBody?.content ?? {});
  if (types.length > 0) add(415);
  if (types.some((t) => t.includes("json"))) add(413);
}

let cached: { app: OpenAPIHono<Env>; doc: Document } | undefined;

/** The document for an app (built once; the routes do not change while it runs). */
export function openApiDocument(app: OpenAPIHono<Env>): Document {
  if (cached?.app === app) return cached.doc;
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "BİGEP Platform API",
      version: "1.0.0",
      description:
        "BİGEP ve Okul Ortaklığı Programı. Oturum: `Authorization: Bearer <erişim belirteci>` ya da " +
        `\`${accessCookie}\` çerezi. \`security: []\` olan işlemler oturum istemez.`,
    },
    servers: [{ url: "/", description: "Aynı köken (CloudFront /api/* ya da yerel sunucu)" }],
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
  });
  doc.components = { ...doc.components, securitySchemes: { ...securitySchemes } };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of methods) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) complete(operation);
    }
  }
  cached = { app, doc };
  return doc;
}
