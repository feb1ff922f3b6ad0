/**
 * Signing in through any identity provider: the provider proves who it is, then this module
 * opens the session and writes the audit trail (every attempt, success or failure).
 */
import * as z from "zod";
import { context, withActor } from "../actor";
import { Audit } from "../audit";
import { VisibleError } from "../util/error";
import { grantsOf, load } from "./account";
import * as Assignment from "./assignment";
import type { IdentityProvider } from "./provider";
import { homeScope } from "./scope";
import * as Session from "./session";

const national = { type: "national" as const, id: "" };

/** Starts a sign-in (e.g. sends a code); the request is audited against its subject. */
export async function start<S, F>(provider: IdentityProvider<S, F>, input: S): Promise<void> {
  await provider.start(input);
  await Audit.record({
    action: "auth.signin.start",
    entity: provider.subject(input),
    scope: national,
    data: { provider: provider.id },
  });
}

/** Who is signed in: the answer of sign-in and of GET /api/me. */
export const Me = z
  .object({ user: z.object({ id: z.string(), name: z.string(), email: z.string() }), grants: z.array(Assignment.Info) })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export type SignedIn = Me & { tokens: Session.Tokens };

/** Finishes a sign-in: verified and active → a new session; anything else → 401, audited either way. */
export async function finish<S, F>(
  provider: IdentityProvider<S, F>,
  input: F,
  meta: { userAgent?: string } = {},
): Promise<SignedIn> {
  let account: Awaited<ReturnType<typeof load>>;
  try {
    const { userId } = await provider.finish(input);
    account = await load(userId);
    if (account?.user.status !== "active") {
      throw new VisibleError("auth", "invalid_code", "Kod hatalı ya da süresi dolmuş.");
    }
  } catch (error) {
    if (error instanceof VisibleError) {
      await Audit.record({
        action: "auth.signin.failed",
        entity: provider.subject(input),
        scope: national,
        data: { provider: provider.id, reason: error.code },
      });
    }
    throw error;
  }
  const { user } = account;
  const grants = grantsOf(account.assignments);
  const tokens = await Session.open({
    userId: user.userId,
    provider: provider.id,
    ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
  });
  const signedIn = { type: "user" as const, userId: user.userId, email: user.email, name: user.name, grants };
  await withActor({ ...context(), actor: { ...signedIn, sessionId: tokens.sessionId } }, () =>
    Audit.record({
      action: "auth.signin",
      entity: { type: "user", id: user.userId },
      scope: homeScope(grants),
      data: { provider: provider.id, sessionId: tokens.sessionId },
    }),
  );
  return { user: { id: user.userId, name: user.name, email: user.email }, grants, tokens };
}
