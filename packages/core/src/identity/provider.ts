/**
 * The identity-provider port. A provider proves who someone is and names the user; sessions,
 * audit and access are provider-independent (signin.ts). Today: e-mail code. A MEBBİS or
 * e-Devlet OIDC adapter would implement the same port — `start` returns the authorization URL
 * (state + PKCE kept in a short-TTL item like the sign-in code), `finish` exchanges the code,
 * verifies the ID token with `jose` against the issuer's JWKS and maps its e-mail claim to a
 * user with `User.byEmail` — without touching any domain.
 */
export interface IdentityProvider<Start, Finish, Started = void> {
  /** Stable name, stored on sessions (e.g. "email-code", "edevlet-oidc"). */
  readonly id: string;
  /** Begins a sign-in (sends a code, or builds a redirect). Must not reveal whether an account exists. */
  start(input: Start): Promise<Started>;
  /**
   * Verifies the proof and returns the active user it identifies; throws a 401 `VisibleError`
   * otherwise.
   */
  finish(input: Finish): Promise<{ userId: string }>;
  /** Names an attempt for the audit log, even one that fails (e.g. the folded e-mail address). */
  subject(input: Start | Finish): { type: string; id: string };
}
