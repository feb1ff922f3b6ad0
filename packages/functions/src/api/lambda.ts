/**
 * The API Lambda (Function URL event). The entry is kept to Hono's core: any path loads, once per
 * container, an app holding the shared middleware (`compose.ts`) and only the domain that serves
 * the path (`parts.ts`). The auth secret is fetched before the first such app runs. The liveness
 * probe `GET /api/health` is answered before Hono: building the web `Request` Hono works on loads
 * Node's fetch implementation, ≈ 60 ms of CPU on a cold start here, which a probe does not need.
 */
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { healthStatus } from "./health-status";
import { partFor, parts } from "./parts";

type Fetch = { fetch: (request: Request, env?: unknown) => Response | Promise<Response> };

let secrets: Promise<void> | undefined;
/** Once per container; a failure is retried by the next request rather than kept. */
function ready(): Promise<void> {
  secrets ??= import("@bigep/core/util/secrets")
    .then((m) => m.loadSecrets())
    .catch((error: unknown) => {
      secrets = undefined;
      throw error;
    });
  return secrets;
}

const apps = new Map<string, Promise<Fetch>>();
/** The app serving a manifest key, built on first use. */
function appFor(key: string | undefined): Promise<Fetch> {
  const name = key ?? "*none";
  let app = apps.get(name);
  if (!app) {
    app = (async () => {
      await ready();
      if (name === "*whole") return (await import("./app")).app;
      const [{ createApi }, subApps] = await Promise.all([import("./compose"), key ? (parts[key]?.() ?? []) : []]);
      const api = createApi();
      for (const sub of subApps) if (key) api.route(key, sub);
      return api;
    })();
    app.catch(() => apps.delete(name));
    apps.set(name, app);
  }
  return app;
}

const entry = new Hono();
entry.all("*", async (c) => (await appFor(partFor(c.req.path))).fetch(c.req.raw, c.env));
const viaHono = handle(entry);

/** The Lambda handler: the probe directly, everything else through Hono. */
export async function handler(event: APIGatewayProxyEventV2, context?: Context) {
  const method = event.requestContext?.http?.method;
  if (event.rawPath === "/api/health" && (method === "GET" || method === "HEAD")) {
    return {
      statusCode: 200,
      headers: {
        "content-type": "application/json",
        "x-request-id": context?.awsRequestId ?? "health",
      },
      body: method === "HEAD" ? "" : JSON.stringify(healthStatus()),
      isBase64Encoded: false,
    };
  }
  // Hono types the event as any of the Lambda events it can read; this function gets Function URL ones.
  return viaHono(event as unknown as Parameters<typeof viaHono>[0], context);
}
