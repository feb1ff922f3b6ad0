/**
 * The destruction run with an injected clock: records on either side of each kind's cutoff
 * (computed from retention.ts, not copied from output), and exactly the ones past it go.
 */
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { dynamo } from "../db";
import { bucket, s3 } from "../storage/system";
import { useClock } from "../util/clock";
import { config } from "../util/config";
import { retention, schoolYearEnd } from "./retention";
import { ANONYMOUS, destroyDue } from "./retention-job";

const DAY = 86_400_000;
const today = new Date("2030-06-15T09:00:00Z");
let restoreClock: (() => void) | undefined;
afterEach(() => restoreClock?.());

/** `days` before today, plus or minus an hour: just inside or just past a period. */
const daysAgo = (days: number, past: boolean) =>
  new Date(today.getTime() - days * DAY + (past ? -3_600_000 : 3_600_000));

let n = 0;
async function putItem(entity: string, attributes: Record<string, string>) {
  n += 1;
  const key = { pk: { S: `$bigep#test_${entity}_${n}` }, sk: { S: `$${entity}_1` } };
  const Item = {
    ...key,
    __edb_e__: { S: entity },
    ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { S: v }])),
  };
  await dynamo().send(new PutItemCommand({ TableName: config().tableName, Item }));
  return key;
}
const read = async (key: Record<string, { S: string }>) =>
  (await dynamo().send(new GetItemCommand({ TableName: config().tableName, Key: key, ConsistentRead: true }))).Item;
const exists = async (objectKey: string) =>
  s3()
    .send(new HeadObjectCommand({ Bucket: bucket(), Key: objectKey }))
    .then(() => true)
    .catch(() => false);

/** The newest school year whose end is at least `days` before today (past) or the one after it. */
function yearEndedBefore(days: number): string {
  for (let start = 2030; start > 2000; start--) {
    const year = `${start}-${start + 1}`;
    if (schoolYearEnd(year).getTime() < today.getTime() - days * DAY) return year;
  }
  throw new Error("no year");
}
const nextYear = (year: string) => year.replace(/^(\d{4})-(\d{4})$/, (_, a, b) => `${Number(a) + 1}-${Number(b) + 1}`);

describe("privacy-retention job", () => {
  it("destroys exactly what is past its retention period, and reports it", async () => {
    // Prepare: for each kind, one record just past its period and one just inside it
    const ip = "198.51.100.23";
    const auditIpOld = await putItem("audit", {
      at: daysAgo(retention.auditIp.days, true).toISOString(),
      action: "activity.create",
      ip,
    });
    const auditIpNew = await putItem("audit", {
      at: daysAgo(retention.auditIp.days, false).toISOString(),
      action: "activity.create",
      ip,
    });
    const signInOld = await putItem("audit", {
      at: daysAgo(retention.signIn.days, true).toISOString(),
      action: "auth.signin.failed",
    });
    const signInNew = await putItem("audit", {
      at: daysAgo(retention.signIn.days, false).toISOString(),
      action: "auth.signin.failed",
    });
    const eventOld = await putItem("audit", {
      at: daysAgo(retention.auditEvent.days, true).toISOString(),
      action: "school.create",
    });
    const sessionOld = await putItem("session", { createdAt: daysAgo(retention.signIn.days, true).toISOString() });
    const sessionNew = await putItem("session", { createdAt: daysAgo(retention.signIn.days, false).toISOString() });
    const pastYear = yearEndedBefore(retention.evidence.days);
    const keptYear = nextYear(pastYear);
    expect(schoolYearEnd(keptYear).getTime()).toBeGreaterThan(today.getTime() - retention.evidence.days * DAY);
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: "evidence/old.jpg", Body: "x" }));
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: "evidence/new.jpg", Body: "x" }));
    const evidenceOld = await putItem("evidence", {
      schoolYear: pastYear,
      key: "evidence/old.jpg",
      uploadKey: "uploads/old.jpg",
    });
    const evidenceNew = await putItem("evidence", {
      schoolYear: keptYear,
      key: "evidence/new.jpg",
      uploadKey: "uploads/new.jpg",
    });
    const activityOld = await putItem("activity", { schoolYear: pastYear, ownerName: "Ayşe Öğretmen", title: "Proje" });
    const activityNew = await putItem("activity", { schoolYear: keptYear, ownerName: "Ayşe Öğretmen", title: "Proje" });
    restoreClock = useClock({ now: () => today });

    // Act
    const report = await destroyDue();

    // Assess: the report counts what went; every "past" record is gone or stripped, every "inside" one intact
    expect(report).toEqual({
      evidenceDeleted: 1,
      evidenceObjectsDeleted: 2,
      activitiesAnonymised: 1,
      auditIpsRemoved: 1,
      signInRecordsDeleted: 2,
      auditEventsDeleted: 1,
    });
    expect((await read(auditIpOld))?.ip).toBeUndefined();
    expect((await read(auditIpOld))?.action?.S).toBe("activity.create");
    expect((await read(auditIpNew))?.ip?.S).toBe(ip);
    expect(await read(signInOld)).toBeUndefined();
    expect(await read(signInNew)).toBeDefined();
    expect(await read(eventOld)).toBeUndefined();
    expect(await read(sessionOld)).toBeUndefined();
    expect(await read(sessionNew)).toBeDefined();
    expect(await read(evidenceOld)).toBeUndefined();
    expect(await exists("evidence/old.jpg")).toBe(false);
    expect(await read(evidenceNew)).toBeDefined();
    expect(await exists("evidence/new.jpg")).toBe(true);
    expect((await read(activityOld))?.ownerName?.S).toBe(ANONYMOUS);
    expect((await read(activityOld))?.title?.S).toBe("Proje");
    expect((await read(activityNew))?.ownerName?.S).toBe("Ayşe Öğretmen");

    // A second run finds nothing more to destroy
    expect(Object.values(await destroyDue()).every((count) => count === 0)).toBe(true);
  });
});
