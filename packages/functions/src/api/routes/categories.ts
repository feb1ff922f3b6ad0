/** Activity categories per province and school year: read (public), replace (province admins, If-Match). */
import { Category } from "@bigep/core/activity";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, ifMatch, json, router } from "../lib";

const Query = z.object({
  province: Category.ProvinceCode.meta({ description: "İl plaka kodu", example: "10" }),
  year: Category.GetInput.shape.year.meta({ description: "Eğitim öğretim yılı", example: "2026-2027" }),
});

/** Mounted at /api/categories. */
export const categories = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      operationId: "getCategories",
      security: [],
      tags: ["activities"],
      summary: "Bir ilin o yılki kategori listeleri (dört ödül alanı; ETag: sürüm, 0 = programın varsayılanları)",
      request: { query: Query },
      responses: { 200: json(Category.Info, "Kategoriler"), ...errors(400) },
    }),
    async (c) => {
      const info = await Category.get(c.req.valid("query"));
      c.header("ETag", `"${info.version}"`);
      return c.json(info, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/",
      operationId: "replaceCategories",
      tags: ["activities"],
      summary: "Kategori listelerini değiştir (il yöneticileri; If-Match zorunlu, eski sürümde 409)",
      request: {
        query: Query,
        headers: z.object({ "if-match": z.string().max(32).meta({ description: "GET yanıtındaki ETag" }) }),
        body: {
          content: { "application/json": { schema: z.object({ lists: Category.Lists }) } },
          required: true,
        },
      },
      responses: { 200: json(Category.Info, "Kaydedildi"), ...errors(400, 401, 403, 409) },
    }),
    async (c) => {
      const version = ifMatch(c.req.valid("header")["if-match"], 0);
      const info = await Category.put({ ...c.req.valid("query"), lists: c.req.valid("json").lists, version });
      c.header("ETag", `"${info.version}"`);
      return c.json(info, 200);
    },
  );
