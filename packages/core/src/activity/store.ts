/**
 * Reading stored activities without an access check: private to the activity domain (and its
 * system entry, system.ts). Public operations read through `Activity.get`, which asks the policy.
 */
import { createConversions } from "electrodb";
import { bound } from "../db";
import { getByKeys } from "../db/query";
import type { Info } from "./activity";
import { type ActivityRow, entities } from "./entities";
import type { Reach } from "./fields";

export function toInfo(row: ActivityRow): Info {
  return {
    id: row.activityId,
    school: row.schoolCode,
    district: row.districtId,
    province: row.provinceCode,
    year: row.schoolYear,
    area: row.area,
    category: row.category,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    startDate: row.startDate,
    ...(row.endDate ? { endDate: row.endDate } : {}),
    reach: row.reach as Reach,
    ...(row.programme ? { programme: row.programme } : {}),
    ...(row.result ? { result: row.result } : {}),
    teachers: row.teachers ?? [],
    students: row.students ?? [],
    partners: row.partners ?? [],
    links: row.links ?? [],
    status: row.status,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    ...(row.returnReason ? { returnReason: row.returnReason } : {}),
    ...(row.duplicateEvidence ? { duplicateEvidence: true } : {}),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The activity as stored, or undefined; no access check. */
export async function load(id: string): Promise<Info | undefined> {
  const { Activity } = entities();
  const item = await getByKeys(activityKeys()({ activityId: id }));
  // `parse` with the ownership check: an item of another entity under the same key is no activity.
  const row = item ? Activity.parse({ Item: item }, { ignoreOwnership: false }).data : null;
  return row ? toInfo(row) : undefined;
}

/** The activity's keys from its id (most requests read one: db/query.ts says why not `get().go()`). */
const activityKeys = bound(() => createConversions(entities().Activity).fromComposite.toKeys);
