/** The signed-in person: who they are, their roles, what they may do where, their sessions. */

import { Capabilities, capabilities } from "@bigep/core/access";
import { useUser } from "@bigep/core/actor";
import { Home } from "@bigep/core/home";
import { Session, SignIn } from "@bigep/core/identity";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, router } from "../lib";

/** The person and what the policy lets them do, per scope (the web renders this; it keeps no rules). */
const MeView = SignIn.Me.extend({ capabilities: Capabilities }).meta({ id: "MeWithCapabilities" });

const Sessions = z.object({ items: z.array(Session.Info), cursor: z.string().nullable() }).openapi("Sessions");

/** Mounted at /api/me. */
export const me = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      operationId: "getMe",
      tags: ["auth"],
      summary: "Oturum açmış kullanıcı ve rolleri",
      responses: { 200: json(MeView, "Kullanıcı, rolleri ve her kapsamda yapabilecekleri"), ...errors(401) },
    }),
    (c) => {
      const user = useUser();
      return c.json(
        {
          user: { id: user.userId, name: user.name, email: user.email },
          grants: user.grants,
          capabilities: capabilities(user),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/waiting",
      operationId: "getMyWaitingWork",
      tags: ["auth"],
      summary: "Beni bekleyen işler (ana sayfa)",
      request: { query: Home.Input },
      responses: {
        200: json(Home.Waiting, "Bekleyen işlerin sayıları, yalnızca sıfır olmayanlar"),
        ...errors(400, 401),
      },
    }),
    async (c) => c.json(await Home.waiting(c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/sessions",
      operationId: "listMySessions",
      tags: ["auth"],
      summary: "Açık oturumlarım",
      responses: { 200: json(Sessions, "En yeni önce"), ...errors(401) },
    }),
    async (c) => c.json({ items: await Session.list(), cursor: null }, 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/sessions/{id}",
      operationId: "revokeMySession",
      tags: ["auth"],
      summary: "Oturumlarımdan birini kapat",
      request: { params: z.object({ id: z.string().max(64).openapi({ example: "ses_01JD0000000000000000000000" }) }) },
      responses: { 204: { description: "Kapatıldı" }, ...errors(400, 401, 404) },
    }),
    async (c) => {
      await Session.revoke(c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
