/** Staff import of one school (CSV). Mounted at /api/schools beside the org routes. */
import { Staff } from "@bigep/core/identity";
import { Job } from "@bigep/core/job";
import { School } from "@bigep/core/org";
import { VisibleError } from "@bigep/core/util/error";
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { errors, json, router } from "../lib";

/** Mounted at /api/schools. */
export const staff = router().openapi(
  createRoute({
    method: "post",
    path: "/{code}/staff/import",
    operationId: "importStaff",
    tags: ["users"],
    summary: "Okul kadrosunu CSV'den içe aktar (e-postaya göre ekle; tekrar aktarmak bir şey değiştirmez)",
    description:
      "Gövde UTF-8 CSV (text/csv; virgül ya da noktalı virgül), başlık: ad_soyad, eposta, rol. Rol: öğretmen, " +
      "müdür / müdür yardımcısı, komisyon. En çok 1 MB / 2000 satır. Dosyanın tamamı istekte denetlenir: hatalı satır " +
      "varsa 400 yanıtı satırları numarasıyla (başlık = 1) listeler (`details.errors`) ve kimse eklenmez. Geçerli dosya " +
      "bir iş başlatır (202): kişiler eklenir ve davet e-postaları işten gönderilir; ilerleme `GET /api/jobs/{id}`.",
    middleware: [
      bodyLimit({
        maxSize: Staff.importLimits.bytes,
        onError: () => {
          throw new VisibleError("too_large", "too_large", "Dosya en çok 1 MB olabilir.");
        },
      }),
    ] as const,
    request: {
      params: z.object({ code: School.Code.meta({ example: "710204" }) }),
      query: z.object({
        schoolYear: z.string().max(9).optional().openapi({ description: "Rollerin geçerli olduğu yıl" }),
      }),
      body: { content: { "text/csv": { schema: z.string() } }, required: true },
    },
    responses: { 202: json(Job.Info, "Başlatılan içe aktarma işi"), ...errors(400, 401, 403, 404, 413) },
  }),
  async (c) => {
    const { schoolYear } = c.req.valid("query");
    const job = await Staff.importCsv({
      school: c.req.valid("param").code,
      csv: await c.req.text(),
      ...(schoolYear ? { schoolYear } : {}),
    });
    return c.json(job, 202);
  },
);
