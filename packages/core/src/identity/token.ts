/**
 * Access tokens: short-lived HS256 JWTs (jose) naming the user and the session. They carry no
 * grants: every request re-reads the user's partition (one Query), so deactivation, revoked
 * roles and closed sessions take effect at once, not when the token expires.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
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

function key(): Uint8Array {
  return new TextEncoder().encode(secret());
}

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
    .sign(key());
}

/**
 * The claims of a valid access token, or undefined for anything else: bad signature, expired,
 * wrong issuer/audience, or any algorithm but HS256 (so `alg: none` is refused).
 */
export async function verifyAccess(token: string): Promise<{ userId: string; sessionId: string } | undefined> {
  try {
    const { payload } = await jwtVerify(token, key(), {
      algorithms: ["HS256"],
      issuer,
      audience,
      currentDate: now(),
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return undefined;
    return { userId: payload.sub, sessionId: payload.sid };
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
