/**
 * The API Lambda loads one domain's routes per request (packages/functions/src/api/parts.ts).
 * Its manifest is a second list of the mounts in `app.ts`; these tests keep the two equal and
 * check that the Lambda answers as the whole app does.
 */
import { describe, expect, it } from "vitest";
import { app } from "../packages/functions/src/api/app";
import { handler } from "../packages/functions/src/api/lambda";
import { partFor, parts } from "../packages/functions/src/api/parts";

type Doc = { paths: Record<string, Record<string, unknown>> };

/** A Function URL event (payload 2.0), as Lambda passes it. */
function event(method: string, path: string, headers: Record<string, string> = {}) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host: "api.example", ...headers },
    requestContext: {
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test" },
      requestId: "test",
      routeKey: "$default",
      stage: "$default",
    },
    isBase64Encoded: false,
  };
}

type LambdaResult = { statusCode: number; body: string; headers?: Record<string, string> };
const call = async (method: string, path: string, headers?: Record<string, string>) =>
  (await handler(event(method, path, headers) as never, { awsRequestId: "test" } as never)) as LambdaResult;

describe("the Lambda's route manifest", () => {
  it("serves every operation of the whole app from the part chosen for its path", async () => {
    // Prepare: the operations of the whole app, and each part's own operations
    const doc = (await (await app.request("/api/openapi.json")).json()) as Doc;
    const whole = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = new Map<string, Set<string>>();
    for (const [prefix, load] of Object.entries(parts)) {
      const keys = new Set<string>();
      for (const sub of await load()) {
        for (const d of sub.openAPIRegistry.definitions) {
          if (d.type !== "route") continue;
          const path = `${prefix}${d.route.path === "/" ? "" : d.route.path}`.replace(/:(\w+)/g, "{$1}");
          keys.add(`${d.route.method.toUpperCase()} ${path}`);
        }
      }
      served.set(prefix, keys);
    }

    // Act: where the Lambda would send each operation
    const missing = whole.filter((key) => {
      const path = key.slice(key.indexOf(" ") + 1);
      if (path === "/api/health" || path === "/api/openapi.json") return false; // the entry and the whole app
      const prefix = partFor(path);
      return !prefix || !served.get(prefix)?.has(key);
    });

    // Assess
    expect(whole.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it("picks the longest prefix, sends the document to the whole app and leaves unknown paths to the 404", () => {
    expect(partFor("/api/public/certificates/ABCDEFGHJK")).toBe("/api/public/certificates");
    expect(partFor("/api/partnerships/p1/meetings")).toBe("/api/partnerships");
    expect(partFor("/api/openapi.json")).toBe("*whole");
    expect(partFor("/api/docs/assets/swagger-ui.css")).toBe("*whole");
    expect(partFor("/api/activitiesX")).toBeUndefined();
    expect(partFor("/api/nothing")).toBeUndefined();
  });
});

describe("the API Lambda", () => {
  it("answers health from its entry, with a request id", async () => {
    const res = await call("GET", "/api/health");
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: "ok" });
    expect(res.headers?.["x-request-id"]).toBeTruthy();
  });

  it("answers a domain path as the whole app does: anonymous 401 before anything else", async () => {
    const viaLambda = await call("GET", "/api/activities/act_01JD0000000000000000000000");
    const viaApp = await app.request("/api/activities/act_01JD0000000000000000000000");
    expect(viaLambda.statusCode).toBe(401);
    expect(viaApp.status).toBe(401);
    expect(JSON.parse(viaLambda.body).code).toBe(((await viaApp.json()) as { code: string }).code);
  });

  it("answers an unknown path with the shared Turkish 404, and serves the whole OpenAPI document", async () => {
    const unknown = await call("GET", "/api/nothing-here");
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ code: "not_found", message: "İstenen adres bulunamadı." });

    const doc = await call("GET", "/api/openapi.json");
    const whole = (await (await app.request("/api/openapi.json")).json()) as Doc;
    expect(doc.statusCode).toBe(200);
    expect(Object.keys((JSON.parse(doc.body) as Doc).paths)).toEqual(Object.keys(whole.paths));
  });
});
