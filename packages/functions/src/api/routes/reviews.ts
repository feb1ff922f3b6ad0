/**
 * Commission reviews and awards (core: packages/core/src/review): rubrics, rounds, assignment,
 * scoring, decisions and a school's results. Handlers parse → call core → respond; every
 * decision about who may do what is the core's (access policy).
 */
import { Activity } from "@bigep/core/activity";
import { Job } from "@bigep/core/job";
import { Candidates, Certificate, Decision, Round, Rubric, Score } from "@bigep/core/review";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, router } from "../lib";

const tags = ["reviews"];
const RoundParam = z.object({ id: Round.RoundId });
const ActivityParam = z.object({ id: Round.RoundId, activityId: Activity.Id });
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const Done = z.object({ ok: z.literal(true) }).openapi("ReviewDone");
const Seed = z.object({ seed: z.string().max(64).optional() }).openapi("ReviewAssignBody");

/** Mounted at /api/reviews. */
export const reviews = router()
  .openapi(
    createRoute({
      method: "put",
      path: "/rubrics",
      tags,
      operationId: "saveReviewRubric",
      summary: "Bir alanın değerlendirme ölçütlerini kaydet (kullanılmaya başladıysa yeni sürüm olur)",
      request: body(Rubric.SaveInput),
      responses: { 200: json(Rubric.Info, "Kaydedilen sürüm"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Rubric.save(c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/rubrics",
      tags,
      operationId: "listReviewRubricVersions",
      summary: "Bir alanın ölçüt sürümleri, yeniden eskiye",
      request: { query: Rubric.Key },
      responses: { 200: json(z.array(Rubric.Info), "Sürümler"), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await Rubric.history(c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds",
      tags,
      operationId: "createReviewRound",
      summary: "Değerlendirme turu oluştur (okul, ilçe, il) ve kurulunu belirle",
      request: body(Round.CreateInput),
      responses: { 201: json(Round.Info, "Tur"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Round.create(c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/rounds",
      tags,
      operationId: "listReviewRounds",
      summary: "Bir ilin bir yıldaki turları",
      request: { query: Round.ListInput },
      responses: { 200: json(z.array(Round.Info), "Turlar"), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await Round.list(c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/rounds/{id}",
      tags,
      operationId: "getReviewRound",
      summary: "Bir tur",
      request: { params: RoundParam },
      responses: { 200: json(Round.Info, "Tur"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Round.get(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/entries",
      tags,
      operationId: "loadReviewEntries",
      summary: "Okul turuna okulda onaylanmış etkinlikleri al",
      request: { params: RoundParam },
      responses: {
        200: json(z.object({ added: z.number().int(), total: z.number().int() }), "Eklenen ve toplam kayıt"),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await Round.loadEntries(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/assignment/preview",
      tags,
      operationId: "previewReviewAssignment",
      summary: "Değerlendirici atamasının önizlemesi (yük, eksik kalanlar)",
      request: { params: RoundParam, ...body(Seed) },
      responses: { 200: json(Round.Preview, "Önizleme"), ...errors(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(await Round.previewAssignment({ roundId: c.req.valid("param").id, ...c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/assignment",
      tags,
      operationId: "runReviewAssignment",
      summary: "Değerlendirici atamasını yap (var olanlar korunur, eksikler doldurulur)",
      request: { params: RoundParam, ...body(Seed) },
      responses: { 200: json(Round.Preview, "Yapılan atama"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Round.runAssignment({ roundId: c.req.valid("param").id, ...c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/reassign",
      tags,
      operationId: "reassignReviewer",
      summary: "Elle atama: değerlendiriciyi değiştir ya da ekle (çıkar çatışmasında reddedilir)",
      request: { params: RoundParam, ...body(Round.ReassignInput.omit({ roundId: true })) },
      responses: { 200: json(Done, "Yapıldı"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await Round.reassign({ roundId: c.req.valid("param").id, ...c.req.valid("json") });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/rounds/{id}/workload",
      tags,
      operationId: "getReviewWorkload",
      summary: "Kurul üyelerinin iş yükü",
      request: { params: RoundParam },
      responses: { 200: json(z.array(Round.Workload), "İş yükü"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Round.workload(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/conflicts",
      tags,
      operationId: "declareReviewConflicts",
      summary: "Kurul üyesi çıkar çatışması bildirir (okul, kişi)",
      request: { params: RoundParam, ...body(Round.DeclareInput.omit({ roundId: true })) },
      responses: { 200: json(Done, "Kaydedildi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await Round.declareConflicts({ roundId: c.req.valid("param").id, ...c.req.valid("json") });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/rounds/{id}/ranking",
      tags,
      operationId: "getReviewRanking",
      summary: "Alan ve kademe başına sıralama: ham ve normalleştirilmiş puan yan yana",
      request: { params: RoundParam },
      responses: { 200: json(Decision.Ranking, "Sıralama"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Decision.ranking(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/reconcile",
      tags,
      operationId: "reconcileReview",
      summary: "Puan ayrışmasını uzlaşma notuyla kapat",
      request: { params: RoundParam, ...body(Decision.ReconcileInput.omit({ roundId: true })) },
      responses: { 200: json(Done, "Kaydedildi"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      await Decision.reconcile({ roundId: c.req.valid("param").id, ...c.req.valid("json") });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/rounds/{id}/promotion",
      tags,
      operationId: "previewReviewPromotion",
      summary: "Üst tura yükseltmenin önizlemesi ve engelleri",
      request: { params: RoundParam },
      responses: { 200: json(Decision.PromotionPreview, "Önizleme"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Decision.previewPromotion(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/promotion",
      tags,
      operationId: "applyReviewPromotion",
      summary: "Yükseltme kuralını uygula (tur başkanının açık adımı)",
      request: { params: RoundParam, ...body(Decision.PromoteInput.omit({ roundId: true })) },
      responses: {
        200: json(z.object({ promoted: z.number().int() }), "Yükseltilen kayıt sayısı"),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await Decision.promote({ roundId: c.req.valid("param").id, ...c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/awards",
      tags,
      operationId: "giveReviewAwards",
      summary: "İl turunda ödül derecelerini ver (birincilik, ikincilik, üçüncülük, mansiyon)",
      request: { params: RoundParam },
      responses: {
        200: json(z.object({ awarded: z.number().int() }), "Ödül alan kayıt sayısı"),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await Decision.award(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/publish",
      tags,
      operationId: "publishReviewResults",
      summary: "Sonuçların okullara açılacağı tarih-saati belirle",
      request: { params: RoundParam, ...body(Decision.PublishInput.omit({ roundId: true })) },
      responses: { 200: json(Done, "Kaydedildi"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      await Decision.publish({ roundId: c.req.valid("param").id, ...c.req.valid("json") });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/queue",
      tags,
      operationId: "listMyReviews",
      summary: "Değerlendiricinin kendi atamaları ve ilerlemesi",
      request: { query: z.object({ roundId: Round.RoundId.optional() }) },
      responses: {
        200: json(
          z.object({
            items: z.array(Score.QueueItem),
            progress: z.object({ assigned: z.number().int(), submitted: z.number().int() }),
          }),
          "Atamalar",
        ),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => c.json(await Score.queue(c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/rounds/{id}/activities/{activityId}",
      tags,
      operationId: "getMyReview",
      summary: "Atanmış etkinliğin ölçütleri, kendi puanım; diğer puanlar yalnızca gönderdikten sonra",
      request: { params: ActivityParam },
      responses: { 200: json(Score.ActivityReviews, "Değerlendirme"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, activityId } = c.req.valid("param");
      return c.json(await Score.forActivity({ roundId: id, activityId }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/rounds/{id}/activities/{activityId}/score",
      tags,
      operationId: "saveMyReview",
      summary: "Puanları kaydet (otomatik kayıt) ya da gönder; tur kapanınca reddedilir",
      request: { params: ActivityParam, ...body(Score.SaveInput.omit({ roundId: true, activityId: true })) },
      responses: { 200: json(Score.MyReview, "Kaydedilen puanlar"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, activityId } = c.req.valid("param");
      return c.json(await Score.save({ roundId: id, activityId, ...c.req.valid("json") }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/results",
      tags,
      operationId: "getSchoolReviewResults",
      summary: "Okulun yayımlanmış değerlendirme sonuçları ve yorumlar (değerlendirici adı olmadan)",
      request: { query: Decision.ResultsInput },
      responses: { 200: json(z.array(Decision.Outcome), "Sonuçlar"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Decision.results(c.req.valid("query")), 200),
  )
  // --- certificates --- (the public verification is in ./certificates.ts)
  .openapi(
    createRoute({
      method: "post",
      path: "/rounds/{id}/certificates",
      tags,
      operationId: "generateReviewCertificates",
      summary: "Ödül sertifikalarını oluştur (iş olarak; yeniden çalıştırınca yalnızca eksikler yapılır)",
      request: { params: RoundParam },
      responses: { 202: json(Job.Info, "Başlatılan iş"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Certificate.generate(c.req.valid("param").id), 202),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/rounds/{id}/activities/{activityId}/certificate",
      tags,
      operationId: "downloadReviewCertificate",
      summary: "Etkinliğin sertifikasını indirme bağlantısı (kurul; yayımdan sonra okulun kendisi)",
      request: { params: ActivityParam },
      responses: {
        200: json(
          z.object({ url: z.string(), code: z.string() }).openapi("CertificateDownload"),
          "Süreli indirme bağlantısı",
        ),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, activityId } = c.req.valid("param");
      return c.json(await Certificate.download({ roundId: id, activityId }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/certificates/{code}/revoke",
      tags,
      operationId: "revokeReviewCertificate",
      summary: "Sertifikayı gerekçesiyle iptal et (doğrulama sayfası iptal edildiğini söyler)",
      request: {
        params: z.object({ code: Certificate.Code }),
        ...body(Certificate.RevokeInput.omit({ code: true })),
      },
      responses: { 200: json(Certificate.RevokeResult, "İptal edildi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Certificate.revoke({ code: c.req.valid("param").code, ...c.req.valid("json") }), 200),
  )
  // Panel candidates for the chair's round form (names, not ids).
  .openapi(
    createRoute({
      method: "get",
      path: "/candidates",
      tags,
      operationId: "listReviewPanelCandidates",
      summary: "Bir turun kurulunda görev alabilecek kişiler (okul turunda bir ilçenin okulları)",
      request: { query: Candidates.CandidatesInput },
      responses: { 200: json(z.array(Candidates.Candidate), "Adaylar"), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await Candidates.candidates(c.req.valid("query")), 200),
  );
