/**
 * People and their roles: holders of roles in a scope, invitations, profile changes with
 * optimistic locking (ETag / If-Match), deactivation, granting and revoking roles. Every rule
 * (who may see or manage whom, who may grant what) is decided in core.
 */
import { Role } from "@bigep/core/actor";
import { Assignment, Scopes, User } from "@bigep/core/identity";
import { School } from "@bigep/core/org";
import { pageOf } from "@bigep/core/util/page";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errors, IfMatchHeader, ifMatch, json, PageQuery, router } from "../lib";

const IdParam = z.object({ id: User.Id.meta({ example: "usr_01JD0000000000000000000000" }) });

function etag(c: Context, user: User.Detail) {
  c.header("ETag", `"${user.version}"`);
  return user;
}

const ListQuery = PageQuery.extend({
  scope: Scopes.ScopeText.optional().meta({
    description: "Kapsam: `school:710104`, `district:10-altieylul`, `province:10`, `national`",
  }),
  school: School.Code.optional().meta({ description: "Kısayol: bu okulun kadrosu (`scope=school:…`)" }),
  role: Role.optional().meta({ description: "Yalnızca bu rol" }),
});

const RoleQuery = z.object({
  role: Role,
  scope: Scopes.ScopeText.meta({ description: "Kapsam, örn. `school:710104`" }),
  schoolYear: z.string().max(9).optional(),
});

/** Mounted at /api/users. */
export const users = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      operationId: "listUsers",
      tags: ["users"],
      summary: "Bir kapsamdaki rol sahipleri (ör. okul kadrosu, ilçe kurulu; sayfalı)",
      request: { query: ListQuery },
      responses: { 200: json(pageOf(User.Holder), "Kişiler"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { scope, school, ...rest } = c.req.valid("query");
      const target = scope ?? (school ? { type: "school" as const, id: school } : undefined);
      if (!target) return c.json(await User.list({ ...rest, scope: { type: "national", id: "" } }), 200);
      return c.json(await User.list({ ...rest, scope: target }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invite",
      operationId: "inviteUser",
      tags: ["users"],
      summary: "Bir kapsama kişi davet et (rol verir, e-posta gönderir; aynı davet tekrarlanabilir)",
      description:
        "Yanıt, adresin zaten bir hesabı olup olmadığından bağımsız olarak aynıdır ve yalnızca gönderilen " +
        "bilgileri içerir; kişi davet edilen kapsamın listesinde (GET /api/users?scope=…) görünür.",
      request: { body: { content: { "application/json": { schema: User.InviteInput } }, required: true } },
      responses: { 202: json(User.Invitation, "Davet edildi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await User.invite(c.req.valid("json")), 202),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      operationId: "getUser",
      tags: ["users"],
      summary: "Kişi ve rolleri (yalnızca sizin kapsamınızdakiler; ETag: sürüm)",
      request: { params: IdParam },
      responses: { 200: json(User.Detail, "Kişi"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(etag(c, await User.get(c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      operationId: "updateUser",
      tags: ["users"],
      summary: "Ad ya da telefonu güncelle (If-Match zorunlu; eski sürümde 409)",
      request: {
        params: IdParam,
        headers: IfMatchHeader,
        body: {
          content: { "application/json": { schema: User.UpdateInput.omit({ id: true, version: true }) } },
          required: true,
        },
      },
      responses: { 200: json(User.Detail, "Güncellendi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const version = ifMatch(c.req.valid("header")["if-match"]);
      const user = await User.update({ ...c.req.valid("json"), id: c.req.valid("param").id, version });
      return c.json(etag(c, user), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/deactivate",
      operationId: "deactivateUser",
      tags: ["users"],
      summary: "Hesabı pasifleştir (tüm oturumları hemen kapanır)",
      request: { params: IdParam },
      responses: { 200: json(User.Detail, "Pasif"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(etag(c, await User.deactivate(c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/reactivate",
      operationId: "reactivateUser",
      tags: ["users"],
      summary: "Pasif hesabı yeniden etkinleştir (kişinin tüm rolleri kapsamınızda olmalı; yeni kodla oturum açar)",
      request: { params: IdParam },
      responses: { 200: json(User.Detail, "Etkin"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(etag(c, await User.reactivate(c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/roles",
      operationId: "grantRole",
      tags: ["users"],
      summary: "Rol ver (yalnızca kendi kapsamınızda ve kendi rolünüzden yüksek olmayan)",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: Scopes.GrantInput } }, required: true },
      },
      responses: { 200: json(User.Detail, "Kişinin güncel rolleri"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const userId = c.req.valid("param").id;
      await Assignment.grant({ userId, grant: c.req.valid("json") });
      return c.json(etag(c, await User.get(userId)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/roles",
      operationId: "revokeRole",
      tags: ["users"],
      summary: "Rolü geri al",
      request: { params: IdParam, query: RoleQuery },
      responses: { 204: { description: "Geri alındı" }, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { role, scope, schoolYear } = c.req.valid("query");
      await Assignment.revoke({
        userId: c.req.valid("param").id,
        grant: { role, scope, ...(schoolYear ? { schoolYear } : {}) },
      });
      return c.body(null, 204);
    },
  );
