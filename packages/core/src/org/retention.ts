/**
 * What the periodic destruction run (privacy/retention-job.ts) needs of the organisation: the
 * districts of a province (one Query on the base table, ≤ 40 items). Worker-only, not in index.ts.
 */
import { entities } from "./entities";

/** Ids of the province's districts, in id order. */
export async function districtIdsOf(provinceCode: string): Promise<string[]> {
  const found = await entities()
    .District.query.byProvince({ provinceCode })
    .go({ pages: "all", attributes: ["id"] });
  return found.data.map((d) => d.id).sort();
}
