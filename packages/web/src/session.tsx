/**
 * Who is signed in, for every component: `useSession()`. The session lives in httpOnly
 * cookies; the browser only asks `/api/me` (apiFetch renews an expired access token once).
 */
import type { Action, Scope } from "@bigep/core/shared";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, request } from "./api";

const askMe = () => request(api.api.me.$get());

/** The body of GET /api/me: the person, their grants and what the server says they may do. */
export type Me = Awaited<ReturnType<typeof askMe>>;

declare global {
  interface Window {
    /** GET /api/me, started by index.html before the app's script loaded. */
    bigepMe?: Promise<Response>;
  }
}

/** The person: index.html's early answer the first time it is there and good, else a new call. */
async function fetchMe(): Promise<Me> {
  const early = window.bigepMe;
  window.bigepMe = undefined;
  const response = await early?.catch(() => undefined);
  if (response?.ok) return (await response.json()) as Me;
  return askMe();
}
export type Capabilities = Me["capabilities"];
export type Page = Capabilities["pages"][number];

export type Session = {
  status: "loading" | "signed-in" | "signed-out";
  me: Me | null;
  /** Set when /api/me failed for a reason other than "not signed in". */
  error: string | null;
  /** After a successful sign-in: reads /api/me (with the capabilities the sign-in body lacks). */
  signedIn(): Promise<void>;
  reload(): Promise<void>;
  signOut(): Promise<void>;
  /** True if the server lists `page` among the person's pages. */
  mayOpen(page: Page): boolean;
  /** The scopes in which the server says the person may do `action` (on some records). */
  scopesFor(action: Action): Scope[];
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
      const body = await fetchMe();
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
      signedIn: reload,
      reload,
      async signOut() {
        await request(api.api.auth.logout.$post()).catch(() => undefined);
        setMe(null);
        setStatus("signed-out");
      },
      mayOpen: (page) => !!me?.capabilities.pages.includes(page),
      scopesFor: (action) =>
        (me?.capabilities.scopes ?? []).filter((s) => s.actions.includes(action)).map((s) => s.scope),
    }),
    [status, me, error, reload],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
