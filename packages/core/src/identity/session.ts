/**
 * Sessions: a revocable refresh session stored in the user's partition (TTL) plus short-lived
 * access tokens. The refresh token is `userId.sessionId.secret`; only the secret's SHA-256 is
 * stored, and it rotates on every refresh, so a rotated-out or revoked token cannot refresh.
 */
import { randomBytes } from "node:crypto";
import * as z from "zod";
import { type Actor, context, useUser } from "../actor";
import { Audit } from "../audit";
import { isConditionFailure, put, remove, TransactionCanceled, type TxItem, transact } from "../db";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema } from "../util/id";
import { type Account, grantsOf, load, type SessionItem } from "./account";
import { entities } from "./entities";
import { homeScope } from "./scope";
import { digest, sameDigest, signAccess, verifyAccess } from "./token";

/** Refresh session lifetime, seconds (absolute: refreshing does not extend it). */
export const refreshTtl = 30 * 24 * 60 * 60;

/** Open sessions a user may hold; signing in once more ends the oldest (keeps the account read small). */
export const maxSessions = 10;

export const Info = z
  .object({
    id: z.string(),
    provider: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string(),
    userAgent: z.string().optional(),
    ip: z.string().optional(),
    current: z.boolean(),
  })
  .meta({ id: "Session" });
export type Info = z.infer<typeof Info>;

export type Tokens = { sessionId: string; accessToken: string; refreshToken: string };

const nowSeconds = () => Math.floor(now().getTime() / 1000);
const newSecret = () => randomBytes(32).toString("base64url");

/**
 * Opens a session for a user whose identity a provider has just verified and, in the same
 * transaction, ends the oldest ones beyond `maxSessions` (expired or not: TTL deletion lags) and
 * stores what `also` adds for the new session id (the sign-in's audit event).
 */
export async function open(
  input: { userId: string; provider: string; userAgent?: string },
  also: (sessionId: string) => Promise<TxItem[]> = async () => [],
): Promise<Tokens> {
  const sessionId = createId("session");
  const secret = newSecret();
  const at = now().toISOString();
  const { ip } = context();
  const { Session } = entities();
  // Session ids are ULIDs: key order is opening order, oldest first.
  const { data: held } = await Session.query.account({ userId: input.userId }).go({ pages: "all" });
  const extra = await also(sessionId);
  // A transaction takes 100 items; any excess beyond that goes at the next sign-in.
  const ended = held.slice(0, Math.max(0, held.length - (maxSessions - 1))).slice(0, 99 - extra.length);
  try {
    await transact([
      put(
        Session.create({
          userId: input.userId,
          sessionId,
          secretHash: digest(secret),
          provider: input.provider,
          ...(input.userAgent ? { userAgent: input.userAgent.slice(0, 300) } : {}),
          ...(ip ? { ip } : {}),
          createdAt: at,
          lastUsedAt: at,
          expiresAt: nowSeconds() + refreshTtl,
        }),
      ),
      ...ended.map((s) => remove(Session.delete({ userId: s.userId, sessionId: s.sessionId }))),
      ...extra,
    ]);
  } catch (error) {
    // A concurrent write to an ended session.
    if (error instanceof TransactionCanceled)
      throw new VisibleError("busy", "session_busy", "Oturum şu an açılamadı; lütfen yeniden deneyin.", undefined, 1);
    throw error;
  }
  return {
    sessionId,
    accessToken: await signAccess({ userId: input.userId, sessionId }),
    refreshToken: `${input.userId}.${sessionId}.${secret}`,
  };
}

const RefreshToken = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const [userId, sessionId, secret, ...rest] = text.split(".");
    const ids = z.object({ userId: idSchema("user"), sessionId: idSchema("session") });
    const parsed = ids.safeParse({ userId, sessionId });
    if (!parsed.success || !secret || rest.length > 0 || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
      ctx.addIssue({ code: "custom", message: "Geçersiz oturum." });
      return z.NEVER;
    }
    return { ...parsed.data, secret };
  });

const expired = () => new VisibleError("auth", "session_expired", "Oturumunuz sona erdi, lütfen yeniden giriş yapın.");

function live(account: Account | undefined, sessionId: string): SessionItem | undefined {
  if (account?.user.status !== "active") return undefined;
  return account.sessions.find((s) => s.sessionId === sessionId && s.expiresAt > nowSeconds());
}

/** Rotates a refresh token: new secret, new access token; 401 for unknown, rotated-out, revoked or expired ones. */
export async function refresh(token: string): Promise<Tokens> {
  const parsed = RefreshToken.safeParse(token);
  if (!parsed.success) throw expired();
  const { userId, sessionId, secret } = parsed.data;
  const session = live(await load(userId), sessionId);
  if (!session || !sameDigest(digest(secret), session.secretHash)) throw expired();
  const next = newSecret();
  try {
    await entities()
      .Session.patch({ userId, sessionId })
      .set({ secretHash: digest(next), lastUsedAt: now().toISOString() })
      .where((s, { eq }) => eq(s.secretHash, session.secretHash))
      .go();
  } catch (error) {
    // Another refresh with the same token won the race; this one is now rotated out.
    if (isConditionFailure(error)) throw expired();
    throw error;
  }
  return {
    sessionId,
    accessToken: await signAccess({ userId, sessionId }),
    refreshToken: `${userId}.${sessionId}.${next}`,
  };
}

/**
 * Ends the session a refresh token names (logout without an access token), but only when the
 * token carries that session's current secret: ids alone (seen in audit data) end nothing.
 */
export async function closeByRefresh(token: string): Promise<void> {
  const parsed = RefreshToken.safeParse(token);
  if (!parsed.success) return;
  const { userId, sessionId, secret } = parsed.data;
  try {
    await entities()
      .Session.delete({ userId, sessionId })
      .where((s, { eq }) => eq(s.secretHash, digest(secret)))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * The actor an access token stands for, or undefined: the token must verify, the user must be
 * active and the session still open. Grants are the user's current assignments.
 */
export async function resolve(token: string): Promise<Extract<Actor, { type: "user" }> | undefined> {
  const claims = await verifyAccess(token);
  if (!claims) return undefined;
  const account = await load(claims.userId);
  if (!account || !live(account, claims.sessionId)) return undefined;
  return {
    type: "user",
    userId: account.user.userId,
    email: account.user.email,
    name: account.user.name,
    sessionId: claims.sessionId,
    grants: grantsOf(account.assignments),
  };
}

/** The caller's open sessions, newest first. */
export async function list(): Promise<Info[]> {
  const user = useUser();
  const account = await load(user.userId);
  return (account?.sessions ?? [])
    .filter((s) => s.expiresAt > nowSeconds())
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((s) => ({
      id: s.sessionId,
      provider: s.provider,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      ...(s.userAgent ? { userAgent: s.userAgent } : {}),
      ...(s.ip ? { ip: s.ip } : {}),
      current: s.sessionId === user.sessionId,
    }));
}

/**
 * Ends one of the caller's own sessions (its access tokens stop working at once); 404 if not
 * theirs. The deletion and its `session.revoke` event are one transaction.
 */
export const revoke = fn(idSchema("session"), async (sessionId): Promise<void> => {
  const user = useUser();
  try {
    await transact([
      remove(
        entities()
          .Session.delete({ userId: user.userId, sessionId })
          .where((s, { exists }) => exists(s.sessionId)),
      ),
      await Audit.entry({
        action: "session.revoke",
        entity: { type: "user", id: user.userId },
        scope: homeScope(user.grants),
        data: { sessionId },
      }),
    ]);
  } catch (error) {
    if (isConditionFailure(error)) throw new VisibleError("not_found", "not_found", "Oturum bulunamadı.");
    throw error;
  }
});

/**
 * Signs the caller out: ends the session of their access token and records `auth.signout`, in one
 * transaction (a session already gone still records the sign-out).
 */
export async function signOut(): Promise<void> {
  const user = useUser();
  if (!user.sessionId) return;
  await transact([
    remove(entities().Session.delete({ userId: user.userId, sessionId: user.sessionId })),
    await Audit.entry({
      action: "auth.signout",
      entity: { type: "user", id: user.userId },
      scope: homeScope(user.grants),
      data: { sessionId: user.sessionId },
    }),
  ]);
}
