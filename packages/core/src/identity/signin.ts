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

/**
 * Starts a sign-in (e.g. sends a code) and returns what the provider hands the caller (the code's
 * challenge). The attempt is audited against its subject on its own: it is recorded whether or not
 * an account (and so a stored code) exists, and a request's event must not reveal which.
 */
export async function start<S, F, Started>(provider: IdentityProvider<S, F, Started>, input: S): Promise<Started> {
  const started = await provider.start(input);
  await Audit.record({
    action: "auth.signin.start",
    entity: provider.subject(input),
    scope: national,
    data: { provider: provider.id },
  });
  return started;
}

/** Who is signed in: the answer of sign-in and of GET /api/me. */
export const Me = z
  .object({ user: z.object({ id: z.string(), name: z.string(), email: z.string() }), grants: z.array(Assignment.Info) })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export type SignedIn = Me & { tokens: Session.Tokens };

/**
 * Finishes a sign-in: verified and active → a new session (stored with its audit event in one
 * transaction); anything else → 401, audited either way (a failed attempt changes no data, so its
 * event is recorded on its own).
 */
export async function finish<S, F, Started>(
  provider: IdentityProvider<S, F, Started>,
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
    // A malformed request (kind "input") is not an attempt: its unvalidated e-mail must not become
    // an audit key, and refused input writes nothing. Wrong or expired codes are audited.
    if (error instanceof VisibleError && error.kind !== "input") {
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
  const signedIn = { type: "user" as const, userId: user.userId, email: user.email, name: user.name, grants };
  // The session and the `auth.signin` event (by the user just signed in) are one transaction.
  const tokens = await Session.open(
    { userId: user.userId, provider: provider.id, ...(meta.userAgent ? { userAgent: meta.userAgent } : {}) },
    async (sessionId) => [
      await withActor({ ...context(), actor: { ...signedIn, sessionId } }, () =>
        Audit.entry({
          action: "auth.signin",
          entity: { type: "user", id: user.userId },
          scope: homeScope(grants),
          data: { provider: provider.id, sessionId },
        }),
      ),
    ],
  );
  return { user: { id: user.userId, name: user.name, email: user.email }, grants, tokens };
}
