import * as z from "zod";

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
