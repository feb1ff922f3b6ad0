/**
 * Resolves the caller from the request (session cookie or bearer token) into an actor.
 * The identity domain fills this in; until then every caller is the anonymous public.
 */
import type { Actor } from "@bigep/core/actor";
import type { Context as HonoContext } from "hono";

export async function resolveActor(_c: HonoContext): Promise<Actor> {
  return { type: "public" };
}
