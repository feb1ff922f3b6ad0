/**
 * What the reminder run asks the activity domain (system work, no access check): the activities
 * of a district and year still waiting on their owner — drafts, and records returned for
 * correction. One Query on `gsi2` (`district#year#status`) per status, paged, projected to the
 * few fields a reminder needs.
 */
import { entities } from "./entities";

export type Undone = {
  activityId: string;
  schoolCode: string;
  districtId: string;
  provinceCode: string;
  ownerId: string;
  ownerName: string;
  title: string;
  status: "draft" | "returned";
};

/** Drafts and returned activities of a district in a school year, page by page. */
export async function* undoneOfDistrict(districtId: string, schoolYear: string): AsyncGenerator<Undone> {
  for (const status of ["draft", "returned"] as const) {
    let cursor: string | null = null;
    do {
      const page: { data: Undone[]; cursor: string | null } = (await entities()
        .Activity.query.byDistrict({ districtId, schoolYear, status })
        .go({
          cursor,
          limit: 500,
          attributes: [
            "activityId",
            "schoolCode",
            "districtId",
            "provinceCode",
            "ownerId",
            "ownerName",
            "title",
            "status",
          ],
        })) as never;
      cursor = page.cursor;
      yield* page.data;
    } while (cursor);
  }
}
