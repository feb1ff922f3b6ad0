/**
 * Developer tools of the local runtime: the e-mail outbox and starting any job now (`npm run job`).
 * They exist only in the local and test stages; elsewhere every path here is a 404.
 */
import { withActor } from "@bigep/core/actor";
import { Job } from "@bigep/core/job";
import { jobType } from "@bigep/core/job/registry";
import { OutboxItem, outbox } from "@bigep/core/mail";
import { isLocal } from "@bigep/core/util/config";
import { VisibleError } from "@bigep/core/util/error";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, PathId, router } from "../lib";

const OutboxQuery = z.object({
  to: z.string().max(320).optional().openapi({ description: "Yalnızca bu adrese gidenler" }),
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: "En çok kaç ileti" }),
});

const Outbox = z.object({ items: z.array(OutboxItem), cursor: z.string().nullable() }).openapi("Outbox");

const JobStart = z
  .object({
    asOf: z.iso.date().optional().openapi({ description: "İşin hangi gün için çalışacağı (YYYY-AA-GG, İstanbul)" }),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("DevJobStart");

const app = router();
app.use("*", async (c, next) => (isLocal() ? next() : c.notFound()));

/** Mounted at /api/dev. */
export const dev = app
  .openapi(
    createRoute({
      method: "get",
      path: "/outbox",
      tags: ["dev"],
      operationId: "listOutbox",
      security: [],
      summary: "Giden e-postalar (yalnızca yerel ortam)",
      request: { query: OutboxQuery },
      responses: { 200: json(Outbox, "En yeni ileti önce"), ...errors(400, 404) },
    }),
    async (c) => {
      const { to, limit } = c.req.valid("query");
      const items = await outbox({ limit, ...(to ? { to } : {}) });
      return c.json({ items, cursor: null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/jobs/{name}",
      tags: ["dev"],
      operationId: "runJob",
      security: [],
      summary: "Bir işi sistem adına hemen başlat (yalnızca yerel ortam; `npm run job`)",
      request: {
        params: z.object({ name: PathId }),
        body: { content: { "application/json": { schema: JobStart } }, required: false },
      },
      responses: { 202: json(Job.Info, "Başlatılan iş"), ...errors(400, 404) },
    }),
    async (c) => {
      const type = jobType(c.req.valid("param").name);
      if (!type) throw new VisibleError("not_found", "job_not_found", "Böyle bir iş türü yok.");
      const body = c.req.header("content-type")?.includes("json") ? c.req.valid("json") : {};
      const { job } = await withActor({ ...c.get("context"), actor: { type: "system", reason: "npm run job" } }, () =>
        Job.start(type, { params: body.params ?? {}, ...(body.asOf ? { asOf: body.asOf } : {}) }),
      );
      return c.json(job, 202);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/job-status/{id}",
      tags: ["dev"],
      operationId: "getJobStatus",
      security: [],
      summary: "Bir işin durumu (yalnızca yerel ortam; `npm run job`)",
      request: { params: z.object({ id: Job.Id }) },
      responses: { 200: json(Job.Info, "İş"), ...errors(400, 404) },
    }),
    async (c) => {
      const job = await withActor({ ...c.get("context"), actor: { type: "system", reason: "npm run job" } }, () =>
        Job.get(c.req.valid("param").id),
      );
      return c.json(job, 200);
    },
  );
