/**
 * The e-mail code identity provider: a 6-digit code, valid 10 minutes, at most 5 attempts,
 * stored only as an HMAC (peppered with the auth secret) in a TTL item keyed by the folded
 * address, compared in constant time. Requests are rate-limited per address and per IP, and so
 * are failed verifications per address across codes (a new code would otherwise reset the count).
 */
import { randomInt } from "node:crypto";
import * as z from "zod";
import { context } from "../actor";
import { isConditionFailure } from "../db";
import { send } from "../mail";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { normalizeEmail } from "../util/text";
import { entities } from "./entities";
import type { IdentityProvider } from "./provider";
import { hit, type Limit, release } from "./rate";
import { digest, sameDigest } from "./token";
import { byEmail, Email } from "./user";

/** Code lifetime, seconds. */
export const codeTtl = 10 * 60;
/** Verification attempts per code; the sixth is refused even with the right code. */
export const maxAttempts = 5;

export const limits = {
  codePerEmail: { name: "code-email", max: 5, windowSeconds: 15 * 60 },
  codePerIp: { name: "code-ip", max: 30, windowSeconds: 15 * 60 },
  verifyPerIp: { name: "verify-ip", max: 60, windowSeconds: 15 * 60 },
  /** Failed verifications of one address, whatever the code: bounds guessing to 10 an hour. */
  verifyFailuresPerEmail: { name: "verify-email", max: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

export const StartInput = z.object({ email: Email });
export const FinishInput = z.object({
  email: Email,
  code: z.string().regex(/^\d{6}$/, { message: "Kod 6 haneli olmalı." }),
});

const nowSeconds = () => Math.floor(now().getTime() / 1000);
const hashOf = (emailKey: string, code: string) => digest(`${emailKey}:${code}`, true);
const invalid = () => new VisibleError("auth", "invalid_code", "Kod hatalı ya da süresi dolmuş.");

/**
 * Sends a code to an active user's address. Unknown and inactive addresses get the same answer
 * and the same rate limits, so the endpoint does not reveal who has an account.
 */
const start = fn(StartInput, async ({ email }): Promise<void> => {
  const emailKey = normalizeEmail(email);
  await hit(limits.codePerIp, context().ip ?? "unknown");
  await hit(limits.codePerEmail, emailKey);
  const user = await byEmail(email);
  if (user?.status !== "active") return;
  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  await entities()
    .SignInCode.put({
      emailKey,
      userId: user.userId,
      codeHash: hashOf(emailKey, code),
      attempts: 0,
      createdAt: now().toISOString(),
      expiresAt: nowSeconds() + codeTtl,
    })
    .go();
  await send({
    to: user.email,
    subject: `BİGEP giriş kodunuz: ${code}`,
    text:
      `Merhaba ${user.name},\n\nBİGEP Platformu giriş kodunuz: ${code}\n\n` +
      "Kod 10 dakika geçerlidir ve yalnızca bir kez kullanılabilir. Bu isteği siz yapmadıysanız " +
      "bu iletiyi dikkate almayın.\n",
  });
});

/**
 * Checks a code. Each attempt first spends one of the 5 (atomic `ADD` under `attempts < 5` and
 * not expired), then compares; a match deletes the code (only one request can win it). Every
 * attempt counts against the address's failure limit first and a successful one is given back,
 * so beyond 10 failures in the hour even the right code is refused (429).
 */
const finish = fn(FinishInput, async ({ email, code }): Promise<{ userId: string }> => {
  const emailKey = normalizeEmail(email);
  await hit(limits.verifyPerIp, context().ip ?? "unknown");
  await hit(limits.verifyFailuresPerEmail, emailKey);
  const { SignInCode } = entities();
  let stored: { userId: string; codeHash: string };
  try {
    const { data } = await SignInCode.patch({ emailKey })
      .add({ attempts: 1 })
      .where((c, { lt, gt }) => `${lt(c.attempts, maxAttempts)} AND ${gt(c.expiresAt, nowSeconds())}`)
      .go({ response: "all_new" });
    stored = data as typeof stored;
  } catch (error) {
    if (isConditionFailure(error)) throw invalid();
    throw error;
  }
  const presented = hashOf(emailKey, code);
  if (!sameDigest(presented, stored.codeHash)) throw invalid();
  try {
    await SignInCode.delete({ emailKey })
      .where((c, { eq }) => eq(c.codeHash, presented))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw invalid();
    throw error;
  }
  await release(limits.verifyFailuresPerEmail, emailKey);
  return { userId: stored.userId };
});

export const emailCode: IdentityProvider<z.input<typeof StartInput>, z.input<typeof FinishInput>> = {
  id: "email-code",
  start,
  finish,
  subject: ({ email }) => ({ type: "email", id: normalizeEmail(email).slice(0, 128) }),
};
