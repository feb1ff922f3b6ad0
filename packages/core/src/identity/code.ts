/**
 * The e-mail code identity provider: a 6-digit code, valid 10 minutes, stored only as an HMAC
 * (peppered with the auth secret) in a TTL item, compared in constant time.
 *
 * Each request issues its own code under a random challenge id that only the requesting browser
 * holds (the route keeps it in an httpOnly cookie), and each code has its own 5 attempts. Wrong
 * codes therefore spend only the attempts of a code the guesser asked for: a flood of wrong codes
 * from elsewhere cannot touch the code the owner asks for next. Guessing stays bounded by the
 * number of codes an address can be issued a day (`codePerEmailDay` × `maxAttempts`; README,
 * "Sign-in limits"). Per-IP limits are sized for a school or district office behind one shared
 * address, and count failures separately so one address spraying guesses is stopped.
 */
import { randomBytes, randomInt } from "node:crypto";
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

const hour = 60 * 60;
const day = 24 * hour;

export const limits = {
  /** Codes an address can be sent in 15 minutes (keeps an inbox from being flooded). */
  codePerEmail: { name: "code-email", max: 5, windowSeconds: 15 * 60 },
  /** Codes an address can be issued per Istanbul day: with `maxAttempts`, the bound on guesses. */
  codePerEmailDay: { name: "code-email-day", max: 10, windowSeconds: day },
  /** Code requests per network address: a school or district office behind one NAT, at its busiest hour. */
  codePerIp: { name: "code-ip", max: 300, windowSeconds: hour },
  /** Verifications per network address, right or wrong (each sign-in is one, two with a typo). */
  verifyPerIp: { name: "verify-ip", max: 600, windowSeconds: hour },
  /** Wrong codes per network address (right ones are given back): stops one address spraying guesses. */
  verifyFailuresPerIp: { name: "verify-fail-ip", max: 100, windowSeconds: hour },
  verifyFailuresPerIpDay: { name: "verify-fail-ip-day", max: 300, windowSeconds: day },
} satisfies Record<string, Limit>;

/** A challenge id: 128 random bits, base64url. */
export const Challenge = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

export const StartInput = z.object({ email: Email });
export const FinishInput = z.object({
  email: Email,
  code: z.string().regex(/^\d{6}$/, { message: "Kod 6 haneli olmalı." }),
  /** The challenge of the code request this browser made; missing or foreign → the code is wrong. */
  challenge: z.string().max(64).optional(),
});

const nowSeconds = () => Math.floor(now().getTime() / 1000);
const hashOf = (emailKey: string, challenge: string, code: string) => digest(`${emailKey}:${challenge}:${code}`, true);
const invalid = () => new VisibleError("auth", "invalid_code", "Kod hatalı ya da süresi dolmuş.");

/**
 * Sends a code to an active user's address and returns the challenge the caller must present
 * with it. Unknown and inactive addresses get a challenge too (nothing stored), the same answer
 * and the same rate limits, so the endpoint does not reveal who has an account.
 */
const start = fn(StartInput, async ({ email }): Promise<{ challenge: string }> => {
  const emailKey = normalizeEmail(email);
  const challenge = randomBytes(16).toString("base64url");
  await hit(limits.codePerIp, context().ip ?? "unknown");
  await hit(limits.codePerEmail, emailKey);
  await hit(limits.codePerEmailDay, emailKey);
  const user = await byEmail(email);
  if (user?.status !== "active") return { challenge };
  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  await entities()
    .SignInCode.create({
      emailKey,
      challenge,
      userId: user.userId,
      codeHash: hashOf(emailKey, challenge, code),
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
      "Kod 10 dakika geçerlidir, yalnızca bir kez ve yalnızca kodu istediğiniz tarayıcıda kullanılabilir. " +
      "Bu isteği siz yapmadıysanız bu iletiyi dikkate almayın.\n",
  });
  return { challenge };
});

/**
 * Checks a code against the challenge the caller holds. Each attempt first spends one of that
 * code's 5 (atomic `ADD` under `attempts < 5` and not expired), then compares; a match deletes
 * the code (only one request can win it). Every attempt counts against the caller's network
 * address first and a successful one is given back, so the per-IP failure limits count failures.
 */
const finish = fn(FinishInput, async ({ email, code, challenge }): Promise<{ userId: string }> => {
  const emailKey = normalizeEmail(email);
  const ip = context().ip ?? "unknown";
  await hit(limits.verifyPerIp, ip);
  await hit(limits.verifyFailuresPerIp, ip);
  await hit(limits.verifyFailuresPerIpDay, ip);
  if (!challenge || !Challenge.safeParse(challenge).success) throw invalid();
  const { SignInCode } = entities();
  let stored: { userId: string; codeHash: string };
  try {
    const { data } = await SignInCode.patch({ emailKey, challenge })
      .add({ attempts: 1 })
      .where((c, { lt, gt }) => `${lt(c.attempts, maxAttempts)} AND ${gt(c.expiresAt, nowSeconds())}`)
      .go({ response: "all_new" });
    stored = data as typeof stored;
  } catch (error) {
    if (isConditionFailure(error)) throw invalid();
    throw error;
  }
  const presented = hashOf(emailKey, challenge, code);
  if (!sameDigest(presented, stored.codeHash)) throw invalid();
  try {
    await SignInCode.delete({ emailKey, challenge })
      .where((c, { eq }) => eq(c.codeHash, presented))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw invalid();
    throw error;
  }
  await release(limits.verifyFailuresPerIp, ip);
  await release(limits.verifyFailuresPerIpDay, ip);
  return { userId: stored.userId };
});

export const emailCode: IdentityProvider<
  z.input<typeof StartInput>,
  z.input<typeof FinishInput>,
  { challenge: string }
> = {
  id: "email-code",
  start,
  finish,
  subject: ({ email }) => ({ type: "email", id: normalizeEmail(email).slice(0, 128) }),
};
