/**
 * Activities: create (Idempotency-Key), lists (a school's year, a district's review queue, the
 * caller's own), read with ETag, edit with If-Match, lifecycle transitions, history, counts,
 * and the activity's evidence (presigned upload, list). Access is decided in core.
 */
import { Activity } from "@bigep/core/activity";
import { Evidence } from "@bigep/core/evidence";
import { VisibleError } from "@bigep/core/util/error";
import { pageOf } from "@bigep/core/util/page";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errors, ifMatch, json, PageQuery, router } from "../lib";

const IdParam = z.object({
  id: Activity.Id.meta({ description: "Etkinlik kimliği", example: "act_01JD8Z5QH1V6M2K3N4P5R6S7T8" }),
});

/** An activity as the API shows it: the record plus the transitions and other rights open to the caller now. */
const View = Activity.Info.extend({ actions: z.array(Activity.TransitionAction), may: Activity.Permissions }).meta({
  id: "ActivityView",
});

async function view(c: Context, activity: Activity.Info) {
  c.header("ETag", `"${activity.version}"`);
  return { ...activity, actions: await Activity.allowedActions(activity), may: Activity.permissions(activity) };
}

const ListQuery = PageQuery.extend({
  school: Activity.SchoolListInput.shape.school.optional().meta({ description: "Okulun kurum kodu" }),
  district: Activity.DistrictListInput.shape.district
    .optional()
    .meta({ description: "İlçe kimliği (inceleme kuyruğu)" }),
  province: Activity.ProvinceListInput.shape.province
    .optional()
    .meta({ description: "İl plaka kodu (ilin inceleme kuyruğu, ilçe ilçe)", example: "10" }),
  year: Activity.SchoolListInput.shape.year
    .optional()
    .meta({ description: "Eğitim öğretim yılı", example: "2026-2027" }),
  area: Activity.Area.optional(),
  status: Activity.Status.optional(),
  category: Activity.SchoolListInput.shape.category,
  mine: z.enum(["1", "true"]).optional().meta({ description: "Yalnızca benim kayıtlarım" }),
});

const CreateBody = Activity.CreateFields.omit({ idempotencyKey: true });
const UpdateBody = Activity.UpdateFields.omit({ id: true, version: true });
const TransitionBody = Activity.TransitionInput.omit({ id: true, version: true });
const PresignBody = Evidence.PresignInput.omit({ activityId: true });
const Presigned = z.object({ evidence: Evidence.Info, upload: Evidence.Upload }).meta({ id: "EvidencePresigned" });

/** Mounted at /api/activities. */
export const activities = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      operationId: "listActivities",
      tags: ["activities"],
      summary: "Etkinlikler: okulun yılı (alan, durum, kategori), ilçenin ya da ilin inceleme kuyruğu, benimkiler",
      description:
        "Biri verilmeli: `school`+`year` (isteğe bağlı `area`, `status`, `category`), `district`+`year`+`status`, " +
        "`province`+`year`+`status` ya da `mine=1`. Okul listesi alan ve duruma göre gruplu, her grupta en yeni " +
        "önce; il kuyruğu ilçe ilçe (alfabetik), her ilçede en yeni önce.",
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Activity.Info), "Etkinlikler"), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const { school, district, province, year, area, status, category, mine, ...page } = c.req.valid("query");
      if (mine) return c.json(await Activity.listMine(page), 200);
      if (school && year) {
        return c.json(await Activity.listBySchool({ school, year, area, status, category, ...page }), 200);
      }
      if (district && year && status) {
        return c.json(await Activity.listByDistrict({ district, year, status, ...page }), 200);
      }
      if (province && year && status) {
        return c.json(await Activity.listByProvince({ province, year, status, ...page }), 200);
      }
      throw new VisibleError(
        "input",
        "filter_required",
        "Okul ve yıl, ya da ilçe (veya il), yıl ve durum seçilmeli (ya da yalnızca kendi kayıtlarınız).",
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      operationId: "createActivity",
      tags: ["activities"],
      summary: "Etkinlik kaydet (taslak)",
      request: {
        headers: z.object({
          "idempotency-key": z.string().max(128).optional().openapi({
            description:
              "Aynı anahtarla aynı içeriğin tekrar gönderimi ilk kaydı döndürür; başka bir içerikle 422 alır",
          }),
        }),
        body: { content: { "application/json": { schema: CreateBody } }, required: true },
      },
      responses: { 201: json(View, "Kaydedildi"), ...errors(400, 401, 403, 422) },
    }),
    async (c) => {
      const key = c.req.valid("header")["idempotency-key"];
      const activity = await Activity.create({ ...c.req.valid("json"), ...(key ? { idempotencyKey: key } : {}) });
      return c.json(await view(c, activity), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/stats",
      operationId: "getActivityStats",
      tags: ["activities"],
      summary: "Okulun yılı: alanlara ve durumlara göre etkinlik sayıları",
      request: { query: Activity.StatsInput },
      responses: { 200: json(Activity.Stats, "Sayılar"), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await Activity.stats(c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      operationId: "getActivity",
      tags: ["activities"],
      summary: "Etkinlik (ETag: sürüm; yapılabilecek geçişlerle)",
      request: { params: IdParam },
      responses: { 200: json(View, "Etkinlik"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await view(c, await Activity.get(c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      operationId: "updateActivity",
      tags: ["activities"],
      summary: "Etkinliği düzenle (yalnızca taslak/iade; If-Match zorunlu, eski sürümde 409)",
      request: {
        params: IdParam,
        headers: z.object({ "if-match": z.string().max(32).meta({ description: "GET yanıtındaki ETag" }) }),
        body: { content: { "application/json": { schema: UpdateBody } }, required: true },
      },
      responses: { 200: json(View, "Güncellendi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const version = ifMatch(c.req.valid("header")["if-match"]);
      const activity = await Activity.update({ ...c.req.valid("json"), id: c.req.valid("param").id, version });
      return c.json(await view(c, activity), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/transitions",
      operationId: "transitionActivity",
      tags: ["activities"],
      summary: "Durum geçişi: gönder, iade et (neden zorunlu), onayla, ilçeye/ile ilet",
      request: {
        params: IdParam,
        headers: z.object({ "if-match": z.string().max(32).optional().meta({ description: "Görülen ETag" }) }),
        body: { content: { "application/json": { schema: TransitionBody } }, required: true },
      },
      responses: { 200: json(View, "Yeni durum"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const header = c.req.valid("header")["if-match"];
      const activity = await Activity.transition({
        ...c.req.valid("json"),
        id: c.req.valid("param").id,
        ...(header ? { version: ifMatch(header) } : {}),
      });
      return c.json(await view(c, activity), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/history",
      operationId: "listActivityHistory",
      tags: ["activities"],
      summary: "Etkinliğin geçmişi (eskiden yeniye)",
      request: { params: IdParam, query: PageQuery },
      responses: { 200: json(pageOf(Activity.HistoryEntry), "Geçmiş"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Activity.history({ ...c.req.valid("query"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/evidence",
      operationId: "presignEvidence",
      tags: ["evidence"],
      summary: "Kanıt dosyası yüklemeye başla: doğrudan S3'e presigned POST (5 dakika)",
      description:
        "Yanıttaki `upload.url` adresine `upload.fields` ve en sonda `file` alanıyla multipart/form-data POST edin. " +
        "Dosya doğrulanınca (boyut, tür, EXIF/GPS temizliği, küçük resim) durumu `ready`, aksi halde `rejected` olur.",
      request: { params: IdParam, body: { content: { "application/json": { schema: PresignBody } }, required: true } },
      responses: { 201: json(Presigned, "Yükleme bilgisi"), ...errors(400, 401, 403, 404, 409, 413) },
    }),
    async (c) => c.json(await Evidence.presign({ ...c.req.valid("json"), activityId: c.req.valid("param").id }), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/evidence",
      operationId: "listActivityEvidence",
      tags: ["evidence"],
      summary: "Etkinliğin kanıt dosyaları (hazır fotoğraflar için kısa ömürlü küçük resim adresiyle)",
      request: { params: IdParam, query: PageQuery },
      responses: { 200: json(pageOf(Evidence.Info), "Kanıtlar"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Evidence.list({ ...c.req.valid("query"), activityId: c.req.valid("param").id }), 200),
  );
