/**
 * Okul Ortaklığı Programı, the workspace's further parts (issue 11, wave 4): meetings and the
 * shared materials library with their files (evidence upload pipeline: presigned POST, verified
 * by the bucket event, downloads by short presigned GETs), and the yearly report's files (JSON,
 * XLSX, PDF rendered by the compile job), and the officers' dashboard. Mounted at /api/partnerships before
 * the main partnership router. Access is decided in core.
 */

import { Dashboard, Material, Meeting, PartnershipFields, Report } from "@bigep/core/partnership";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, IfMatchHeader, ifMatch, json, PageQuery, router } from "../lib";

const IdParam = z.object({
  id: PartnershipFields.Id.meta({ description: "Ortaklık kimliği", example: "prt_01JD8Z5QH1V6M2K3N4P5R6S7T8" }),
});
const MeetingParam = IdParam.extend({ meetingId: Meeting.MeetingId });
const MeetingFileParam = MeetingParam.extend({ fileId: Meeting.FileRef.shape.fileId });
const MaterialParam = IdParam.extend({ materialId: Material.MaterialId });
const MaterialFileParam = MaterialParam.extend({ fileId: Material.FileRef.shape.fileId });
const body = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
const tags = ["partnerships"];

const MeetingBody = Meeting.CreateInput.omit({ id: true });
const Upload = z
  .object({
    file: Meeting.File,
    upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expiresIn: z.number().int() }),
  })
  .meta({ id: "PartnershipFileUpload" });
const Link = z.object({ url: z.string(), expiresIn: z.number().int() }).meta({ id: "PartnershipFileLink" });
const Deleted = z.object({ deleted: z.literal(true) });
const MaterialQuery = z.object({
  subject: z.string().max(80).optional(),
  grade: z.coerce.number().int().min(9).max(12).optional(),
  kind: Material.Kind.optional(),
});

/** Mounted at /api/partnerships (before `partnerships`). */
export const partnershipWorkspace = router()
  // --- officer dashboard --- (before `/{id}` of the main router: this router is mounted first)
  .openapi(
    createRoute({
      method: "get",
      path: "/dashboard",
      operationId: "getPartnershipDashboard",
      tags,
      summary:
        "Görevli panosu: ilin ortaklıkları (il görevlisi, OGM) ya da bir başlangıç yılının ulusal listesi (OGM); sayfalı, sayfa toplamları toplanabilir",
      request: { query: Dashboard.Input.omit({ limit: true, cursor: true }).extend(PageQuery.shape) },
      responses: { 200: json(Dashboard.Dashboard, "Pano"), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await Dashboard.get(c.req.valid("query")), 200),
  )
  // --- meetings ---
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/meetings",
      operationId: "listPartnershipMeetings",
      tags,
      summary: "Ortaklığın toplantıları (yeniden eskiye; isteğe bağlı eğitim öğretim yılı)",
      request: { params: IdParam, query: z.object({ year: PartnershipFields.SchoolYear.optional() }) },
      responses: { 200: json(z.array(Meeting.Info), "Toplantılar"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Meeting.list({ ...c.req.valid("param"), ...c.req.valid("query") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/meetings",
      operationId: "createPartnershipMeeting",
      tags,
      summary: "Toplantı kaydet (koordinatörler): çevrim içi / yüz yüze, tarih-saat, katılımcılar, gündem, tutanak",
      request: { params: IdParam, body: body(MeetingBody) },
      responses: { 201: json(Meeting.Info, "Kaydedildi"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Meeting.create({ ...c.req.valid("param"), ...c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/meetings/{meetingId}",
      operationId: "getPartnershipMeeting",
      tags,
      summary: "Toplantı (dosyalarıyla)",
      request: { params: MeetingParam },
      responses: { 200: json(Meeting.Info, "Toplantı"), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const meeting = await Meeting.get(c.req.valid("param"));
      c.header("ETag", `"${meeting.rev}"`);
      return c.json(meeting, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}/meetings/{meetingId}",
      operationId: "updatePartnershipMeeting",
      tags,
      summary: "Toplantıyı güncelle (koordinatörler; If-Match: okunan ETag)",
      request: { params: MeetingParam, headers: IfMatchHeader, body: body(MeetingBody) },
      responses: { 200: json(Meeting.Info, "Güncellendi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const rev = ifMatch(c.req.valid("header")["if-match"]);
      const meeting = await Meeting.updateMeeting({ ...c.req.valid("param"), rev, ...c.req.valid("json") });
      c.header("ETag", `"${meeting.rev}"`);
      return c.json(meeting, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/meetings/{meetingId}",
      operationId: "deletePartnershipMeeting",
      tags,
      summary: "Toplantıyı sil (koordinatörler)",
      request: { params: MeetingParam },
      responses: { 200: json(Deleted, "Silindi"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Meeting.deleteMeeting(c.req.valid("param")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/meetings/{meetingId}/files",
      operationId: "presignPartnershipMeetingFile",
      tags,
      summary: "Toplantıya dosya yükle: bekleyen kayıt ve S3 için imzalı POST (koordinatörler)",
      request: { params: MeetingParam, body: body(Meeting.FileInput.omit({ id: true, meetingId: true })) },
      responses: { 201: json(Upload, "Yükleme başlatıldı"), ...errors(400, 401, 403, 404, 409, 413) },
    }),
    async (c) => c.json(await Meeting.presignFile({ ...c.req.valid("param"), ...c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/meetings/{meetingId}/files/{fileId}",
      operationId: "downloadPartnershipMeetingFile",
      tags,
      summary: "Toplantı dosyasının kısa ömürlü indirme bağlantısı (günlüğe yazılır)",
      request: { params: MeetingFileParam },
      responses: { 200: json(Link, "Bağlantı"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => c.json(await Meeting.downloadFile(c.req.valid("param")), 200),
  )
  // --- materials ---
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/materials",
      operationId: "listPartnershipMaterials",
      tags,
      summary: "Ortak materyal havuzu (ders, sınıf ve türe göre süzülebilir)",
      request: { params: IdParam, query: MaterialQuery },
      responses: { 200: json(z.array(Material.Info), "Materyaller"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Material.list({ ...c.req.valid("param"), ...c.req.valid("query") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/materials",
      operationId: "createPartnershipMaterial",
      tags,
      summary: "Materyal paylaş (iki okulun öğretmenleri): sınav soruları, ders planı, çalışma yaprağı, video ders",
      request: { params: IdParam, body: body(Material.CreateInput.omit({ id: true })) },
      responses: { 201: json(Material.Info, "Paylaşıldı"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Material.create({ ...c.req.valid("param"), ...c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/materials/{materialId}",
      operationId: "getPartnershipMaterial",
      tags,
      summary: "Materyal (dosyalarıyla)",
      request: { params: MaterialParam },
      responses: { 200: json(Material.Info, "Materyal"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Material.get(c.req.valid("param")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/materials/{materialId}",
      operationId: "deletePartnershipMaterial",
      tags,
      summary: "Materyali kaldır (ekleyen kişi ya da koordinatör)",
      request: { params: MaterialParam },
      responses: { 200: json(Deleted, "Kaldırıldı"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Material.deleteMaterial(c.req.valid("param")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/materials/{materialId}/files",
      operationId: "presignPartnershipMaterialFile",
      tags,
      summary: "Materyale dosya yükle: bekleyen kayıt ve S3 için imzalı POST (ekleyen kişi)",
      request: { params: MaterialParam, body: body(Material.FileInput.omit({ id: true, materialId: true })) },
      responses: { 201: json(Upload, "Yükleme başlatıldı"), ...errors(400, 401, 403, 404, 409, 413) },
    }),
    async (c) => c.json(await Material.presignFile({ ...c.req.valid("param"), ...c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/materials/{materialId}/files/{fileId}",
      operationId: "downloadPartnershipMaterialFile",
      tags,
      summary: "Materyal dosyasının kısa ömürlü indirme bağlantısı (günlüğe yazılır)",
      request: { params: MaterialFileParam },
      responses: { 200: json(Link, "Bağlantı"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => c.json(await Material.downloadFile(c.req.valid("param")), 200),
  )
  // --- report files ---
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/reports/{year}/files/{format}",
      operationId: "downloadPartnershipReportFile",
      tags,
      summary: "Değerlendirme raporunun dosyası (json, xlsx, pdf): kısa ömürlü indirme bağlantısı (günlüğe yazılır)",
      request: { params: Report.FileInput.extend(IdParam.shape).extend({ year: PartnershipFields.SchoolYear }) },
      responses: { 200: json(Link, "Bağlantı"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Report.downloadFile(c.req.valid("param")), 200),
  );
