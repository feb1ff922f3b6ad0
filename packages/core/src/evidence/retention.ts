/**
 * Evidence's part of the periodic destruction run (privacy/retention-job.ts): evidence of a
 * school year past `evidence` goes, its stored objects (file, thumbnail, upload) first and then
 * its record, so a run stopped between the two finds the record again and retries. Read by a
 * Query on `byDistrict` (district#year), one district-year at a time: no Scan. Worker-only.
 */
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { isConditionFailure } from "../db";
import { bucket, s3 } from "../storage/system";
import { evidence } from "./entities";

type Row = { evidenceId: string; key?: string; thumbnailKey?: string; uploadKey?: string };

/** Deletes the district's evidence of `schoolYear`; returns the records and objects deleted. */
export async function deleteDistrictYear(
  districtId: string,
  schoolYear: string,
): Promise<{ records: number; objects: number }> {
  const Evidence = evidence();
  const done = { records: 0, objects: 0 };
  let cursor: string | null = null;
  do {
    const page: { data: Row[]; cursor: string | null } = await Evidence.query
      .byDistrictYear({ districtId, schoolYear })
      .go({ cursor, pages: 1, attributes: ["evidenceId", "key", "thumbnailKey", "uploadKey"] });
    for (const row of page.data) {
      const keys = new Set([row.key, row.thumbnailKey, row.uploadKey].filter((k): k is string => Boolean(k)));
      for (const key of keys) {
        await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
        done.objects++;
      }
      try {
        await Evidence.delete({ evidenceId: row.evidenceId })
          .where((a, op) => op.exists(a.evidenceId))
          .go();
        done.records++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return done;
}
