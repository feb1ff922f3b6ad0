/**
 * The HTTP layer in front of every operation: authentication before validation, the media type
 * of bodies (415), the JSON body limit (413), and strict `If-Match` versions.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../packages/core/src/org";
import { app } from "../packages/functions/src/api/app";
import { jsonBodyLimit } from "../packages/functions/src/api/guard";
import { type TestUser, userWith } from "./helpers/auth";

const school = { type: "school" as const, id: "710204" };
let principal: TestUser;
let teacher: TestUser;

beforeAll(async () => {
  await seedDemo();
  principal = await userWith([{ role: "principal", scope: school }]);
  teacher = await userWith([{ role: "teacher", scope: school }]);
});

async function send(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string | Blob | ReadableStream<Uint8Array> } = {},
) {
  const res = await app.request(path, { method, ...init, ...(init.body !== undefined ? { duplex: "half" } : {}) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as { code?: string; message?: string } };
}

describe("content type of JSON bodies", () => {
  it("POST /api/auth/code with text/plain is 415 with a Turkish message, not 500", async () => {
    const res = await send("POST", "/api/auth/code", {
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ email: "a@b.org" }),
    });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe("unsupported_media_type");
    expect(res.body.message).toContain("application/json");
  });

  it("POST /api/auth/code with a body and no content type is 415", async () => {
    // A Blob with no type: fetch then sends no Content-Type header at all.
    const res = await send("POST", "/api/auth/code", { body: new Blob([JSON.stringify({ email: "a@b.org" })]) });
    expect(res.status).toBe(415);
  });

  it("POST /api/auth/code with neither a body nor a content type is 415", async () => {
    expect((await send("POST", "/api/auth/code")).status).toBe(415);
  });

  it("PATCH /api/users/{id} (signed in) with text/plain is 415; application/json; charset=utf-8 is accepted", async () => {
    const path = `/api/users/${teacher.userId}`;
    const wrong = await send("PATCH", path, {
      headers: { ...principal.headers, "if-match": '"1"', "content-type": "text/plain" },
      body: JSON.stringify({ name: "Yeni Ad" }),
    });
    expect(wrong.status).toBe(415);
    const right = await send("PATCH", path, {
      headers: { ...principal.headers, "if-match": '"1"', "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: "Yeni Ad" }),
    });
    expect(right.status).toBe(200);
  });

  it("a CSV route refuses JSON with 415", async () => {
    const res = await send("POST", `/api/schools/${school.id}/staff/import`, {
      headers: { ...principal.headers, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(415);
    expect(res.body.message).toContain("text/csv");
  });
});

describe("JSON body limit", () => {
  const big = JSON.stringify({ email: `${"a".repeat(jsonBodyLimit)}@b.org` });

  it(`answers 413 above ${jsonBodyLimit} bytes (Content-Length)`, async () => {
    const res = await send("POST", "/api/auth/code", {
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe("body_too_large");
    expect(res.body.message).toMatch(/çok büyük/);
  });

  it("answers 413 for a streamed body without Content-Length, reading no more than the limit", async () => {
    // Prepare: 50 MB offered in 1 MB chunks; count how much the server pulls
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 50) return controller.close();
        pulled += 1;
        controller.enqueue(chunk);
      },
    });

    // Act
    const res = await send("POST", "/api/auth/code", { headers: { "content-type": "application/json" }, body: stream });

    // Assess: refused after the first chunks, far from 50 MB
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(5);
  });
});

describe("authentication before validation", () => {
  it("an anonymous caller gets 401, not 400, for an invalid body on a protected route", async () => {
    const res = await send("POST", "/api/activities", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ nonsense: true }),
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("unauthenticated");
  });

  it("an anonymous caller gets 401 for an invalid path id and for a wrong content type", async () => {
    expect((await send("GET", "/api/users/not-an-id")).status).toBe(401);
    const res = await send("PATCH", "/api/users/not-an-id", {
      headers: { "content-type": "text/plain", "if-match": "nonsense" },
      body: "x",
    });
    expect(res.status).toBe(401);
  });

  it("public operations still validate for anonymous callers (400)", async () => {
    const res = await send("POST", "/api/auth/code", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "not-an-address" }),
    });
    expect(res.status).toBe(400);
  });
});

describe("If-Match", () => {
  async function patch(ifMatch: string, user: TestUser) {
    return send("PATCH", `/api/users/${user.userId}`, {
      headers: { ...principal.headers, "content-type": "application/json", "if-match": ifMatch },
      body: JSON.stringify({ name: "Değişen Ad" }),
    });
  }

  it.each(["0x1", "1e0", "+1", "1.0", "", " ", '""', "W/1", "0", "-1", '"1", "2"', "*", "1 1"])(
    "refuses %j with 400 invalid_if_match",
    async (value) => {
      const user = await userWith([{ role: "teacher", scope: school }]);
      const res = await patch(value, user);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("invalid_if_match");
    },
  );

  it.each(['"1"', 'W/"1"', "1"])("accepts %j for version 1", async (value) => {
    const user = await userWith([{ role: "teacher", scope: school }]);
    expect((await patch(value, user)).status).toBe(200);
  });
});
