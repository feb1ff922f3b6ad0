/**
 * One streaming pass over a scope's year: every section's segments (named paginated Queries)
 * are read page by page into the sections' accumulators, and after each page the position and
 * the states are saved as the job's checkpoint. A resumed run starts from the saved cursor with
 * the saved states, so it produces exactly the bytes an uninterrupted run does. Memory holds one
 * page and the states (bounded by the scope's districts and schools), whatever the year's size.
 */
import type { Json } from "../job/define";
import type { ReportSection, Target } from "./section";

export type CompileCheckpoint = {
  /** Index of the segment (over all sections, in order) being read. */
  segment: number;
  /** Cursor of its next page (null: from its start). */
  cursor: string | null;
  /** Items read so far (progress within a run; diagnostics). */
  items: number;
  states: Record<string, Json>;
};

export type CompileOptions = {
  checkpoint: CompileCheckpoint | undefined;
  /** Items per Query page. */
  pageSize: number;
  /** Called with the fraction done (0–1) and the checkpoint to save, at most every `saveEveryMs`. */
  progress(fraction: number, checkpoint: CompileCheckpoint): Promise<void>;
  /**
   * Least time between two checkpoint writes (default 1 s): a write per page would double the
   * round trips of a pass whose pages are small (a district's status with a few items); a crash
   * loses at most this much reading.
   */
  saveEveryMs?: number;
};

/** Streams every section's reads for the target; returns the final states by section id. */
export async function compile(
  sections: readonly ReportSection<Json>[],
  target: Target,
  options: CompileOptions,
): Promise<Record<string, Json>> {
  const plan = sections.flatMap((section) => section.segments(target).map((segment) => ({ section, segment })));
  const saved = options.checkpoint;
  const states: Record<string, Json> = {};
  for (const section of sections) states[section.id] = saved?.states[section.id] ?? section.empty();
  let items = saved?.items ?? 0;
  const every = options.saveEveryMs ?? 1000;
  let lastSave = Date.now();
  for (let index = saved?.segment ?? 0; index < plan.length; index++) {
    const step = plan[index];
    if (!step) break;
    const { section, segment } = step;
    let cursor = index === saved?.segment ? saved.cursor : null;
    do {
      const page = await segment.page(cursor, options.pageSize);
      let state = states[section.id] as Json;
      for (const item of page.items) state = section.add(state, item, segment.key, target);
      states[section.id] = state;
      items += page.items.length;
      cursor = page.cursor;
      const next = cursor === null ? { segment: index + 1, cursor: null } : { segment: index, cursor };
      // Fraction by segments finished: a segment's size is not known before reading it.
      const last = next.segment >= plan.length;
      if (last || Date.now() - lastSave >= every) {
        await options.progress(next.segment / Math.max(plan.length, 1), { ...next, items, states });
        lastSave = Date.now();
      }
    } while (cursor !== null);
  }
  return states;
}
