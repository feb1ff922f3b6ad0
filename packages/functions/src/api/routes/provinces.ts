/** Provinces (static reference data) and the districts of a province. Public reads. */
import { District, Province } from "@bigep/core/org";
import { pageOf } from "@bigep/core/util/page";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, router } from "../lib";

const CodeParam = z.object({ code: Province.Code.meta({ description: "Plaka kodu, ör. 10", example: "10" }) });

/** Mounted at /api/provinces. */
export const provinces = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      operationId: "listProvinces",
      security: [],
      tags: ["org"],
      summary: "81 il (plaka sırasıyla)",
      responses: { 200: json(pageOf(Province.Info).meta({ id: "ProvincePage" }), "İller") },
    }),
    (c) => c.json(Province.list(), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{code}",
      operationId: "getProvince",
      security: [],
      tags: ["org"],
      summary: "Plaka koduyla il",
      request: { params: CodeParam },
      responses: { 200: json(Province.Info, "İl"), ...errors(400, 404) },
    }),
    (c) => c.json(Province.get(c.req.valid("param").code), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{code}/districts",
      operationId: "listProvinceDistricts",
      security: [],
      tags: ["org"],
      summary: "Bir ilin ilçeleri (alfabetik, tek sayfa)",
      request: { params: CodeParam },
      responses: { 200: json(pageOf(District.Info).meta({ id: "DistrictPage" }), "İlçeler"), ...errors(400) },
    }),
    async (c) => c.json(await District.list({ province: c.req.valid("param").code }), 200),
  );
