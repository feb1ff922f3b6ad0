/**
 * Yearly reports: the finished runs of a scope and year, and a short-lived link to one file of a
 * run (each link an audit event). Compiling one is a job: `POST /api/jobs` with
 * `{ "type": "report", "params": { "scope": {…}, "year": "2025-2026" } }` (`report.run` there).
 */
import { Scopes } from "@bigep/core/identity";
import { Report } from "@bigep/core/report";
import { SchoolYear } from "@bigep/core/util/date";
import { VisibleError } from "@bigep/core/util/error";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, PageQuery, router } from "../lib";

const ListQuery = PageQuery.extend({
  scope: z
    .string()
    .max(80)
    .openapi({ description: "Kapsam: `province:10`, `district:10-karesi`, `school:710204`, `national`" }),
  year: SchoolYear.meta({ example: "2025-2026" }),
});

const FileParams = z.object({
  id: Report.RunId.meta({ description: "Rapor (derleme işi) kimliği" }),
  format: Report.FormatSchema,
});

const Link = z.object({ url: z.string(), expiresIn: z.number().int() }).meta({ id: "ReportLink" });

/** Mounted at /api/reports. */
export const reports = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["reports"],
      operationId: "listReports",
      summary: "Bir kapsamın bir yıldaki derlenmiş raporları, yeniden eskiye",
      request: { query: ListQuery },
      responses: { 200: json(Report.RunPage, "Raporlar"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { scope: text, year, ...page } = c.req.valid("query");
      const scope = Scopes.ScopeText.safeParse(text);
      if (!scope.success) throw new VisibleError("input", "invalid_scope", "Geçersiz kapsam.");
      return c.json(await Report.list({ scope: scope.data, year, ...page }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["reports"],
      operationId: "getReport",
      summary: "Derlenmiş bir rapor ve grafikleri (pano, dosyalardaki rakamların aynısını gösterir)",
      request: { params: z.object({ id: Report.RunId.meta({ description: "Rapor (derleme işi) kimliği" }) }) },
      responses: { 200: json(Report.Detail, "Rapor"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Report.get(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/files/{format}",
      tags: ["reports"],
      operationId: "downloadReport",
      summary: "Rapor dosyasının indirme bağlantısı (1 dakika geçerli; her istek denetim kaydına yazılır)",
      request: { params: FileParams },
      responses: { 200: json(Link, "Bağlantı"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Report.download(c.req.valid("param")), 200),
  );
