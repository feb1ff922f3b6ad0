/** Districts: create or import them (those beyond Balıkesir's come this way); a district's schools. */
import { District, School } from "@bigep/core/org";
import { VisibleError } from "@bigep/core/util/error";
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { errors, json, PageQuery, router } from "../lib";

/** Refuses bodies over the import limit before reading them. */
export const csvLimit = bodyLimit({
  maxSize: School.importLimits.bytes,
  onError: () => {
    throw new VisibleError("too_large", "too_large", "Dosya en çok 2 MB olabilir.");
  },
});

const IdParam = z.object({ id: District.Id.meta({ description: "İlçe kimliği", example: "10-karesi" }) });

/** Mounted at /api/districts. */
export const districts = router()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      operationId: "createDistrict",
      tags: ["org"],
      summary: "İlçe ekle",
      request: { body: { content: { "application/json": { schema: District.CreateInput } }, required: true } },
      responses: { 201: json(District.Info, "Eklendi"), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await District.create(c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/import",
      operationId: "importDistricts",
      tags: ["org"],
      summary: "İlçeleri CSV'den içe aktar",
      description:
        "Gövde UTF-8 CSV (text/csv), ilk satır başlık: il_kodu, ilce_adi. Var olan ilçeler değişmez; " +
        "hatalı satırlar satır numarasıyla (başlık = 1) raporlanır. En çok 2 MB / 5000 satır.",
      middleware: [csvLimit] as const,
      request: { body: { content: { "text/csv": { schema: z.string() } }, required: true } },
      responses: { 200: json(District.ImportReport, "İçe aktarma raporu"), ...errors(400, 401, 403, 413) },
    }),
    async (c) => c.json(await District.importCsv({ csv: await c.req.text() }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      operationId: "getDistrict",
      security: [],
      tags: ["org"],
      summary: "İlçe",
      request: { params: IdParam },
      responses: { 200: json(District.Info, "İlçe"), ...errors(400, 404) },
    }),
    async (c) => {
      const district = await District.get(c.req.valid("param").id);
      if (!district) throw new VisibleError("not_found", "district_not_found", "İlçe bulunamadı.");
      return c.json(district, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/schools",
      operationId: "listDistrictSchools",
      security: [],
      tags: ["org"],
      summary: "Bir ilçenin okulları (kurum koduna göre, sayfalı)",
      request: { params: IdParam, query: PageQuery },
      responses: { 200: json(School.Page, "Okullar"), ...errors(400) },
    }),
    async (c) => c.json(await School.byDistrict({ district: c.req.valid("param").id, ...c.req.valid("query") }), 200),
  );
