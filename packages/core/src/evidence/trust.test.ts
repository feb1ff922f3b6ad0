/**
 * Evidence defects found by probing (issue 7) and the sweep that must never lose a valid upload
 * (issue 8). Each test failed on the code before the fix.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import sharp from "sharp";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { karesiSchools } from "../../../../test/helpers/fixtures";
import { Activity } from "../activity";
import { type Grant, withActor } from "../actor";
import { Audit } from "../audit";
import { bucket, s3 } from "../storage/system";
import { useClock } from "../util/clock";
import { VisibleError } from "../util/error";
import { createId } from "../util/id";
import { Evidence } from ".";
import * as EvidenceSystem from "./system";

const schoolA = "7702001";
const schoolB = "7702002";
type Person = { userId: string; name: string; grants: Grant[] };
const person = (name: string, grants: Grant[]): Person => ({ userId: createId("user"), name, grants });
const teacherA = person("Ayşe", [{ role: "teacher", scope: { type: "school", id: schoolA } }]);
const teacherB = person("Bora", [{ role: "teacher", scope: { type: "school", id: schoolB } }]);
const admin = person("Admin", [{ role: "admin", scope: { type: "national", id: "" } }]);

const as = <T>(who: Person, run: () => Promise<T>) =>
  withActor({ actor: { type: "user", email: "x@test.tr", ...who }, requestId: "t" }, async () => run());
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, async () => run());

async function failure(promise: Promise<unknown>): Promise<VisibleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

/** A JPEG no other test uploads (random colour), so its SHA-256 is new. */
function uniquePhoto(): Promise<Buffer> {
  const c = () => Math.floor(Math.random() * 256);
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: c(), g: c(), b: c() } } })
    .jpeg()
    .toBuffer();
}

function newActivity(owner: Person, school: string) {
  return as(owner, () =>
    Activity.create({
      school,
      year: "2026-2027",
      area: "arts_sports_culture",
      category: "sportif",
      title: "Okullar arası satranç turnuvası",
      startDate: "2026-11-01",
      reach: "district",
    }),
  );
}

async function presign(who: Person, activityId: string, size: number, fileName = "foto.jpg") {
  return as(who, () => Evidence.presign({ activityId, fileName, contentType: "image/jpeg", size }));
}

async function upload(who: Person, activityId: string, bytes: Buffer) {
  const { evidence, upload } = await presign(who, activityId, bytes.length);
  const key = upload.fields.key as string;
  await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: bytes, ContentType: "image/jpeg" }));
  return { evidence, key };
}

const exists = (key: string) =>
  s3()
    .send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))
    .then(
      () => true,
      () => false,
    );

beforeAll(async () => {
  await karesiSchools([schoolA, schoolB]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("verification of an activity that is no longer editable", () => {
  it("rejects a file signed while the activity was a draft and uploaded after it was submitted", async () => {
    const activity = await newActivity(teacherA, schoolA);
    const { evidence, key } = await upload(teacherA, activity.id, await uniquePhoto());
    await as(teacherA, () => Activity.transition({ id: activity.id, action: "submit" }));

    const outcome = await system(() => EvidenceSystem.verify(bucket(), key));

    const record = await as(teacherA, () => Evidence.get(evidence.id));
    expect(outcome).toBe("rejected");
    expect(record.status).toBe("rejected");
    expect(record.rejectReason).toContain("gönderildiği için");
    expect([await exists(key), await exists(key.replace(/^uploads\//, "evidence/"))]).toEqual([false, false]);
  });
});

describe("duplicate warnings", () => {
  it("name only the activities the reader may see, and count the others", async () => {
    const photo = await uniquePhoto();
    const inA = await newActivity(teacherA, schoolA);
    const inB = await newActivity(teacherB, schoolB);
    await system(async () => EvidenceSystem.verify(bucket(), (await upload(teacherA, inA.id, photo)).key));
    const b = await upload(teacherB, inB.id, photo);
    await system(() => EvidenceSystem.verify(bucket(), b.key));

    const seenByB = await as(teacherB, () => Evidence.get(b.evidence.id));
    const seenByAdmin = await as(admin, () => Evidence.get(b.evidence.id));

    expect([seenByB.duplicateOf, seenByB.duplicatesElsewhere]).toEqual([undefined, 1]);
    expect([seenByAdmin.duplicateOf, seenByAdmin.duplicatesElsewhere]).toEqual([[inA.id], undefined]);
  });
});

describe("stored file names", () => {
  it("end in the type's extension and lose bidi, zero-width and control characters", async () => {
    const activity = await newActivity(teacherA, schoolA);
    const pdf = (fileName: string) =>
      as(teacherA, () =>
        Evidence.presign({ activityId: activity.id, fileName, contentType: "application/pdf", size: 10 }),
      ).then((r) => r.evidence.fileName);

    const names = [
      await pdf("rapor\u202Efdp.exe"),
      await pdf("sunum.html"),
      await pdf("logo.svg"),
      await pdf("afiş\u200B\u2066.pdf\u2069"),
      await pdf("tutanak\u0007 2026"),
      await pdf("Karar.PDF"),
    ];

    expect(names).toEqual(["raporfdp.pdf", "sunum.pdf", "logo.pdf", "afiş.pdf", "tutanak 2026.pdf", "Karar.PDF"]);
  });

  it("refuses a name that is nothing but invisible characters", async () => {
    const activity = await newActivity(teacherA, schoolA);

    const error = await failure(presign(teacherA, activity.id, 10, "\u202E\u200B"));

    expect([error.kind, error.code]).toEqual(["input", "file_name_empty"]);
  });
});

describe("pending uploads per activity", () => {
  it(`are capped at ${Evidence.MAX_PENDING_PER_ACTIVITY}`, async () => {
    const activity = await newActivity(teacherA, schoolA);
    for (let i = 0; i < Evidence.MAX_PENDING_PER_ACTIVITY; i++) await presign(teacherA, activity.id, 100 + i);

    const error = await failure(presign(teacherA, activity.id, 99));

    expect([error.kind, error.code]).toEqual(["conflict", "too_many_pending"]);
    const page = await as(teacherA, () => Evidence.list({ activityId: activity.id, limit: 100 }));
    expect(page.items).toHaveLength(Evidence.MAX_PENDING_PER_ACTIVITY);
  });
});

describe("evidence writes and their audit event", () => {
  it("commit together: when the transaction fails, no evidence record is left behind", async () => {
    const activity = await newActivity(teacherA, schoolA);
    const send = DynamoDBDocumentClient.prototype.send;
    vi.spyOn(DynamoDBDocumentClient.prototype, "send").mockImplementation(function (
      this: DynamoDBDocumentClient,
      ...args: Parameters<typeof send>
    ) {
      if (args[0] instanceof TransactWriteCommand) return Promise.reject(new Error("injected fault"));
      return send.apply(this, args);
    } as typeof send);

    await expect(presign(teacherA, activity.id, 10)).rejects.toThrow("injected fault");

    vi.restoreAllMocks();
    const page = await as(teacherA, () => Evidence.list({ activityId: activity.id }));
    expect(page.items).toEqual([]);
  });

  it("a presign stores its evidence.create event", async () => {
    const activity = await newActivity(teacherA, schoolA);
    const { evidence } = await presign(teacherA, activity.id, 10);

    const log = await as(admin, () => Audit.list({ entity: `evidence:${evidence.id}`, scope: `school:${schoolA}` }));

    expect(log.items.map((e) => e.action)).toEqual(["evidence.create"]);
  });
});

describe("the upload sweep", () => {
  /** An upload that arrived two days ago but whose verification never succeeded. */
  async function strandedUpload() {
    const activity = await newActivity(teacherA, schoolA);
    const restore = useClock({ now: () => new Date(Date.now() - 2 * 86_400_000) });
    const stranded = await upload(teacherA, activity.id, await uniquePhoto());
    restore();
    return stranded;
  }

  it("verifies an arrived upload that is still pending instead of deleting it", async () => {
    const { evidence, key } = await strandedUpload();

    const result = await system(() => EvidenceSystem.sweep());

    const record = await as(teacherA, () => Evidence.get(evidence.id));
    expect(result.verified).toBeGreaterThanOrEqual(1);
    expect(record.status).toBe("ready");
    expect(await exists(key.replace(/^uploads\//, "evidence/"))).toBe(true);
  });

  it("leaves the upload and its record alone when verification fails again for an internal reason", async () => {
    const { evidence, key } = await strandedUpload();
    const send = S3Client.prototype.send;
    vi.spyOn(S3Client.prototype, "send").mockImplementation(function (
      this: S3Client,
      ...args: Parameters<typeof send>
    ) {
      const command = args[0] as { input?: { Key?: string } };
      if (command instanceof GetObjectCommand && command.input?.Key === key) {
        return Promise.reject(new Error("injected S3 fault"));
      }
      return send.apply(this, args);
    } as typeof send);

    const result = await system(() => EvidenceSystem.sweep());

    vi.restoreAllMocks();
    expect(result.failed).toBeGreaterThanOrEqual(1);
    expect((await as(teacherA, () => Evidence.get(evidence.id))).status).toBe("pending");
    expect(await exists(key)).toBe(true);
  });
});
