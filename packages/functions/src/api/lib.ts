/** Shared helpers for the API's sub-apps: router factory, error schemas, JSON responses. */

import type { Context } from "@bigep/core/actor";
import { VisibleError } from "@bigep/core/util/error";
import { OpenAPIHono, z } from "@hono/zod-openapi";

export type Env = { Variables: { requestId: string; context: Context } };

/** A sub-app whose validation failures become our 400 error shape. */
export function router() {
  return new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new VisibleError("input", "invalid_input", "Girilen bilgiler geçersiz.", result.error.issues);
      }
    },
  });
}

export const ErrorBody = z
  .object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.unknown().optional(),
  })
  .openapi("Error");

const errorDescriptions = {
  400: "Geçersiz girdi",
  401: "Oturum gerekli",
  403: "Yetki yok",
  404: "Bulunamadı",
  409: "Çakışma",
  413: "Çok büyük",
  429: "Çok fazla istek",
  422: "İşlenemez istek",
} as const;

/** Error responses for a route definition. */
export function errors(...codes: (keyof typeof errorDescriptions)[]) {
  return Object.fromEntries(
    codes.map((code) => [
      code,
      { description: errorDescriptions[code], content: { "application/json": { schema: ErrorBody } } },
    ]),
  ) as Record<
    keyof typeof errorDescriptions,
    { description: string; content: { "application/json": { schema: typeof ErrorBody } } }
  >;
}

/** A JSON response entry for a route definition. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** Standard cursor-pagination query. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional().openapi({ description: "Sayfa boyutu (en çok 100)" }),
  cursor: z.string().max(2048).optional().openapi({ description: "Bir önceki yanıttaki imleç" }),
});

/** Path id: bounded, no `#`, no slash. */
export const PathId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^#/\s]+$/);

/** The version an `If-Match` header names ("3", W/"3" or 3); 400 for anything else. */
export function ifMatch(value: string): number {
  const version = Number(value.replace(/^W\//, "").replace(/"/g, "").trim());
  if (!Number.isInteger(version) || version < 1) {
    throw new VisibleError("input", "invalid_if_match", "If-Match başlığı okunan kaydın ETag değerini taşımalı.");
  }
  return version;
}

/** `If-Match` header schema for update routes. */
export const IfMatchHeader = z.object({
  "if-match": z.string().max(32).openapi({ description: "GET yanıtındaki ETag" }),
});
