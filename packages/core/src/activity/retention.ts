/**
 * Activities' part of the periodic destruction run (privacy/retention-job.ts): once the
 * activities of a school year are past `activityPersonal`, the names on them go (participating
 * teachers, the owner's name, students' initials) and the activity stays (numbers, dates,
 * results). Read by Queries on the district review-queue index (gsi2 `district#year#status`),
 * one per status: no Scan. Worker-only, not in index.ts.
 */
import { isConditionFailure } from "../db";
import { entities } from "./entities";
import { statuses } from "./fields";

/** Written where the owner's name was (the record stays readable). */
export const ANONYMOUS = "Anonim";

type StudentGroup = { initials?: unknown };
type Row = { activityId: string; ownerName: string; teachers?: unknown; students?: unknown };

/**
 * Anonymises the district's activities of `schoolYear` that still carry names; returns how many
 * it changed. Idempotent: an activity already anonymised is left alone.
 */
export async function anonymiseDistrictYear(districtId: string, schoolYear: string): Promise<number> {
  const { Activity } = entities();
  let changed = 0;
  for (const status of statuses) {
    let cursor: string | null = null;
    do {
      const page: { data: Row[]; cursor: string | null } = await Activity.query
        .byDistrict({ districtId, schoolYear, status })
        .go({ cursor, pages: 1, attributes: ["activityId", "ownerName", "teachers", "students"] });
      for (const a of page.data) {
        const students = (a.students as StudentGroup[] | undefined) ?? [];
        const initials = students.some((s) => s.initials !== undefined);
        if (a.teachers === undefined && a.ownerName === ANONYMOUS && !initials) continue;
        try {
          await Activity.patch({ activityId: a.activityId })
            .set({
              ownerName: ANONYMOUS,
              ...(initials ? { students: students.map(({ initials: _gone, ...group }) => group) } : {}),
            })
            .remove(["teachers"])
            .go();
          changed++;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return changed;
}
