/**
 * Resolves the caller from the request into an actor: a Bearer access token (API clients,
 * tests) or the `bigep_at` cookie (the web app). A missing, invalid, expired or revoked token
 * leaves the caller anonymous, so protected operations answer 401 and public ones still work.
 */
import type { Actor } from "@bigep/core/actor";
import { Session } from "@bigep/core/identity";
import type { Context as HonoContext } from "hono";
import { getCookie } from "hono/cookie";

export const accessCookie = "bigep_at";
export const refreshCookie = "bigep_rt";

export async function resolveActor(c: HonoContext): Promise<Actor> {
  const header = c.req.header("authorization");
  const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : getCookie(c, accessCookie);
  if (!token || token.length > 4096) return { type: "public" };
  return (await Session.resolve(token)) ?? { type: "public" };
}
