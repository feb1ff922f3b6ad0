/**
 * Sign-in by e-mail code, token refresh and logout. The access token travels in the httpOnly
 * `bigep_at` cookie (Path=/api, 15 min) and the refresh token in `bigep_rt` (Path=/api/auth,
 * 30 days); both SameSite=Lax, Secure outside localhost. A code request sets `bigep_sc`, the
 * code's challenge (Path=/api/auth, 10 min): a code is accepted only from the browser that asked
 * for it, so wrong codes sent from elsewhere cannot use up the owner's attempts.
 */

import { codeTtl, emailCode, Session, SignIn } from "@bigep/core/identity";
import { config } from "@bigep/core/util/config";
import { VisibleError } from "@bigep/core/util/error";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { accessCookie, refreshCookie } from "../auth";
import { errors, json, router } from "../lib";

const Email = z.string().max(254).openapi({ example: "mudur.710204@bigep.local" });

const Accepted = z.object({ message: z.string() }).openapi("CodeRequested");

function setTokens(c: Context, tokens: Session.Tokens) {
  const secure = config().secureCookies;
  setCookie(c, accessCookie, tokens.accessToken, {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/api",
    maxAge: 15 * 60,
  });
  setCookie(c, refreshCookie, tokens.refreshToken, {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/api/auth",
    maxAge: Session.refreshTtl,
  });
  // Not a secret: tells the web app that a session may exist, so an anonymous visitor's first
  // load does not ask /api/me (a 401 every browser logs as a console error).
  setCookie(c, sessionHintCookie, "1", { secure, sameSite: "Lax", path: "/", maxAge: Session.refreshTtl });
}

/** The cookie holding the challenge of this browser's latest code request. */
export const challengeCookie = "bigep_sc";

/** Readable by scripts (no token in it): "someone signed in on this browser". */
export const sessionHintCookie = "bigep_session";

function clearTokens(c: Context) {
  deleteCookie(c, accessCookie, { path: "/api" });
  deleteCookie(c, refreshCookie, { path: "/api/auth" });
  deleteCookie(c, sessionHintCookie, { path: "/" });
}

/** Mounted at /api/auth. */
export const auth = router()
  .openapi(
    createRoute({
      method: "post",
      path: "/code",
      operationId: "requestSignInCode",
      security: [],
      tags: ["auth"],
      summary: "E-postaya giriş kodu gönder",
      description:
        "Kayıtlı ve etkin bir hesap varsa 6 haneli, 10 dakika geçerli bir kod gönderilir. Yanıt her zaman " +
        "202'dir (hangi adreslerin kayıtlı olduğu açığa çıkmaz) ve kodun yalnızca bu tarayıcıda geçerli " +
        "olmasını sağlayan bigep_sc çerezini ayarlar. Adres ve IP başına sınır aşılırsa 429 ve Retry-After.",
      request: { body: { content: { "application/json": { schema: z.object({ email: Email }) } }, required: true } },
      responses: { 202: json(Accepted, "İstek alındı"), ...errors(400, 429) },
    }),
    async (c) => {
      const { challenge } = await SignIn.start(emailCode, c.req.valid("json"));
      setCookie(c, challengeCookie, challenge, {
        httpOnly: true,
        secure: config().secureCookies,
        sameSite: "Strict",
        path: "/api/auth",
        maxAge: codeTtl,
      });
      return c.json({ message: "Adres kayıtlıysa giriş kodu gönderildi." }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/verify",
      operationId: "verifySignInCode",
      security: [],
      tags: ["auth"],
      summary: "Kodu doğrula ve oturum aç",
      description:
        "Kodu isteyen tarayıcının bigep_sc çereziyle; kod başına en çok 5 deneme. Doğru kod oturum " +
        "çerezlerini (bigep_at, bigep_rt) ayarlar.",
      request: {
        body: {
          content: { "application/json": { schema: z.object({ email: Email, code: z.string().max(16) }) } },
          required: true,
        },
      },
      responses: { 200: json(SignIn.Me, "Oturum açıldı"), ...errors(400, 401, 429) },
    }),
    async (c) => {
      const challenge = getCookie(c, challengeCookie);
      const result = await SignIn.finish(
        emailCode,
        { ...c.req.valid("json"), ...(challenge ? { challenge } : {}) },
        { ...(c.req.header("user-agent") ? { userAgent: c.req.header("user-agent") } : {}) },
      );
      deleteCookie(c, challengeCookie, { path: "/api/auth" });
      setTokens(c, result.tokens);
      return c.json({ user: result.user, grants: result.grants }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/refresh",
      operationId: "refreshSession",
      security: [],
      tags: ["auth"],
      summary: "Oturumu yenile (bigep_rt çerezi döndürülür, yenileri ayarlanır)",
      responses: { 204: { description: "Yenilendi" }, ...errors(401) },
    }),
    async (c) => {
      const token = getCookie(c, refreshCookie);
      if (!token)
        throw new VisibleError("auth", "session_expired", "Oturumunuz sona erdi, lütfen yeniden giriş yapın.");
      try {
        setTokens(c, await Session.refresh(token));
      } catch (error) {
        clearTokens(c);
        throw error;
      }
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/logout",
      operationId: "signOut",
      security: [],
      tags: ["auth"],
      summary: "Oturumu kapat",
      responses: { 204: { description: "Kapatıldı" } },
    }),
    async (c) => {
      const actor = c.get("context").actor;
      if (actor.type === "user" && actor.sessionId) {
        await Session.signOut();
      } else {
        await Session.closeByRefresh(getCookie(c, refreshCookie) ?? "");
      }
      clearTokens(c);
      return c.body(null, 204);
    },
  );
