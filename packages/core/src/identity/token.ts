/**
 * Access tokens: short-lived HS256 JWTs (jose) naming the user and the session. They carry no
 * grants: every request re-reads the user's partition (one Query), so deactivation, revoked
 * roles and closed sessions take effect at once, not when the token expires.
 */
import { createHash, createHmac, timingSafeEqual, webcrypto } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { now } from "../util/clock";
import { config } from "../util/config";

const issuer = "bigep";
const audience = "bigep-api";
/** Access token lifetime, seconds. */
export const accessTtl = 15 * 60;

/** The signing secret; in AWS it is fetched at cold start (`loadSecrets`) before any request. */
function secret(): string {
  const value = config().authSecret;
  if (!value) throw new Error("auth secret is not configured (BIGEP_AUTH_SECRET or BIGEP_AUTH_SECRET_ARN)");
  return value;
}

/**
 * The HMAC key, imported once per secret: given raw bytes, jose imports them into WebCrypto on
 * every call, which was a measurable share of a request's CPU (BENCHMARKS.md).
 */
let imported: { secret: string; key: Promise<webcrypto.CryptoKey> } | undefined;
function key(): Promise<webcrypto.CryptoKey> {
  const value = secret();
  if (imported?.secret !== value) {
    const key = webcrypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(value),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    imported = { secret: value, key };
  }
  return imported.key;
}

/**
 * Tokens whose signature and claims were verified, by their exact text (signature included, so
 * a forged or altered token never matches). A hit still checks the expiry against the clock and
 * belongs to the current secret; nothing else about a token can change. Revocation is unaffected:
 * every request still reads the user's partition. Bounded: the oldest entries go first.
 */
const verified = new Map<string, { secret: string; userId: string; sessionId: string; expiresAt: number }>();
const verifiedMax = 10_000;

/** Signs an access token for a session. */
export async function signAccess(claims: { userId: string; sessionId: string }): Promise<string> {
  const issuedAt = Math.floor(now().getTime() / 1000);
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + accessTtl)
    .sign(await key());
}

/**
 * The claims of a valid access token, or undefined for anything else: bad signature, expired,
 * wrong issuer/audience, or any algorithm but HS256 (so `alg: none` is refused).
 */
export async function verifyAccess(token: string): Promise<{ userId: string; sessionId: string } | undefined> {
  const known = verified.get(token);
  if (known) {
    // jose accepts a token until `exp` (exclusive) with no clock tolerance; the same rule here.
    if (known.secret === secret() && now().getTime() / 1000 < known.expiresAt) {
      return { userId: known.userId, sessionId: known.sessionId };
    }
    verified.delete(token);
  }
  try {
    const { payload } = await jwtVerify(token, await key(), {
      algorithms: ["HS256"],
      issuer,
      audience,
      currentDate: now(),
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return undefined;
    const claims = { userId: payload.sub, sessionId: payload.sid };
    if (typeof payload.exp === "number") {
      if (verified.size >= verifiedMax) verified.delete(verified.keys().next().value as string);
      verified.set(token, { secret: secret(), ...claims, expiresAt: payload.exp });
    }
    return claims;
  } catch {
    return undefined;
  }
}

/** SHA-256 hex digest; `peppered` makes it an HMAC keyed by the auth secret (for low-entropy values like codes). */
export function digest(value: string, peppered = false): string {
  return (peppered ? createHmac("sha256", secret()) : createHash("sha256")).update(value).digest("hex");
}

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
