/**
 * The destruction run with an injected clock: records on either side of each kind's cutoff
 * (computed from retention.ts, not copied from output), in two provinces, in the national scope
 * and in a partnership, and exactly the ones past their period go. Records are written with the
 * domains' real keys: the run finds them by Queries on the indexes, as in AWS (no Scan).
 */
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { entities as activityEntities } from "../activity/entities";
import { type Scope, withActor } from "../actor";
import { Audit } from "../audit";
import { entities as auditEntities } from "../audit/entities";
import { table } from "../db";
import { evidence as evidenceEntity } from "../evidence/entities";
import { codeTtl } from "../identity/code";
import { refreshTtl } from "../identity/session";
import { entities as orgEntities } from "../org/entities";
import { entities as partnershipEntities } from "../partnership/entities";
import { bucket, s3 } from "../storage/system";
import { useClock } from "../util/clock";
import { retention, schoolYearEnd } from "./retention";
import { ANONYMOUS, destroyDue, markComplete } from "./retention-job";

const DAY = 86_400_000;
const today = new Date("2030-06-15T09:00:00Z");
let restoreClock: (() => void) | undefined;
afterEach(() => restoreClock?.());

/** `days` before today, plus or minus an hour: just inside or just past a period. */
const daysAgo = (days: number, past: boolean) =>
  new Date(today.getTime() - days * DAY + (past ? -3_600_000 : 3_600_000));

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

/** An audit event written as the application writes it (real index keys), at `at`. */
async function event(at: Date, action: string, scope: Scope, ip?: string) {
  const restore = useClock({ now: () => at });
  try {
    const info = await withActor({ actor: { type: "public" }, requestId: "test", ...(ip ? { ip } : {}) }, () =>
      Audit.record({ action, entity: { type: "test", id: `e${at.getTime()}` }, scope }),
    );
    return { entityType: "test", entityId: `e${at.getTime()}`, at: info.at, eventId: info.id };
  } finally {
    restore();
  }
}
const readEvent = async (key: Awaited<ReturnType<typeof event>>) => (await auditEntities().Event.get(key).go()).data;

let n = 0;
async function activity(districtId: string, schoolYear: string, status: "draft" | "approved") {
  n += 1;
  const activityId = `act_test${n}`;
  await activityEntities()
    .Activity.create({
      activityId,
      schoolCode: `${districtId.slice(0, 2)}0000${n}`,
      districtId,
      provinceCode: districtId.slice(0, 2),
      schoolYear,
      area: "academic",
      category: "dyk",
      status,
      title: "Proje",
      startDate: "2026-10-01",
      reach: "school",
      teachers: [{ name: "Ayşe Öğretmen" }],
      students: [{ grade: "9", girls: 1, boys: 1, initials: ["A.Y."] }],
      ownerId: "usr_owner",
      ownerName: "Ayşe Öğretmen",
      version: 1,
      createdAt: "2026-10-01T00:00:00Z",
      updatedAt: "2026-10-01T00:00:00Z",
    })
    .go();
  return activityId;
}
const readActivity = async (activityId: string) => (await activityEntities().Activity.get({ activityId }).go()).data;

async function evidence(districtId: string, schoolYear: string, keys: { key: string; uploadKey: string }) {
  n += 1;
  const evidenceId = `evd_test${n}`;
  await evidenceEntity()
    .create({
      evidenceId,
      activityId: "act_x",
      schoolCode: "000000",
      districtId,
      provinceCode: districtId.slice(0, 2),
      schoolYear,
      kind: "photo",
      contentType: "image/jpeg",
      fileName: "foto.jpg",
      size: 1,
      status: "ready",
      day: "2027-01-01",
      ...keys,
      identifiableStudents: false,
      uploadedBy: "usr_owner",
      uploadedByName: "Ayşe Öğretmen",
      createdAt: "2027-01-01T00:00:00Z",
    })
    .go();
  return evidenceId;
}
const readEvidence = async (evidenceId: string) => (await evidenceEntity().get({ evidenceId }).go()).data;

describe("privacy-retention job", () => {
  it("destroys exactly what is past its retention period, wherever it is filed, and reports it", async () => {
    // Prepare: two districts in two provinces, a partnership, and the previous run two days ago
    const [karesi, konak] = ["10-karesi", "35-konak"];
    for (const id of [karesi, konak])
      await orgEntities()
        .District.create({ id, provinceCode: id.slice(0, 2), name: id, createdAt: "2026-01-01T00:00:00Z" })
        .go();
    await partnershipEntities()
      .Partnership.create({
        partnershipId: "prt_test",
        cohort: "2029",
        startYear: "2029-2030",
        schools: [],
        leadSchool: "000000",
        coordinators: {},
        createdBy: "usr_owner",
        createdAt: "2029-09-01T00:00:00Z",
        version: 1,
      })
      .go();
    await markComplete(new Date(today.getTime() - 2 * DAY));
    // For each kind, records just past its period and just inside it
    const ip = "198.51.100.23";
    const district = { type: "district", id: karesi } as const;
    const national = { type: "national", id: "" } as const;
    const auditIpOld = await event(daysAgo(retention.auditIp.days, true), "activity.create", district, ip);
    const auditIpOldPartnership = await event(
      daysAgo(retention.auditIp.days, true),
      "partnership.update",
      { type: "partnership", id: "prt_test" },
      ip,
    );
    const auditIpNew = await event(daysAgo(retention.auditIp.days, false), "activity.create", national, ip);
    const signInOld = await event(daysAgo(retention.signIn.days, true), "auth.signin.failed", national);
    const signInNew = await event(daysAgo(retention.signIn.days, false), "auth.signin.failed", national);
    const eventOld = await event(daysAgo(retention.auditEvent.days, true), "school.create", {
      type: "province",
      id: "35",
    });
    const eventNew = await event(daysAgo(retention.auditEvent.days, false), "school.create", national);
    const pastYear = yearEndedBefore(retention.evidence.days);
    const keptYear = nextYear(pastYear);
    expect(schoolYearEnd(keptYear).getTime()).toBeGreaterThan(today.getTime() - retention.evidence.days * DAY);
    for (const key of ["evidence/old.jpg", "evidence/old2.jpg", "evidence/new.jpg"])
      await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: "x" }));
    const evidenceOld = await evidence(karesi, pastYear, { key: "evidence/old.jpg", uploadKey: "uploads/old.jpg" });
    const evidenceOld2 = await evidence(konak, pastYear, { key: "evidence/old2.jpg", uploadKey: "evidence/old2.jpg" });
    const evidenceNew = await evidence(karesi, keptYear, { key: "evidence/new.jpg", uploadKey: "uploads/new.jpg" });
    const activityOld = await activity(karesi, pastYear, "approved");
    const activityOld2 = await activity(konak, pastYear, "draft");
    const activityNew = await activity(karesi, keptYear, "approved");
    restoreClock = useClock({ now: () => today });

    // Act
    const report = await destroyDue();

    // Assess: the report counts what went; every "past" record is gone or stripped, every "inside" one intact
    expect(report).toEqual({
      evidenceDeleted: 2,
      evidenceObjectsDeleted: 3,
      activitiesAnonymised: 2,
      auditIpsRemoved: 2,
      signInRecordsDeleted: 1,
      auditEventsDeleted: 1,
    });
    for (const key of [auditIpOld, auditIpOldPartnership]) {
      expect((await readEvent(key))?.ip).toBeUndefined();
      expect((await readEvent(key))?.action).toBeDefined();
    }
    expect((await readEvent(auditIpNew))?.ip).toBe(ip);
    expect(await readEvent(signInOld)).toBeNull();
    expect(await readEvent(signInNew)).not.toBeNull();
    expect(await readEvent(eventOld)).toBeNull();
    expect(await readEvent(eventNew)).not.toBeNull();
    expect(await readEvidence(evidenceOld)).toBeNull();
    expect(await readEvidence(evidenceOld2)).toBeNull();
    expect(await exists("evidence/old.jpg")).toBe(false);
    expect(await exists("evidence/old2.jpg")).toBe(false);
    expect(await readEvidence(evidenceNew)).not.toBeNull();
    expect(await exists("evidence/new.jpg")).toBe(true);
    for (const id of [activityOld, activityOld2]) {
      const row = await readActivity(id);
      expect(row).toMatchObject({
        ownerName: ANONYMOUS,
        title: "Proje",
        students: [{ grade: "9", girls: 1, boys: 1 }],
      });
      expect(row?.teachers).toBeUndefined();
      expect(JSON.stringify(row)).not.toContain("A.Y.");
    }
    expect(await readActivity(activityNew)).toMatchObject({
      ownerName: "Ayşe Öğretmen",
      teachers: [{ name: "Ayşe Öğretmen" }],
    });

    // A second run finds nothing more to destroy
    expect(Object.values(await destroyDue()).every((count) => count === 0)).toBe(true);
  });

  it("a run stopped by a fault resumes from its checkpoint and counts nothing twice", async () => {
    // Prepare: a later month (the districts of the test above exist), the previous run two days ago
    const later = new Date(today.getTime() + 30 * DAY);
    // (the test above's kept school year is still inside its period a month later)
    expect(schoolYearEnd(nextYear(yearEndedBefore(retention.evidence.days))).getTime()).toBeGreaterThan(
      later.getTime() - retention.evidence.days * DAY,
    );
    const ago = (days: number) => new Date(later.getTime() - days * DAY - 3_600_000);
    await markComplete(new Date(later.getTime() - 2 * DAY));
    const ip = "198.51.100.24";
    const withIp = await event(
      ago(retention.auditIp.days),
      "activity.update",
      { type: "district", id: "35-konak" },
      ip,
    );
    const signIn = await event(ago(retention.signIn.days), "auth.signin.failed", { type: "national", id: "" });
    restoreClock = useClock({ now: () => later });
    let calls = 0;
    let saved: Parameters<typeof destroyDue>[0];
    const failingOnce = async (_percent: number, state: NonNullable<Parameters<typeof destroyDue>[0]>) => {
      calls += 1;
      if (calls === 2) throw new Error("DynamoDB unavailable");
      saved = JSON.parse(JSON.stringify(state));
    };

    // Act: the first attempt stops at its second checkpoint; the next starts from the saved one
    await expect(destroyDue(undefined, failingOnce)).rejects.toThrow("DynamoDB unavailable");
    const stoppedAfter = saved?.done;
    const report = await destroyDue(saved);

    // Assess
    expect(stoppedAfter).toMatch(/^a:\d{4}-\d{2}-\d{2}$/);
    expect(report).toEqual({
      evidenceDeleted: 0,
      evidenceObjectsDeleted: 0,
      activitiesAnonymised: 0,
      auditIpsRemoved: 1,
      signInRecordsDeleted: 1,
      auditEventsDeleted: 0,
    });
    expect((await readEvent(withIp))?.ip).toBeUndefined();
    expect(await readEvent(signIn)).toBeNull();
  });

  it("leaves sign-in records to DynamoDB TTL, which ends them well inside their retention period", () => {
    // Sessions and sign-in codes expire by the table's TTL attribute; the run does not read them
    expect(table.ttlAttribute).toBe("expiresAt");
    expect(refreshTtl).toBeLessThan(retention.signIn.days * 86_400);
    expect(codeTtl).toBeLessThan(retention.signIn.days * 86_400);
  });
});
