/**
 * A person's data on request (KVKK m.11): their own export, and erasure by an admin. Who may is
 * decided in core (`@bigep/core/privacy` Person) and written in the README ("Personal data").
 */
import { Person } from "@bigep/core/privacy";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, PathId, router } from "../lib";

const IdParam = z.object({
  id: PathId.openapi({ param: { name: "id", in: "path" }, example: "usr_01JD0000000000000000000000" }),
});

/** Mounted at /api/privacy. */
export const privacy = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/export",
      operationId: "exportMyData",
      tags: ["privacy"],
      summary: "Kişisel verilerimin bir kopyası (JSON)",
      description: "Oturum açmış kişinin platformdaki tüm kişisel verileri, alan (domain) başına.",
      responses: { 200: json(Person.Export, "Veriler"), ...errors(401, 404) },
    }),
    async (c) => {
      const data = await Person.exportMine();
      c.header("content-disposition", 'attachment; filename="bigep-kisisel-verilerim.json"');
      return c.json(data, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/people/{id}/erase",
      operationId: "erasePerson",
      tags: ["privacy"],
      summary: "Kişinin verilerini sil / anonimleştir (talep üzerine; geri alınamaz)",
      description:
        "Yalnızca kişinin tüm rollerini kapsayan yönetici (admin). Oturumlar, roller, giriş kodları silinir; " +
        "kayıtlarda ad 'Silinmiş kişi' olur, e-posta ve IP kaldırılır; bir privacy.erase denetim kaydı yazılır.",
      request: { params: IdParam },
      responses: { 200: json(Person.ErasureReport, "Silindi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await Person.erase(c.req.valid("param").id), 200),
  );
