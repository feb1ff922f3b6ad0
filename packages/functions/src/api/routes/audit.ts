/** The audit log, for the admins of a scope: by entity, by actor, or a scope's events in a time range. */
import { Audit } from "@bigep/core/audit";
import { pageOf } from "@bigep/core/util/page";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, PageQuery, router } from "../lib";

const Query = PageQuery.extend({
  entity: z.string().max(200).optional().openapi({ description: "Kayıt: `tür:kimlik`, örn. `user:usr_…`" }),
  actor: z.string().max(40).optional().openapi({ description: "İşlemi yapan kullanıcının kimliği" }),
  scope: z
    .string()
    .max(80)
    .openapi({ description: "Kapsam (zorunlu): `school:710104`, `district:10-altieylul`, `national`…" }),
  from: z.string().max(40).optional().openapi({ description: "Başlangıç (ISO 8601); varsayılan 7 gün önce" }),
  to: z.string().max(40).optional().openapi({ description: "Bitiş (ISO 8601); en çok 31 günlük aralık" }),
});

/** Mounted at /api/audit. */
export const audit = router().openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listAuditEvents",
    tags: ["audit"],
    summary: "Denetim kaydı, yeniden eskiye: kapsamda bir kaydın ya da bir kişinin olayları, yoksa kapsamın olayları",
    request: { query: Query },
    responses: { 200: json(pageOf(Audit.Info), "Olaylar"), ...errors(400, 401, 403, 404) },
  }),
  async (c) => c.json(await Audit.list(c.req.valid("query")), 200),
);
