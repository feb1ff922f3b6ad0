/**
 * Evidence files: one record, a logged short-lived download link, and multipart uploads of large
 * videos (start, re-sign parts, complete, abort). Access is decided in core.
 */
import { Evidence } from "@bigep/core/evidence";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, router } from "../lib";

const IdParam = z.object({
  id: Evidence.Id.meta({ description: "Kanıt kimliği", example: "evd_01JD8Z5QH1V6M2K3N4P5R6S7T9" }),
});
const SignPartsBody = Evidence.SignPartsInput.omit({ id: true });
const CompleteBody = Evidence.CompleteInput.omit({ id: true });
const SignedParts = Evidence.Multipart.pick({ expiresIn: true, parts: true }).meta({ id: "EvidenceSignedParts" });

/** Mounted at /api/evidence. */
export const evidence = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      operationId: "getEvidence",
      tags: ["evidence"],
      summary: "Kanıt dosyası kaydı (durum, red nedeni, SHA-256, mükerrer uyarısı)",
      request: { params: IdParam },
      responses: { 200: json(Evidence.Info, "Kanıt"), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await Evidence.get(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/download",
      operationId: "downloadEvidence",
      tags: ["evidence"],
      summary: "İndirme bağlantısı (en çok 5 dakika geçerli; her istek denetim kaydına yazılır)",
      request: { params: IdParam },
      responses: { 200: json(Evidence.Download, "Bağlantı"), ...errors(400, 401, 404, 409) },
    }),
    async (c) => c.json(await Evidence.download(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/multipart",
      operationId: "startMultipartUpload",
      tags: ["evidence"],
      summary: "Büyük videoyu parçalı yüklemeye başla (S3 multipart; parça başına 5 dakikalık PUT adresi)",
      description:
        "Önce `POST /api/activities/{id}/evidence` ile kanıt kaydı açılır; MP4 dosyası büyükse (50 MB üstü) bu uç " +
        "aynı anahtar için parçalı yükleme başlatır. Her parça `parts[].url` adresine PUT edilir, yanıttaki `ETag` " +
        "başlığı saklanır ve sonunda `/complete` çağrılır.",
      request: { params: IdParam },
      responses: { 201: json(Evidence.Multipart, "Parçalı yükleme"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Evidence.startMultipart(c.req.valid("param").id), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/multipart/parts",
      operationId: "signMultipartParts",
      tags: ["evidence"],
      summary: "Parçalar için yeni PUT adresleri (süresi dolanlar için; en çok 100 parça)",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: SignPartsBody } }, required: true },
      },
      responses: { 200: json(SignedParts, "Adresler"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Evidence.signParts({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/multipart/complete",
      operationId: "completeMultipartUpload",
      tags: ["evidence"],
      summary: "Parçalı yüklemeyi tamamla (1…n parçaların hepsi, ETag değerleriyle); ardından dosya doğrulanır",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: CompleteBody } }, required: true },
      },
      responses: { 200: json(Evidence.Info, "Kanıt (doğrulama bekliyor)"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Evidence.completeMultipart({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/multipart",
      operationId: "abortMultipartUpload",
      tags: ["evidence"],
      summary: "Parçalı yüklemeyi iptal et (kanıt reddedilmiş olarak kalır)",
      request: { params: IdParam },
      responses: { 200: json(Evidence.Info, "İptal edildi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Evidence.abortMultipart(c.req.valid("param").id), 200),
  );
