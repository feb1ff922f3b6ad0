import { describe, expect, it } from "vitest";
import { app } from "../packages/functions/src/api/app";

describe("api basics", () => {
  it("answers health with 200", async () => {
    const res = await app.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("serves an OpenAPI 3.1 document", async () => {
    const res = await app.request("/api/openapi.json");
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/health");
  });

  it("answers unknown paths with a JSON 404", async () => {
    const res = await app.request("/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not_found" });
  });
});

describe("validation messages", () => {
  it("explain invalid input in Turkish", async () => {
    // Act: an address that is not an e-mail address
    const res = await app.request("/api/auth/code", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "not-an-address" }),
    });

    // Assess
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; details: { message: string }[] };
    expect(body.code).toBe("invalid_input");
    expect(body.details[0]?.message).toMatch(/Geçersiz/);
  });
});
