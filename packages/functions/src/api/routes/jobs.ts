/**
 * Jobs: start one (authorised by the job type's action on its place), list a scope's jobs,
 * read one with its progress and result. Running jobs is system work (the worker), not here.
 */
import { Scopes } from "@bigep/core/identity";
import { Job } from "@bigep/core/job";
import { jobType } from "@bigep/core/job/registry";
import { VisibleError } from "@bigep/core/util/error";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, PageQuery, router } from "../lib";

const StartBody = z
  .object({
    type: z.string().max(64).openapi({ example: "sweep-uploads" }),
    params: z.record(z.string(), z.unknown()).default({}),
    key: z.string().max(128).optional().openapi({ description: "Aynı anahtarla ikinci başlatma ilk işi döndürür" }),
    asOf: z.iso.date().optional().openapi({ description: "İşin hangi gün için çalışacağı (YYYY-AA-GG, İstanbul)" }),
  })
  .openapi("JobStart");

const ListQuery = PageQuery.extend({
  scope: z.string().max(80).openapi({ description: "Kapsam: `province:10`, `school:710104`, `national`…" }),
});

/** Mounted at /api/jobs. */
export const jobs = router()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["jobs"],
      operationId: "startJob",
      summary: "Bir iş başlat (yetki iş türünün eylemine göre); aynı anahtar aynı işi döndürür",
      request: { body: { content: { "application/json": { schema: StartBody } }, required: true } },
      responses: {
        202: json(Job.Info, "Başlatılan iş"),
        200: json(Job.Info, "Bu anahtarla daha önce başlatılmış iş"),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { type: name, params, key, asOf } = c.req.valid("json");
      const type = jobType(name);
      // Imports start from their own routes, which validate the file and store its rows.
      if (!type || type.startable === false) {
        throw new VisibleError("not_found", "job_type_not_found", "Böyle bir iş türü yok.");
      }
      const { job, created } = await Job.start(type, {
        params,
        ...(key ? { key } : {}),
        ...(asOf ? { asOf } : {}),
      });
      return created ? c.json(job, 202) : c.json(job, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["jobs"],
      operationId: "listJobs",
      summary: "Bir kapsamın işleri, yeniden eskiye",
      request: { query: ListQuery },
      responses: { 200: json(Job.Page, "İşler"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { scope: text, ...page } = c.req.valid("query");
      const scope = Scopes.ScopeText.safeParse(text);
      if (!scope.success) throw new VisibleError("input", "invalid_scope", "Geçersiz kapsam.");
      return c.json(await Job.list({ scope: scope.data, ...page }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["jobs"],
      operationId: "getJob",
      summary: "Bir iş: durumu, ilerlemesi, hatası ya da sonucu",
      request: { params: z.object({ id: Job.Id }) },
      responses: { 200: json(Job.Info, "İş"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Job.get(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/cancel",
      tags: ["jobs"],
      operationId: "cancelJob",
      summary: "Bekleyen ya da çalışan bir işi iptal et (başlatan kişi ya da o kapsamda iş çalıştırabilen)",
      request: { params: z.object({ id: Job.Id }) },
      responses: { 200: json(Job.Info, "İptal edilen iş"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Job.cancel(c.req.valid("param").id), 200),
  );
