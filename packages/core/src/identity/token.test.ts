/**
 * Access tokens, including the cache of verified tokens: a token once verified is accepted
 * without re-verifying only while it is still valid, and only in exactly the form it was verified.
 */
import { afterEach, describe, expect, it } from "vitest";
import { useClock } from "../util/clock";
import { resetConfig, settle } from "../util/config";
import { accessTtl, signAccess, verifyAccess } from "./token";

const claims = { userId: "usr_01M8QFT2YE7V4DTSJF17JZPE48", sessionId: "ses_01M8QFT2YE7V4DTSJF17JZPE48" };
const issued = new Date("2026-12-01T09:00:00.000Z");
let restore: (() => void) | undefined;

function at(date: Date) {
  restore?.();
  restore = useClock({ now: () => date });
}

afterEach(() => {
  restore?.();
  restore = undefined;
  resetConfig();
});

describe("verifyAccess", () => {
  it("accepts a verified token again until its expiry second, and not from then on", async () => {
    // Prepare: a token issued at 09:00:00 expires at 09:00:00 + accessTtl (jose: valid while now < exp).
    at(issued);
    const token = await signAccess(claims);
    expect(await verifyAccess(token)).toEqual(claims);

    // Act / Assess: the last valid instant, then the expiry instant itself.
    at(new Date(issued.getTime() + accessTtl * 1000 - 1));
    expect(await verifyAccess(token)).toEqual(claims);
    at(new Date(issued.getTime() + accessTtl * 1000));
    expect(await verifyAccess(token)).toBeUndefined();
  });

  it("does not let an altered copy of a verified token through", async () => {
    at(issued);
    const token = await signAccess(claims);
    expect(await verifyAccess(token)).toEqual(claims);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const otherPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, "base64url").toString()),
        sub: "usr_01M8QFT2YE7V4DTSJF17JZPE49",
      }),
    ).toString("base64url");

    expect(await verifyAccess(`${header}.${otherPayload}.${signature}`)).toBeUndefined();
    expect(await verifyAccess(`${header}.${payload}.${signature.slice(0, -2)}AA`)).toBeUndefined();
  });

  it("stops accepting verified tokens when the secret changes", async () => {
    at(issued);
    const token = await signAccess(claims);
    expect(await verifyAccess(token)).toEqual(claims);

    settle({ authSecret: "a-rotated-secret-a-rotated-secret-a-rotated" });

    expect(await verifyAccess(token)).toBeUndefined();
  });
});
