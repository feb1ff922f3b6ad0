/**
 * What the periodic destruction run (privacy/retention-job.ts) needs of partnerships: their ids,
 * cohort by cohort (gsi3 `cohort / id`; a cohort is a few hundred pairs at most), to read each
 * partnership's own audit partitions. Worker-only, not in index.ts.
 */
import { entities } from "./entities";

/** Ids of the partnerships that started in one of `cohorts` (start years, `2026`). */
export async function partnershipIdsOf(cohorts: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const cohort of cohorts) {
    const found = await entities()
      .Partnership.query.byCohort({ cohort })
      .go({ pages: "all", attributes: ["partnershipId"] });
    ids.push(...found.data.map((p) => p.partnershipId));
  }
  return ids;
}
