/** Evidence files: one record, and a logged short-lived download link. Access is decided in core. */
import { Evidence } from "@bigep/core/evidence";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, router } from "../lib";

const IdParam = z.object({ id: Evidence.Id.meta({ description: "Kanıt kimliği", example: "evd_01JD…" }) });

/** Mounted at /api/evidence. */
export const evidence = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["evidence"],
      summary: "Kanıt dosyası kaydı (durum, red nedeni, SHA-256, mükerrer uyarısı)",
      request: { params: IdParam },
      responses: { 200: json(Evidence.Info, "Kanıt"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Evidence.get(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/download",
      tags: ["evidence"],
      summary: "İndirme bağlantısı (en çok 5 dakika geçerli; her istek denetim kaydına yazılır)",
      request: { params: IdParam },
      responses: { 200: json(Evidence.Download, "Bağlantı"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => c.json(await Evidence.download(c.req.valid("param").id), 200),
  );
