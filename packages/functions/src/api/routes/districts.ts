/** Districts: create one (others than Balıkesir's come this way) and list a district's schools. */
import { District, School } from "@bigep/core/org";
import { VisibleError } from "@bigep/core/util/error";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, PageQuery, router } from "../lib";

const IdParam = z.object({ id: District.Id.meta({ description: "İlçe kimliği", example: "10-karesi" }) });

/** Mounted at /api/districts. */
export const districts = router()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["org"],
      summary: "İlçe ekle",
      request: { body: { content: { "application/json": { schema: District.CreateInput } }, required: true } },
      responses: { 201: json(District.Info, "Eklendi"), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await District.create(c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
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
      tags: ["org"],
      summary: "Bir ilçenin okulları (kurum koduna göre, sayfalı)",
      request: { params: IdParam, query: PageQuery },
      responses: { 200: json(School.Page, "Okullar"), ...errors(400) },
    }),
    async (c) => c.json(await School.byDistrict({ district: c.req.valid("param").id, ...c.req.valid("query") }), 200),
  );
