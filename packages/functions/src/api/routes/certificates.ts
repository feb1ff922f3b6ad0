/**
 * The public verification of award certificates (no sign-in): what the QR code on a certificate
 * opens through the web page `/sertifika/:code`. One GetItem by a validated code; only what is
 * printed on the certificate is shown. Core: packages/core/src/review/certificate.ts.
 */
import { Certificate } from "@bigep/core/review";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, router } from "../lib";

/** Mounted at /api/public/certificates. */
export const publicCertificates = router().openapi(
  createRoute({
    method: "get",
    path: "/{code}",
    operationId: "verifyCertificate",
    security: [],
    tags: ["reviews"],
    summary: "Sertifika doğrulama: geçerliyse üzerinde yazanlar, iptal edildiyse bu bilgi",
    request: { params: z.object({ code: Certificate.Code }) },
    responses: { 200: json(Certificate.Verification, "Doğrulama sonucu"), ...errors(400, 404) },
  }),
  async (c) => {
    const result = await Certificate.verify(c.req.valid("param").code);
    // A revocation must show at once: no shared caches.
    c.header("Cache-Control", "no-store");
    return c.json(result, 200);
  },
);
