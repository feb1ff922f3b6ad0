/**
 * Signed one-click unsubscribe tokens: they name one person and carry an HMAC under the auth
 * secret, so a link works without signing in and only for that person (a changed id breaks the
 * signature). Tokens carry a purpose label, so one cannot be replayed as anything else.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "../util/config";

function sign(purpose: string, personId: string): string {
  const secret = config().authSecret;
  if (!secret) throw new Error("auth secret is not loaded");
  return createHmac("sha256", secret).update(`${purpose}:${personId}`).digest("base64url");
}

/** A token for `personId` (URL-safe). */
export function unsubscribeToken(personId: string): string {
  return `${Buffer.from(personId).toString("base64url")}.${sign("unsubscribe", personId)}`;
}

/** The person a token names, or undefined when it is malformed or forged. */
export function verifyUnsubscribeToken(token: string): string | undefined {
  const [id, sig] = token.split(".");
  if (!id || !sig || token.split(".").length !== 2) return undefined;
  const personId = Buffer.from(id, "base64url").toString("utf8");
  if (!/^usr_[0-9A-HJKMNP-TV-Z]{26}$/.test(personId)) return undefined;
  const expected = Buffer.from(sign("unsubscribe", personId));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? personId : undefined;
}
