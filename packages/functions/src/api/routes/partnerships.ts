/**
 * Okul Ortaklığı Programı: partnerships (create, lists, read), the joint action plan of a year
 * (versions, save with If-Match, workflow steps), joint activities and indicator actuals, the
 * evaluation report (compile job, narrative, approvals and the chain, next year's plan), the
 * content rule (confirm, moderate, queue) and the public feed (JSON and an HTML snippet).
 * Access is decided in core.
 */

import { Job } from "@bigep/core/job";
import { JointWork, Partnership, PartnershipFields, Plan, Report, Showcase } from "@bigep/core/partnership";
import { VisibleError } from "@bigep/core/util/error";
import { pageOf } from "@bigep/core/util/page";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, ifMatch, json, PageQuery, router } from "../lib";

const IdParam = z.object({
  id: PartnershipFields.Id.meta({ description: "Ortaklık kimliği", example: "prt_01JD8Z5QH1V6M2K3N4P5R6S7T8" }),
});
const YearParam = IdParam.extend({ year: PartnershipFields.SchoolYear.meta({ example: "2026-2027" }) });
const WorkParam = IdParam.extend({ workId: PartnershipFields.WorkId });
const IfMatch = z.object({ "if-match": z.string().max(32).meta({ description: "GET yanıtındaki ETag" }) });
const body = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
const tags = ["partnerships"];
/** Public content may be cached by browsers and CloudFront for five minutes. */
const publicCache = "public, max-age=300, s-maxage=300";

const ListQuery = PageQuery.extend({
  school: z
    .string()
    .regex(/^\d{6,8}$/)
    .optional()
    .meta({ description: "Okulun kurum kodu" }),
  province: z
    .string()
    .regex(/^(0[1-9]|[1-7]\d|8[01])$/)
    .optional()
    .meta({ description: "İl plaka kodu" }),
  cohort: z
    .string()
    .regex(/^20\d\d$/)
    .optional()
    .meta({ description: "Başlangıç yılı (ulusal görünüm)" }),
});

const PlanTransitionBody = Plan.TransitionInput.omit({ id: true, year: true, rev: true });
const ReportTransitionBody = Report.TransitionInput.omit({ id: true, year: true, rev: true });

/** Mounted at /api/partnerships. */
export const partnerships = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/moderation",
      operationId: "listPartnershipModeration",
      tags,
      summary: "İlin moderasyon kuyruğu (varsayılan: bekleyenler)",
      request: { query: Showcase.QueueInput.omit({ limit: true, cursor: true }).extend(PageQuery.shape) },
      responses: { 200: json(pageOf(Showcase.PostInfo), "Kuyruk"), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await Showcase.queue(c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      operationId: "listPartnerships",
      tags,
      summary: "Ortaklıklar: okulun, ilin (iki okuldan biri) ya da bir başlangıç yılının (ulusal)",
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Partnership.Summary), "Ortaklıklar"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { school, province, cohort, ...page } = c.req.valid("query");
      if (school) return c.json(await Partnership.listBySchool({ school, ...page }), 200);
      if (province) return c.json(await Partnership.listByProvince({ province, ...page }), 200);
      if (cohort) return c.json(await Partnership.listByCohort({ cohort, ...page }), 200);
      throw new VisibleError("input", "filter_required", "Okul, il ya da başlangıç yılı seçilmeli.");
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      operationId: "createPartnership",
      tags,
      summary: "Ortaklık kur (OGM): farklı illerden iki Anadolu/fen/sosyal bilimler lisesi",
      request: { body: body(Partnership.CreateInput) },
      responses: { 201: json(Partnership.Info, "Kuruldu"), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await Partnership.create(c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      operationId: "getPartnership",
      tags,
      summary: "Ortaklık (iki okulun çalışma alanı)",
      request: { params: IdParam },
      responses: { 200: json(Partnership.Info, "Ortaklık"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Partnership.get(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/plans/{year}",
      operationId: "getPartnershipPlan",
      tags,
      summary: "Yılın ortak eylem planı (güncel ya da istenen sürüm; göstergelerin gerçekleşme oranlarıyla)",
      request: { params: YearParam, query: z.object({ version: Plan.Version.optional() }) },
      responses: { 200: json(Plan.Info, "Plan"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const plan = await Plan.get({ ...c.req.valid("param"), ...c.req.valid("query") });
      c.header("ETag", `"${plan.rev}"`);
      return c.json(plan, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}/plans/{year}",
      operationId: "savePartnershipPlan",
      tags,
      summary: 'Taslak planı kaydet (If-Match: okunan ETag; ilk kayıt için "0")',
      request: { params: YearParam, headers: IfMatch, body: body(Plan.SaveInput.pick({ items: true })) },
      responses: { 200: json(Plan.Info, "Kaydedildi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const rev = ifMatch(c.req.valid("header")["if-match"], 0);
      const plan = await Plan.save({ ...c.req.valid("param"), rev, items: c.req.valid("json").items });
      c.header("ETag", `"${plan.rev}"`);
      return c.json(plan, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/plans/{year}/transitions",
      operationId: "transitionPartnershipPlan",
      tags,
      summary:
        "Plan adımı: onayla, gönder (I. grup), teslim al, OGM'ye ilet, iade et (gerekçeli), değişiklik (yeni sürüm)",
      request: { params: YearParam, headers: IfMatch, body: body(PlanTransitionBody) },
      responses: { 200: json(Plan.Info, "Yeni durum"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const rev = ifMatch(c.req.valid("header")["if-match"]);
      return c.json(await Plan.transition({ ...c.req.valid("param"), rev, ...c.req.valid("json") }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/years/{year}/history",
      operationId: "listPartnershipHistory",
      tags,
      summary: "Yılın planı ve raporunun iş akışı geçmişi",
      request: { params: YearParam },
      responses: { 200: json(z.array(Plan.HistoryEntry), "Geçmiş"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Plan.history(c.req.valid("param")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/years/{year}/work",
      operationId: "listPartnershipWork",
      tags,
      summary: "Yılın ortak etkinlikleri",
      request: { params: YearParam },
      responses: { 200: json(z.array(JointWork.WorkInfo), "Ortak etkinlikler"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await JointWork.listWork(c.req.valid("param")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/years/{year}/work",
      operationId: "createPartnershipWork",
      tags,
      summary: "Ortak etkinlik kaydet (plan maddesine bağlı)",
      request: { params: YearParam, body: body(JointWork.WorkInput.omit({ id: true, year: true })) },
      responses: { 201: json(JointWork.WorkInfo, "Kaydedildi"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await JointWork.createWork({ ...c.req.valid("param"), ...c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/years/{year}/actuals",
      operationId: "recordPartnershipActual",
      tags,
      summary: "Gösterge gerçekleşmesi kaydet (tarihli)",
      request: { params: YearParam, body: body(JointWork.ActualInput.omit({ id: true, year: true })) },
      responses: { 201: json(JointWork.ActualInfo, "Kaydedildi"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await JointWork.recordActual({ ...c.req.valid("param"), ...c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/reports/{year}/compile",
      operationId: "compilePartnershipReport",
      tags,
      summary: "Değerlendirme raporunu derle (iş olarak; plan, etkinlikler ve göstergelerden)",
      request: { params: YearParam },
      responses: { 202: json(Job.Info, "İş başlatıldı"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Report.compile(c.req.valid("param")), 202),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/reports/{year}",
      operationId: "getPartnershipReport",
      tags,
      summary: "Yılın değerlendirme raporu",
      request: { params: YearParam },
      responses: { 200: json(Report.Info, "Rapor"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const report = await Report.get(c.req.valid("param"));
      c.header("ETag", `"${report.rev}"`);
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/reports/{year}",
      operationId: "editPartnershipReport",
      tags,
      summary: "Raporun anlatı bölümlerini düzenle (koordinatörler; onaylar yeniden başlar)",
      request: { params: YearParam, headers: IfMatch, body: body(z.object({ narrative: Report.Narrative })) },
      responses: { 200: json(Report.Info, "Kaydedildi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const rev = ifMatch(c.req.valid("header")["if-match"]);
      return c.json(await Report.editNarrative({ ...c.req.valid("param"), rev, ...c.req.valid("json") }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/reports/{year}/transitions",
      operationId: "transitionPartnershipReport",
      tags,
      summary: "Rapor adımı: onayla, gönder (I. grup), teslim al, OGM'ye ilet, iade et (gerekçeli)",
      request: { params: YearParam, headers: IfMatch, body: body(ReportTransitionBody) },
      responses: { 200: json(Report.Info, "Yeni durum"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const rev = ifMatch(c.req.valid("header")["if-match"]);
      return c.json(await Report.transition({ ...c.req.valid("param"), rev, ...c.req.valid("json") }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/reports/{year}/next-plan",
      operationId: "planNextYearFromReport",
      tags,
      summary: "Bu rapordan gelecek yılı planla (karşılanmayan hedefler, ulaşılan değerler başlangıç olur)",
      request: { params: YearParam },
      responses: {
        201: json(z.object({ year: z.string(), items: z.number() }), "Gelecek yılın taslak planı"),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await Report.planNextYear(c.req.valid("param")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/years/{year}/posts",
      operationId: "confirmPartnershipPost",
      tags,
      summary: "Ortak etkinliği vitrine öner (koordinatör içerik kuralını onaylar; il moderasyonuna gider)",
      request: { params: YearParam, body: body(Showcase.ConfirmInput.omit({ id: true, year: true })) },
      responses: { 201: json(Showcase.PostInfo, "Moderasyonda"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Showcase.confirm({ ...c.req.valid("param"), ...c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/posts/{workId}/decision",
      operationId: "moderatePartnershipPost",
      tags,
      summary: "Moderasyon kararı (paylaşan okulun il görevlisi): onay ya da gerekçeli ret",
      request: {
        params: WorkParam,
        body: body(z.object({ decision: z.enum(["approve", "refuse"]), reason: z.string().max(1000).optional() })),
      },
      responses: { 200: json(Showcase.PostInfo, "Karar"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Showcase.moderate({ ...c.req.valid("param"), ...c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/feed",
      operationId: "getPartnershipFeed",
      security: [],
      tags,
      summary: "Ortaklığın herkese açık vitrini (JSON; yalnızca onaylı içerik, kişisel veri yok)",
      request: { params: IdParam },
      responses: { 200: json(Showcase.Feed, "Vitrin"), ...errors(400, 404) },
    }),
    async (c) => {
      const feed = await Showcase.feed(c.req.valid("param").id);
      c.header("Cache-Control", publicCache);
      c.header("Access-Control-Allow-Origin", "*");
      return c.json(feed, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/snippet",
      operationId: "getPartnershipSnippet",
      security: [],
      tags,
      summary: "Okul sitesine gömülecek HTML (iframe ile); yalnızca onaylı içerik",
      request: { params: IdParam },
      responses: {
        200: { description: "HTML parçası", content: { "text/html": { schema: z.string() } } },
        ...errors(400, 404),
      },
    }),
    async (c) => {
      const feed = await Showcase.feed(c.req.valid("param").id);
      c.header("Cache-Control", publicCache);
      return c.html(Showcase.snippet(feed), 200);
    },
  );
