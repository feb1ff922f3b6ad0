/**
 * Developer tools of the local runtime: the e-mail outbox and running a scheduled job now.
 * They exist only in the local and test stages; elsewhere every path here is a 404.
 */
import { OutboxItem, outbox } from "@bigep/core/mail";
import { isLocal } from "@bigep/core/util/config";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, json, PathId, router } from "../lib";

const OutboxQuery = z.object({
  to: z.string().max(320).optional().openapi({ description: "Yalnızca bu adrese gidenler" }),
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: "En çok kaç ileti" }),
});

const Outbox = z.object({ items: z.array(OutboxItem), cursor: z.string().nullable() }).openapi("Outbox");

const JobRun = z
  .object({ name: z.string(), ok: z.boolean(), ms: z.number(), error: z.string().optional() })
  .openapi("JobRun");

const app = router();
app.use("*", async (c, next) => (isLocal() ? next() : c.notFound()));

/** Mounted at /api/dev. */
export const dev = app
  .openapi(
    createRoute({
      method: "get",
      path: "/outbox",
      operationId: "listOutbox",
      security: [],
      tags: ["dev"],
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
      operationId: "runJob",
      security: [],
      tags: ["dev"],
      summary: "Zamanlanmış bir işi hemen çalıştır (yalnızca yerel ortam)",
      request: { params: z.object({ name: PathId }) },
      responses: { 200: json(JobRun, "İş çalıştı (ok=false ise hata verdi)"), ...errors(400, 404) },
    }),
    async (c) => {
      // Loaded on demand, through a computed specifier so esbuild leaves the local scheduler (and
      // its cron library) out of the API bundle: this route is a 404 in AWS.
      const scheduler = "../../local/scheduler";
      const { runJobNow } = (await import(scheduler)) as typeof import("../../local/scheduler");
      return c.json(await runJobNow(c.req.valid("param").name), 200);
    },
  );
