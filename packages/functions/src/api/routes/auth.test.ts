/**
 * Sign-in limits (README, "Sign-in limits"): wrong codes from elsewhere cannot lock the owner
 * out, guessing stays bounded per code and per address per day, and one shared network address
 * (a school, a district office) can sign in its people while one address spraying guesses is stopped.
 */
import { outbox } from "@bigep/core/mail";
import { useClock } from "@bigep/core/util/clock";
import { describe, expect, it } from "vitest";
import { userWith } from "../../../../../test/helpers/auth";
import { app } from "../app";

const json = { "content-type": "application/json" };

/** Asks for a code from `ip`; returns the status and the challenge cookie it set. */
async function ask(email: string, ip: string): Promise<{ status: number; cookie: string }> {
  const res = await app.request("/api/auth/code", {
    method: "POST",
    headers: { ...json, "x-forwarded-for": ip },
    body: JSON.stringify({ email }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { status: res.status, cookie };
}

async function verify(email: string, code: string, ip: string, cookie = ""): Promise<Response> {
  return app.request("/api/auth/verify", {
    method: "POST",
    headers: { ...json, "x-forwarded-for": ip, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, code }),
  });
}

async function latestCode(email: string): Promise<string> {
  const [mail] = await outbox({ to: email, limit: 1 });
  const code = mail?.text.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`no code for ${email}`);
  return code;
}

/** A 6-digit code that is not `code`. */
const wrong = (code: string, i = 0) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");

describe("a flood of wrong codes does not lock the owner out", () => {
  it("after 11 wrong codes from 10 addresses the owner asks for a fresh code and signs in", async () => {
    // Prepare: the attacker asks for a code for the owner's address (it goes to the owner's inbox)
    const owner = await userWith([]);
    const attacker = await ask(owner.email, "203.0.113.1");
    expect(attacker.status).toBe(202);
    const attackerCode = await latestCode(owner.email);

    // Act: 11 wrong codes from 10 network addresses, with and without the attacker's challenge
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const ip = `203.0.113.${1 + (i % 10)}`;
      statuses.push((await verify(owner.email, wrong(attackerCode, i), ip, i < 5 ? attacker.cookie : "")).status);
    }
    const fresh = await ask(owner.email, "198.51.100.7");
    const signedIn = await verify(owner.email, await latestCode(owner.email), "198.51.100.7", fresh.cookie);

    // Assess
    expect(statuses).toEqual(Array(11).fill(401));
    expect(fresh.status).toBe(202);
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { user: { email: string } }).user.email).toBe(owner.email);
  });

  it("the owner's code stays good while wrong codes arrive for the address from elsewhere", async () => {
    // Prepare: the owner asks first
    const owner = await userWith([]);
    const mine = await ask(owner.email, "198.51.100.8");
    const code = await latestCode(owner.email);
    const theirs = await ask(owner.email, "203.0.113.20");

    // Act: 20 wrong codes for the address, with the attacker's challenge or none
    for (let i = 0; i < 20; i++) {
      await verify(owner.email, wrong(code, i), `203.0.113.${20 + (i % 10)}`, i % 2 ? theirs.cookie : "");
    }
    const res = await verify(owner.email, code, "198.51.100.8", mine.cookie);

    // Assess
    expect(res.status).toBe(200);
  });

  it("a code is accepted only with the challenge of the request that sent it", async () => {
    const owner = await userWith([]);
    await ask(owner.email, "198.51.100.9");
    const code = await latestCode(owner.email);

    // Act: the right code, but without the challenge (another browser), then with a forged one
    const without = await verify(owner.email, code, "203.0.113.40");
    const forged = await verify(owner.email, code, "203.0.113.40", "bigep_sc=AAAAAAAAAAAAAAAAAAAAAA");

    expect([without.status, forged.status]).toEqual([401, 401]);
  });
});

describe("guessing stays bounded", () => {
  it("a code takes 5 attempts: the sixth is refused even when right", async () => {
    const owner = await userWith([]);
    const asked = await ask(owner.email, "198.51.100.10");
    const code = await latestCode(owner.email);

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await verify(owner.email, wrong(code, i), "198.51.100.10", asked.cookie)).status);
    const right = await verify(owner.email, code, "198.51.100.10", asked.cookie);

    expect(statuses).toEqual(Array(5).fill(401));
    expect(right.status).toBe(401);
  });

  it("an address is issued at most 10 codes an Istanbul day (so at most 50 guesses)", async () => {
    // Prepare: a morning in Istanbul (10:00), so the day does not turn during the test
    const owner = await userWith([]);
    let at = Date.parse("2026-12-01T07:00:00.000Z");
    const restore = useClock({ now: () => new Date(at) });
    try {
      // Act: 5 codes (the 15-minute limit), 16 minutes later 5 more, then 16 minutes later one more
      const statuses: number[] = [];
      for (let batch = 0; batch < 3; batch++) {
        for (let i = 0; i < (batch < 2 ? 5 : 1); i++)
          statuses.push((await ask(owner.email, `198.51.100.${30 + batch}`)).status);
        at += 16 * 60_000;
      }
      // The next Istanbul day (after 21:00 UTC) the address gets codes again
      at = Date.parse("2026-12-01T21:00:30.000Z");
      const nextDay = await ask(owner.email, "198.51.100.33");

      // Assess
      expect(statuses).toEqual([...Array(10).fill(202), 429]);
      expect(nextDay.status).toBe(202);
    } finally {
      restore();
    }
  });
});

describe("limits per network address", () => {
  it("60 people sign in through one shared address within an hour", { timeout: 180_000 }, async () => {
    // Prepare: 60 staff of one school
    const staff = [];
    for (let i = 0; i < 60; i += 10) staff.push(...(await Promise.all(Array.from({ length: 10 }, () => userWith([])))));
    const school = "192.0.2.50";

    // Act: ten at a time, as a staff room on a Monday morning
    const statuses: number[][] = [];
    for (let i = 0; i < staff.length; i += 10) {
      statuses.push(
        ...(await Promise.all(
          staff.slice(i, i + 10).map(async (person) => {
            const asked = await ask(person.email, school);
            const res = await verify(person.email, await latestCode(person.email), school, asked.cookie);
            return [asked.status, res.status];
          }),
        )),
      );
    }

    // Assess
    expect(statuses).toEqual(Array(60).fill([202, 200]));
  });

  it("one address spraying wrong codes over many accounts is stopped after 100 failures", {
    timeout: 60_000,
  }, async () => {
    const spray = "203.0.113.99";
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) {
      statuses.push((await verify(`kisi${i}@spray.test`, "123456", spray, "bigep_sc=AAAAAAAAAAAAAAAAAAAAAA")).status);
    }

    expect(statuses.slice(0, 100)).toEqual(Array(100).fill(401));
    expect(statuses[100]).toBe(429);
  });

  it("one address asking codes for many accounts gets 300 an hour, not more", { timeout: 120_000 }, async () => {
    const spray = "203.0.113.98";
    const statuses: number[] = [];
    // 20 at a time: the counter is conditional, so concurrency cannot pass the limit
    for (let i = 0; i < 320; i += 20) {
      const batch = Array.from({ length: 20 }, (_, j) => ask(`hedef${i + j}@spray.test`, spray));
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }

    expect(statuses.filter((s) => s === 202)).toHaveLength(300);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });
});
