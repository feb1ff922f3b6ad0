/**
 * Schools: list (by province or district), get, create, update with optimistic locking
 * (ETag / If-Match) and CSV import. Reads are public; writes ask the access policy in core.
 */
import { Job } from "@bigep/core/job";
import { District, Province, School } from "@bigep/core/org";
import { VisibleError } from "@bigep/core/util/error";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errors, ifMatch, json, PageQuery, router } from "../lib";
import { csvLimit } from "./districts";

const CodeParam = z.object({ code: School.Code.meta({ description: "MEB kurum kodu", example: "710104" }) });

/** The ETag of a school is its version. */
function etag(c: Context, school: School.Info) {
  c.header("ETag", `"${school.version}"`);
  return school;
}

const ListQuery = PageQuery.extend({
  province: Province.Code.optional().meta({ description: "İl plaka kodu" }),
  district: District.Id.optional().meta({ description: "İlçe kimliği (verilirse il yerine bu kullanılır)" }),
});

/** Mounted at /api/schools. */
export const schools = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      operationId: "listSchools",
      security: [],
      tags: ["org"],
      summary: "Okullar: bir ilin ya da ilçenin (biri zorunlu; sayfalı)",
      request: { query: ListQuery },
      responses: { 200: json(School.Page, "Okullar"), ...errors(400) },
    }),
    async (c) => {
      const { province, district, ...page } = c.req.valid("query");
      if (district) return c.json(await School.byDistrict({ district, ...page }), 200);
      if (province) return c.json(await School.byProvince({ province, ...page }), 200);
      throw new VisibleError("input", "filter_required", "İl ya da ilçe seçilmeli.");
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{code}",
      operationId: "getSchool",
      security: [],
      tags: ["org"],
      summary: "Kurum koduyla okul (ETag: sürüm)",
      request: { params: CodeParam },
      responses: { 200: json(School.Info, "Okul"), ...errors(400, 404) },
    }),
    async (c) => {
      const school = await School.get(c.req.valid("param").code);
      if (!school) throw new VisibleError("not_found", "school_not_found", "Okul bulunamadı.");
      return c.json(etag(c, school), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      operationId: "createSchool",
      tags: ["org"],
      // The kurum kodu is the natural key: a repeated create answers 409, so no Idempotency-Key is needed.
      summary: "Okul ekle",
      request: { body: { content: { "application/json": { schema: School.CreateInput } }, required: true } },
      responses: { 201: json(School.Info, "Eklendi"), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(etag(c, await School.create(c.req.valid("json"))), 201),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{code}",
      operationId: "updateSchool",
      tags: ["org"],
      summary: "Okulu güncelle (If-Match zorunlu; eski sürümde 409)",
      request: {
        params: CodeParam,
        headers: z.object({ "if-match": z.string().max(32).meta({ description: "GET yanıtındaki ETag" }) }),
        body: {
          content: { "application/json": { schema: School.UpdateInput.omit({ code: true, version: true }) } },
          required: true,
        },
      },
      responses: { 200: json(School.Info, "Güncellendi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const version = ifMatch(c.req.valid("header")["if-match"]);
      const school = await School.update({ ...c.req.valid("json"), code: c.req.valid("param").code, version });
      return c.json(etag(c, school), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/import",
      operationId: "importSchools",
      tags: ["org"],
      summary: "Okulları CSV'den içe aktar (kurum koduna göre ekle/güncelle)",
      description:
        "Gövde UTF-8 CSV (text/csv), ilk satır başlık: kurum_kodu, okul_adi, kademe, tur, ilce, eposta; " +
        "isteğe bağlı telefon, adres. İlçe adı ya da kimliği, `province` ilinde aranır. En çok 2 MB / 5000 satır. " +
        "Dosyanın tamamı istekte denetlenir: hatalı satır varsa 400 yanıtı satırları numarasıyla (başlık = 1) " +
        "listeler (`details.errors`) ve hiçbir şey yazılmaz. Geçerli dosya bir içe aktarma işi başlatır (202); " +
        "ilerleme ve sonuç raporu `GET /api/jobs/{id}` ile izlenir. Aynı dosyanın ikinci kez aktarılması hiçbir şeyi değiştirmez.",
      middleware: [csvLimit] as const,
      request: {
        query: z.object({ province: Province.Code.meta({ description: "İl plaka kodu", example: "10" }) }),
        body: { content: { "text/csv": { schema: z.string() } }, required: true },
      },
      responses: { 202: json(Job.Info, "Başlatılan içe aktarma işi"), ...errors(400, 401, 403, 413) },
    }),
    async (c) => {
      const job = await School.importCsv({ province: c.req.valid("query").province, csv: await c.req.text() });
      return c.json(job, 202);
    },
  );
