/**
 * What waits for the signed-in person in the activity lifecycle, counted from the rules: their
 * own drafts and returned records (they may edit them), and the records in their review queues
 * on which the transition table lets them act now (`allowedActions`), so a count never includes
 * a record the person may not decide on (their own, their own school's at district level, …).
 * Every count is a Query on a named index (owner, school-year, district queue).
 */
import * as z from "zod";
import { can, capabilities } from "../access";
import { Scope, useUser } from "../actor";
import { District } from "../org";
import { now } from "../util/clock";
import { SchoolYear, schoolYearOf } from "../util/date";
import { allowedActions, type Info, resourceOf } from "./activity";
import { entities } from "./entities";
import { Status } from "./fields";
import { toInfo } from "./store";

/**
 * - `draft` / `returned`: the person's own records to finish or correct;
 * - `review`: submitted records of a school to approve or return;
 * - `forward`: approved records of a school to send to the district;
 * - `district` / `province`: records at that level to forward or return;
 * - `follow`: records at the level of a district or province the person reads but does not decide on.
 */
export const WaitingKind = z.enum(["draft", "returned", "review", "forward", "district", "province", "follow"]);
export type WaitingKind = z.infer<typeof WaitingKind>;

export const WaitingCount = z
  .object({ kind: WaitingKind, scope: Scope, status: Status, count: z.number().int() })
  .meta({ id: "WaitingCount" });
export type WaitingCount = z.infer<typeof WaitingCount>;

/** Own records still open for changes (the evidence check of the home page reads these). */
export type OpenRecord = Pick<Info, "id" | "title" | "status">;

/** The most own open records listed by id (a person has a handful; the rest are only counted). */
const OPEN_LISTED = 50;

/**
 * The person's waiting activity work in a school year: counts (only the non-zero ones, in the
 * order of the lifecycle) and their own open records (for the evidence check).
 */
export async function waitingWork(year: string): Promise<{ counts: WaitingCount[]; open: OpenRecord[] }> {
  SchoolYear.parse(year);
  const user = useUser();
  const counts: WaitingCount[] = [];
  const add = (kind: WaitingKind, scope: Scope, status: Status, count: number) => {
    if (count > 0) counts.push({ kind, scope, status, count });
  };

  // Own records: the owner index, only the open statuses, only those the person may still read.
  const { data: own } = await entities()
    .Activity.query.byOwner({ ownerId: user.userId })
    .where((a, { eq }) => `${eq(a.status, "draft")} OR ${eq(a.status, "returned")}`)
    .go({ pages: "all" });
  const open = own
    .map(toInfo)
    .filter((a) => a.year === year && can("activity.read", resourceOf(a)))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const home: Scope = { type: "national", id: "" };
  add("draft", home, "draft", open.filter((a) => a.status === "draft").length);
  add("returned", home, "returned", open.filter((a) => a.status === "returned").length);

  // Queues: per scope the person holds, the statuses that wait at that level.
  for (const { scope, actions } of capabilities(user).scopes) {
    if (scope.type === "school" && actions.includes("activity.review.school")) {
      const { data } = await entities()
        .Activity.query.bySchool({ schoolCode: scope.id, schoolYear: year })
        .where((a, { eq }) => `${eq(a.status, "submitted")} OR ${eq(a.status, "approved")}`)
        .go({ pages: "all" });
      const decidable = await decidableOf(data.map(toInfo));
      add("review", scope, "submitted", decidable.filter((a) => a.status === "submitted").length);
      add("forward", scope, "approved", decidable.filter((a) => a.status === "approved").length);
    }
    if (scope.type === "district" && actions.includes("activity.read")) {
      const rows = await queue(scope.id, year, "district");
      const decides = actions.includes("activity.review.district");
      add(decides ? "district" : "follow", scope, "district", decides ? (await decidableOf(rows)).length : rows.length);
    }
    if (scope.type === "province" && actions.includes("activity.read")) {
      // A province is sharded by district (one Query per district on the queue index).
      const districts = (await District.list({ province: scope.id })).items;
      const rows = (await Promise.all(districts.map((d) => queue(d.id, year, "province")))).flat();
      const decides = actions.includes("activity.review.province");
      add(decides ? "province" : "follow", scope, "province", decides ? (await decidableOf(rows)).length : rows.length);
    }
  }
  return {
    counts,
    open: open.slice(0, OPEN_LISTED).map(({ id, title, status }) => ({ id, title, status })),
  };
}

async function queue(district: string, year: string, status: Status): Promise<Info[]> {
  const { data } = await entities()
    .Activity.query.byDistrict({ districtId: district, schoolYear: year, status })
    .go({ pages: "all" });
  return data.map(toInfo);
}

/** The records on which the person may take some lifecycle action now. */
async function decidableOf(rows: Info[]): Promise<Info[]> {
  const verdicts = await Promise.all(rows.map(async (row) => (await allowedActions(row)).length > 0));
  return rows.filter((_, i) => verdicts[i]);
}

/** The school year a date falls in (the home page counts the current one). */
export const currentYear = (): string => schoolYearOf(now());
