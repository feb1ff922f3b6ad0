/**
 * One regression test per defect the fuzzer (test/fuzz.test.ts) found, each written against the
 * rule it broke, so the defect stays fixed even if a fuzz run stops generating its input.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { dynamo } from "../packages/core/src/db";
import { config } from "../packages/core/src/util/config";
import { app } from "../packages/functions/src/api/app";

async function auditItems(): Promise<Record<string, unknown>[]> {
  const page = await dynamo().send(new ScanCommand({ TableName: config().tableName }));
  return (page.Items ?? []).filter((i) => i.__edb_e__?.S === "audit").map((i) => ({ ip: i.ip?.S, pk: i.pk?.S }));
}

describe("defects found by fuzzing", () => {
  it("a malformed sign-in verification writes no audit event keyed by its unvalidated e-mail", async () => {
    // Prepare: an e-mail that is not one (the schema refuses it) and a code of the wrong length
    const before = await auditItems();

    // Act
    const res = await app.request("/api/auth/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "' OR '1'='1", code: "constructor" }),
    });

    // Assess: refused as input, nothing written
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBeTruthy();
    expect(await auditItems()).toEqual(before);
  });

  it("a wrong code for a well-formed address is still audited, with a forwarded IP only when it is an IP", async () => {
    // Prepare
    const send = (ip: string) =>
      app.request("/api/auth/verify", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body: JSON.stringify({ email: `yok.${Date.now()}@bigep.local`, code: "123456" }),
      });

    // Act
    const garbage = await send("\u00e2\u0080\u00ae<script>");
    const real = await send("203.0.113.7, 10.0.0.1");

    // Assess: both refused (no such account) and audited; only the valid address is kept
    expect([garbage.status, real.status]).toEqual([401, 401]);
    const ips = (await auditItems()).map((i) => i.ip);
    expect(ips).toContain("203.0.113.7");
    expect(ips.filter((ip) => ip !== undefined && ip !== "203.0.113.7")).toEqual([]);
  });
});
