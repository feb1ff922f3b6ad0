/**
 * The served API contract, read by Redocly's recommended rules (offline, an npm dev dependency):
 * zero errors, every operation named, every operation's security stated and its 4xx listed.
 */
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { app } from "../packages/functions/src/api/app";

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, unknown> };
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  security?: unknown[];
  components: { securitySchemes?: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
};

async function served(): Promise<{ text: string; doc: Doc }> {
  const res = await app.request("/api/openapi.json");
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, doc: JSON.parse(text) as Doc };
}

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

describe("/api/openapi.json", () => {
  it("has no errors under Redocly's recommended rules", async () => {
    // Prepare
    const { text } = await served();
    const config = await createConfig({ extends: ["recommended"] });

    // Act
    const problems = await lintFromString({ source: text, absoluteRef: "openapi.json", config });

    // Assess: report every error with where it is, so a failure says what to fix
    const errors = problems
      .filter((p) => p.severity === "error")
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? "?"}`);
    expect(errors).toEqual([]);
  });

  it("declares the bearer and cookie schemes and names every operation once", async () => {
    const { doc } = await served();
    expect(doc.components.securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
      cookieAuth: { type: "apiKey", in: "cookie", name: "bigep_at" },
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    const ids = operations(doc).map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("marks exactly the sign-in, health, public org reads and local dev tools as public; the rest answer 401", async () => {
    const { doc } = await served();
    const open = operations(doc)
      .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
      .map(({ key }) => key)
      .sort();
    expect(open).toEqual(
      [
        "GET /api/health",
        "POST /api/auth/code",
        "POST /api/auth/verify",
        "POST /api/auth/refresh",
        "POST /api/auth/logout",
        "GET /api/provinces",
        "GET /api/provinces/{code}",
        "GET /api/provinces/{code}/districts",
        "GET /api/districts/{id}",
        "GET /api/districts/{id}/schools",
        "GET /api/schools",
        "GET /api/schools/{code}",
        "GET /api/categories",
        "GET /api/dev/outbox",
        "POST /api/dev/jobs/{name}",
        "GET /api/dev/job-status/{id}",
        // --- calendar & reminders --- (public dates; a secret feed URL; a signed unsubscribe link)
        "GET /api/calendar/programmes/{programme}/{year}",
        "GET /api/calendar/feed/{token}",
        "POST /api/reminders/unsubscribe",
        // --- partnership: the public showcase ---
        "GET /api/partnerships/{id}/feed",
        "GET /api/partnerships/{id}/snippet",
        // --- review: certificates --- (the public verification a certificate's QR code opens)
        "GET /api/public/certificates/{code}",
      ].sort(),
    );
    for (const { key, op } of operations(doc)) {
      if (!open.includes(key)) expect(op.responses, key).toHaveProperty("401");
    }
  });
});
