import * as z from "zod";
import { Waiting as ActivityWaiting } from "../activity";
import { Scope, useUser } from "../actor";
import { Evidence } from "../evidence";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";

export const Kind = z.enum([...ActivityWaiting.WaitingKind.options, "evidence"]);
export type Kind = z.infer<typeof Kind>;

export const Item = z
  .object({
    kind: Kind,
    /** Where the work waits (national for the person's own records). */
    scope: Scope,
    count: z.number().int().positive(),
    /** An activity status the list link filters on (none for `evidence`). */
    status: z.string().optional(),
    /** For `evidence`: the records without a verified file yet (id and title), at most 10. */
    records: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
  })
  .meta({ id: "WaitingItem" });
export type Item = z.infer<typeof Item>;

export const Waiting = z.object({ year: SchoolYear, items: z.array(Item) }).meta({ id: "Waiting" });
export type Waiting = z.infer<typeof Waiting>;

export const Input = z.object({ year: SchoolYear.optional() });

/**
 * What waits for the signed-in person in a school year (the current one by default): own drafts
 * and returned records, records to review or forward in their queues, and own open records
 * without any verified evidence file (a record goes to review with its evidence). Only non-zero
 * counts are listed.
 */
export const waiting = fn(Input, async (input): Promise<Waiting> => {
  useUser();
  const year = input.year ?? ActivityWaiting.currentYear();
  const { counts, open } = await ActivityWaiting.waitingWork(year);
  const items: Item[] = counts.map(({ kind, scope, status, count }) => ({ kind, scope, status, count }));
  const missing: { id: string; title: string }[] = [];
  for (const record of open) {
    if (!(await hasVerifiedEvidence(record.id))) missing.push({ id: record.id, title: record.title });
  }
  if (missing.length > 0) {
    items.push({
      kind: "evidence",
      scope: { type: "national", id: "" },
      count: missing.length,
      records: missing.slice(0, 10),
    });
  }
  return { year, items };
});

/** True when the record has a verified file; a record whose evidence the person may not read counts as having one. */
async function hasVerifiedEvidence(activityId: string): Promise<boolean> {
  try {
    const page = await Evidence.list({ activityId, limit: 100 });
    return page.items.some((file) => file.status === "ready");
  } catch (error) {
    if (error instanceof VisibleError) return true;
    throw error;
  }
}
