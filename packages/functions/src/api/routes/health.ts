import { createRoute, z } from "@hono/zod-openapi";
import { healthStatus } from "../health-status";
import { json, router } from "../lib";

const Health = z.object({ status: z.literal("ok"), time: z.string() }).openapi("Health");

export const health = router().openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getHealth",
    security: [],
    tags: ["system"],
    summary: "Sistem durumu",
    responses: { 200: json(Health, "Çalışıyor") },
  }),
  (c) => c.json(healthStatus(), 200),
);
