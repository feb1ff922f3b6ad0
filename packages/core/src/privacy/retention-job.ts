/**
 * The periodic destruction run (KVKK: at most six months apart; scheduled monthly): applies
 * `retention.ts` to every kind of personal data and reports what it destroyed.
 *
 * - evidence past its period: the stored objects (file, thumbnail, upload) and the record go;
 * - activities' personal fields past their period: participating teachers' names and the
 *   owner's name are removed, the activity (numbers, dates, results) stays;
 * - audit events: the IP goes after `auditIp`; sign-in events (`auth.*`) go after `signIn`;
 *   every event goes after `auditEvent`;
 * - sign-in records (sessions, sign-in codes) past `signIn` go (most already expired by TTL).
 *
 * It reads the table page by page (a Scan with a filter: a monthly batch over every partition,
 * never a request path), saving the page position as its checkpoint, so a run stopped by a fault
 * resumes where it stopped. Each change is conditional on the item still being there.
 */
import { DeleteItemCommand, ScanCommand, type ScanCommandOutput, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import * as z from "zod";
import { dynamo } from "../db";
import type { JobType, Json } from "../job/define";
import { bucket, s3 } from "../storage/system";
import { now } from "../util/clock";
import { config } from "../util/config";
import { type RetainedKind, retentionCutoff, schoolYearEnd } from "./retention";

/** Items per page read (each page then written item by item). */
const pageSize = 200;

/** What one run destroyed, per kind (the job's result). */
export type Report = {
  evidenceDeleted: number;
  evidenceObjectsDeleted: number;
  activitiesAnonymised: number;
  auditIpsRemoved: number;
  signInRecordsDeleted: number;
  auditEventsDeleted: number;
};
type State = Report & { start?: Record<string, unknown>; pages: number };

const empty = (): State => ({
  evidenceDeleted: 0,
  evidenceObjectsDeleted: 0,
  activitiesAnonymised: 0,
  auditIpsRemoved: 0,
  signInRecordsDeleted: 0,
  auditEventsDeleted: 0,
  pages: 0,
});

type Item = NonNullable<ScanCommandOutput["Items"]>[number];
const str = (item: Item, name: string) => item[name]?.S;
const keyOf = (item: Item) => ({ pk: item.pk!, sk: item.sk! });

/** The cutoffs at `at`: a record that started before its kind's cutoff is due. */
function cutoffs(at: Date): Record<RetainedKind, number> {
  const kinds: RetainedKind[] = ["evidence", "activityPersonal", "auditIp", "signIn", "account", "auditEvent"];
  return Object.fromEntries(kinds.map((k) => [k, retentionCutoff(k, at).getTime()])) as Record<RetainedKind, number>;
}

const yearEnd = (year: string | undefined) => {
  try {
    return year ? schoolYearEnd(year).getTime() : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};
const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/** Anonymised name written where a person's name was (the record stays readable). */
export const ANONYMOUS = "Anonim";

async function deleteItem(item: Item): Promise<boolean> {
  try {
    await dynamo().send(
      new DeleteItemCommand({
        TableName: config().tableName,
        Key: keyOf(item),
        ConditionExpression: "attribute_exists(pk)",
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

/** Applies the rules to one item; returns the counter to add to, if anything was destroyed. */
async function apply(item: Item, due: Record<RetainedKind, number>, state: State): Promise<void> {
  const entity = str(item, "__edb_e__");
  if (entity === "audit") {
    const at = time(str(item, "at"));
    const signIn = str(item, "action")?.startsWith("auth.") ?? false;
    if (at < due.auditEvent || (signIn && at < due.signIn)) {
      if (await deleteItem(item))
        state[signIn && !(at < due.auditEvent) ? "signInRecordsDeleted" : "auditEventsDeleted"]++;
    } else if (item.ip && at < due.auditIp) {
      await dynamo().send(
        new UpdateItemCommand({
          TableName: config().tableName,
          Key: keyOf(item),
          UpdateExpression: "REMOVE ip",
          ConditionExpression: "attribute_exists(pk)",
        }),
      );
      state.auditIpsRemoved++;
    }
  } else if (entity === "session" || entity === "signincode") {
    if (time(str(item, "createdAt")) < due.signIn && (await deleteItem(item))) state.signInRecordsDeleted++;
  } else if (entity === "evidence") {
    if (yearEnd(str(item, "schoolYear")) < due.evidence) {
      const keys = [str(item, "key"), str(item, "thumbnailKey"), str(item, "uploadKey")].filter((k): k is string =>
        Boolean(k),
      );
      // Objects first: a run stopped between the two finds the record again and retries.
      for (const key of new Set(keys)) {
        await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
        state.evidenceObjectsDeleted++;
      }
      if (await deleteItem(item)) state.evidenceDeleted++;
    }
  } else if (entity === "activity") {
    const named = item.teachers !== undefined || str(item, "ownerName") !== ANONYMOUS;
    if (named && yearEnd(str(item, "schoolYear")) < due.activityPersonal) {
      await dynamo().send(
        new UpdateItemCommand({
          TableName: config().tableName,
          Key: keyOf(item),
          UpdateExpression: "SET ownerName = :anon REMOVE teachers",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":anon": { S: ANONYMOUS } },
        }),
      );
      state.activitiesAnonymised++;
    }
  }
}

/** Runs the rules over the whole table from `state.start`, saving progress after each page. */
export async function destroyDue(
  state: State = empty(),
  progress: (state: State) => Promise<void> = async () => undefined,
): Promise<Report> {
  const due = cutoffs(now());
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: config().tableName,
        Limit: pageSize,
        FilterExpression: "#e IN (:audit, :session, :code, :evidence, :activity)",
        ExpressionAttributeNames: { "#e": "__edb_e__" },
        ExpressionAttributeValues: {
          ":audit": { S: "audit" },
          ":session": { S: "session" },
          ":code": { S: "signincode" },
          ":evidence": { S: "evidence" },
          ":activity": { S: "activity" },
        },
        ...(state.start ? { ExclusiveStartKey: state.start as never } : {}),
      }),
    );
    for (const item of page.Items ?? []) await apply(item, due, state);
    state.start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
    state.pages++;
    await progress(state);
  } while (state.start);
  const { start: _start, pages: _pages, ...report } = state;
  return report;
}

/** Monthly (packages/functions/src/jobs/registry.ts): the periodic destruction run. */
/** The run of `privacy-retention` (worker-only: job/system.ts loads this module on first run). */
export const runRetention: JobType<unknown>["run"] = async (ctx) => {
  const state = (ctx.checkpoint as State | undefined) ?? empty();
  // Progress is unknown until the end (a Scan has no total): pages read, capped below 100.
  const report = await destroyDue(state, (s) => ctx.progress(Math.min(95, s.pages), s as unknown as Json));
  return report as unknown as Json;
};
