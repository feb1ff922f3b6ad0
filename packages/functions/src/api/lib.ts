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

export const errorDescriptions = {
  400: "Geçersiz girdi",
  401: "Oturum gerekli",
  403: "Yetki yok",
  404: "Bulunamadı",
  409: "Çakışma",
  413: "Çok büyük",
  415: "Desteklenmeyen içerik türü",
  422: "İşlenemeyen istek",
  429: "Çok fazla istek",
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

/** An ETag as the API writes it (`"3"`), weak (`W/"3"`) or bare (`3`): a decimal version, nothing else. */
const etagPattern = /^(?:W\/"(\d{1,15})"|"(\d{1,15})"|(\d{1,15}))$/;

/**
 * The version an `If-Match` header names; 400 for anything that is not one of our ETags
 * (`0x1`, `1e0`, `+1`, `1.0`, empty, lists, `*`). `min` is 0 where "never saved" has a version.
 */
export function ifMatch(value: string, min = 1): number {
  const match = etagPattern.exec(value.trim());
  const version = Number(match?.[1] ?? match?.[2] ?? match?.[3] ?? Number.NaN);
  if (!Number.isSafeInteger(version) || version < min) {
    throw new VisibleError("input", "invalid_if_match", "If-Match başlığı okunan kaydın ETag değerini taşımalı.");
  }
  return version;
}

/** `If-Match` header schema for update routes. */
export const IfMatchHeader = z.object({
  "if-match": z.string().max(32).openapi({ description: "GET yanıtındaki ETag" }),
});
