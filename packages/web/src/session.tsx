/**
 * Who is signed in, for every component: `useSession()`. The session lives in httpOnly
 * cookies; the browser only asks `/api/me` (apiFetch renews an expired access token once).
 */
import type { Role } from "@bigep/core/actor";
import type { SignIn } from "@bigep/core/identity";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, request } from "./api";

/** The body of GET /api/me and of a successful POST /api/auth/verify. */
export type Me = SignIn.Me;

export type Session = {
  status: "loading" | "signed-in" | "signed-out";
  me: Me | null;
  /** Set when /api/me failed for a reason other than "not signed in". */
  error: string | null;
  /** Use the body of a successful sign-in without another round trip. */
  signedIn(me: Me): void;
  reload(): Promise<void>;
  signOut(): Promise<void>;
  /** True if the user holds any of `roles` (in any scope). */
  hasRole(roles: readonly Role[]): boolean;
};

const SessionContext = createContext<Session | null>(null);

/** The current session; components must be inside <SessionProvider>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<Session["status"]>("loading");
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    // No sign-in on this browser (the server's readable hint cookie): signed out without asking,
    // so an anonymous page load logs no 401.
    if (!document.cookie.split("; ").some((c) => c.startsWith("bigep_session="))) {
      setMe(null);
      setStatus("signed-out");
      setError(null);
      return;
    }
    try {
      const body = await request(api.api.me.$get());
      setMe(body);
      setStatus("signed-in");
      setError(null);
    } catch (failure) {
      setMe(null);
      setStatus("signed-out");
      setError(failure instanceof ApiError && failure.status !== 401 ? failure.message : null);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      error,
      signedIn(next) {
        setMe(next);
        setStatus("signed-in");
        setError(null);
      },
      reload,
      async signOut() {
        await request(api.api.auth.logout.$post()).catch(() => undefined);
        setMe(null);
        setStatus("signed-out");
      },
      hasRole: (roles) => !!me?.grants.some((grant) => roles.includes(grant.role)),
    }),
    [status, me, error, reload],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
