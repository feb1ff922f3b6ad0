import * as z from "zod";
import { VisibleError } from "./error";

/** Common list input: `limit` (default 25, max 100) and an opaque `cursor`. */
export const PageInput = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
export type PageInput = z.infer<typeof PageInput>;

/** A page of results; `cursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), cursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; cursor: string | null };

/**
 * Runs a list query from the caller's cursor. The same query without a cursor is valid, so a
 * cursor ElectroDB cannot parse or DynamoDB refuses as a start key (forged, foreign, stale) is
 * the caller's mistake: a 400, not a 500.
 */
export async function fromCursor<T>(cursor: string | undefined, query: (cursor: string | null) => Promise<T>) {
  try {
    return await query(cursor ?? null);
  } catch (error) {
    if (cursor && cursorRefused(error)) throw new VisibleError("input", "invalid_cursor", "Geçersiz sayfa imleci.");
    throw error;
  }
}

function cursorRefused(error: unknown): boolean {
  for (let e = error as { name?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.name === "ValidationException" || /cursor/i.test(e.message ?? "")) return true;
  }
  return false;
}
