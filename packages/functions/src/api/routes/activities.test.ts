/**
 * Activities and evidence through the HTTP API, end to end: a real s3rver of this file whose
 * upload events run the verify-evidence job, as the local runtime wires them.
 */
// Other routes call `.openapi()` on core schemas, which exists only on schemas created after this
// import has extended zod; load it before any core module.
import "@hono/zod-openapi";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { withActor } from "@bigep/core/actor";
import { District, School } from "@bigep/core/org";
import { bucket, s3 } from "@bigep/core/system/storage";
import { resetConfig } from "@bigep/core/util/config";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestUser, userWith } from "../../../../../test/helpers/auth";
import { activityBody, karesiSchools } from "../../../../../test/helpers/fixtures";
import { mp4 as sampleMp4 } from "../../../../../test/helpers/media";
import { cleanVideo } from "../../../../core/src/evidence/clean";
import { handler as verifyEvidence } from "../../jobs/verify-evidence";
import { wireBucketEvents } from "../../local/events";
import type { Handler } from "../../local/lambda";
import { ensureBucket, type S3Handle, startS3 } from "../../local/services";
import { app } from "../app";

const year = "2026-2027";
const schoolA = "7703001";
const schoolB = "7703002";
const partSize = 64 * 1024;
let s3rver: S3Handle;
let s3Dir: string;
let events: ReturnType<typeof wireBucketEvents>;
let teacherA: TestUser;
let teacherB: TestUser;
let commission: TestUser;

beforeAll(async () => {
  s3Dir = mkdtempSync(join(tmpdir(), "bigep-activities-s3-"));
  s3rver = await startS3({ directory: s3Dir });
  process.env.AWS_ENDPOINT_URL_S3 = s3rver.endpoint;
  // Small parts so a test video is a few of them (S3 wants ≥ 5 MiB but the last; s3rver does not check).
  process.env.BIGEP_MULTIPART_PART_SIZE = String(partSize);
  resetConfig();
  await ensureBucket();
  events = wireBucketEvents(s3rver.server, { bucket: bucket(), load: async () => verifyEvidence as Handler });
  await karesiSchools([schoolA, schoolB]);
  teacherA = await userWith([{ role: "teacher", scope: { type: "school", id: schoolA } }], { name: "Ayşe Öğretmen" });
  teacherB = await userWith([{ role: "teacher", scope: { type: "school", id: schoolB } }]);
  commission = await userWith([{ role: "school_commission", scope: { type: "school", id: schoolA } }]);
});

afterAll(async () => {
  events.stop();
  await s3rver.stop();
  rmSync(s3Dir, { recursive: true, force: true });
});

type Json = Record<string, unknown> & { items?: Record<string, unknown>[] };

async function call(
  user: TestUser,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await app.request(path, {
    method,
    headers: { ...user.headers, ...(body ? { "content-type": "application/json" } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json, etag: res.headers.get("etag") };
}

const newActivity = async (user = teacherA, extra: Record<string, unknown> = {}) => {
  const res = await call(user, "POST", "/api/activities", { ...activityBody(schoolA, year), ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
};

/** Presign through the API, POST the bytes to s3rver like a browser, wait for the verdict. */
async function uploadThroughBrowserFlow(activityId: string, bytes: Buffer, declared = bytes.length) {
  const presigned = await call(teacherA, "POST", `/api/activities/${activityId}/evidence`, {
    fileName: "tören.jpg",
    contentType: "image/jpeg",
    size: declared,
  });
  expect(presigned.status).toBe(201);
  const { evidence, upload } = presigned.body as {
    evidence: { id: string };
    upload: { url: string; fields: Record<string, string> };
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), "tören.jpg");
  const posted = await fetch(upload.url, { method: "POST", body: form });
  expect(posted.status).toBeLessThan(300);
  const key = upload.fields.key as string;
  let record: Json = {};
  for (let i = 0; i < 100; i++) {
    await events.drain();
    record = (await call(teacherA, "GET", `/api/evidence/${evidence.id}`)).body;
    if (record.status !== "pending") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { id: evidence.id, key, record };
}

const exists = (key: string) =>
  s3()
    .send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))
    .then(
      () => true,
      () => false,
    );

const photo = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: "orange" } })
    .jpeg()
    .withExif({ IFD0: { Make: "TestCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 38/1 0/1" } })
    .toBuffer();

describe("evidence upload, end to end", () => {
  it("presign → POST to s3rver → event → ready, with a thumbnail and no GPS in the stored photo", async () => {
    const activity = await newActivity();
    const original = await photo();
    expect(original.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const { id, key, record } = await uploadThroughBrowserFlow(activity.id, original);

    expect(record).toMatchObject({ status: "ready", kind: "photo" });
    const thumbnail = await fetch(record.thumbnailUrl as string);
    expect(thumbnail.status).toBe(200);
    expect((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).width).toBe(320);
    const link = await call(teacherA, "GET", `/api/evidence/${id}/download`);
    expect(link.status).toBe(200);
    expect(link.body.expiresIn).toBeLessThanOrEqual(300);
    const stored = Buffer.from(await (await fetch(link.body.url as string)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect(meta.width).toBe(800);
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from("GPS"))).toBe(false);
    expect(await exists(key)).toBe(false);
  });

  it("rejects and deletes an .exe renamed to .jpg", async () => {
    const activity = await newActivity();
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1"), Buffer.alloc(4096, 1)]);

    const { key, record } = await uploadThroughBrowserFlow(activity.id, exe);

    expect(record.status).toBe("rejected");
    expect(record.rejectReason).toMatch(/JPEG değil/);
    expect(await exists(key)).toBe(false);
  });

  it("rejects and deletes an upload over the photo limit (s3rver ignores the POST policy)", async () => {
    const activity = await newActivity();
    const big = Buffer.alloc(15 * 1024 * 1024 + 1, 0xff);

    const { key, record } = await uploadThroughBrowserFlow(activity.id, big, 1024);

    expect(record.status).toBe("rejected");
    expect(record.rejectReason).toMatch(/çok büyük/);
    expect(await exists(key)).toBe(false);
  });

  it("gives a teacher of another school no presign, list, read or download (404, no data)", async () => {
    const activity = await newActivity();
    const { id } = await uploadThroughBrowserFlow(activity.id, await photo());

    const responses = [
      await call(teacherB, "POST", `/api/activities/${activity.id}/evidence`, {
        fileName: "x.jpg",
        contentType: "image/jpeg",
        size: 10,
      }),
      await call(teacherB, "GET", `/api/activities/${activity.id}/evidence`),
      await call(teacherB, "GET", `/api/activities/${activity.id}`),
      await call(teacherB, "GET", `/api/evidence/${id}`),
      await call(teacherB, "GET", `/api/evidence/${id}/download`),
      await call(teacherB, "GET", `/api/activities?school=${schoolA}&year=${year}`),
    ];

    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 403]);
    for (const r of responses) expect(Object.keys(r.body).sort()).toEqual(["code", "message", "requestId"]);
  });
});

/** A minimal MP4 file-type recognises: an `ftyp` box (isom) and an `mdat` box of filler. */
/** A real MP4 (with a location atom, see test/helpers/media.ts) padded by a second mdat to `size` bytes. */
function mp4(size: number): Buffer {
  const small = sampleMp4(true);
  const mdat = Buffer.alloc(size - small.length, 0x42);
  mdat.writeUInt32BE(mdat.length, 0);
  mdat.write("mdat", 4, "latin1");
  return Buffer.concat([small, mdat]);
}

type Started = { uploadId: string; partSize: number; expiresIn: number; parts: { partNumber: number; url: string }[] };

/** Presign, start a multipart upload and PUT every part like the browser does; returns the ETags. */
async function startAndPutParts(activityId: string, bytes: Buffer) {
  const presigned = await call(teacherA, "POST", `/api/activities/${activityId}/evidence`, {
    fileName: "gösteri.mp4",
    contentType: "video/mp4",
    size: bytes.length,
  });
  const id = (presigned.body.evidence as { id: string }).id;
  const started = await call(teacherA, "POST", `/api/evidence/${id}/multipart`);
  expect(started.status).toBe(201);
  const { parts, uploadId } = started.body as unknown as Started;
  const etags = [];
  for (const part of parts) {
    const from = (part.partNumber - 1) * partSize;
    const put = await fetch(part.url, { method: "PUT", body: new Uint8Array(bytes.subarray(from, from + partSize)) });
    expect(put.status).toBe(200);
    etags.push({ partNumber: part.partNumber, etag: put.headers.get("etag") as string });
  }
  return { id, uploadId, parts, etags };
}

async function verdict(id: string): Promise<Json> {
  let record: Json = {};
  for (let i = 0; i < 100; i++) {
    await events.drain();
    record = (await call(teacherA, "GET", `/api/evidence/${id}`)).body;
    if (record.status !== "pending") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return record;
}

describe("multipart video upload, end to end", () => {
  it("presign → start → PUT parts → complete → ObjectCreated event → ready, hashed over the whole file", async () => {
    const activity = await newActivity();
    const video = mp4(3 * partSize + 1000);

    const { id, uploadId, parts, etags } = await startAndPutParts(activity.id, video);
    const completed = await call(teacherA, "POST", `/api/evidence/${id}/multipart/complete`, { parts: etags });
    const record = await verdict(id);

    expect(uploadId).toBeTruthy();
    expect(parts.map((p) => p.partNumber)).toEqual([1, 2, 3, 4]);
    expect(new URL(parts[0]!.url).searchParams.get("X-Amz-Expires")).toBe("300");
    expect(new URL(parts[0]!.url).pathname).toBe(`/${bucket()}/uploads/${schoolA}/${activity.id}/${id}`);
    expect(completed.status).toBe(200);
    expect(record).toMatchObject({ status: "ready", kind: "video", size: video.length });
    expect(record.sha256).toBe(createHash("sha256").update(video).digest("hex"));
    const link = await call(teacherA, "GET", `/api/evidence/${id}/download`);
    const stored = Buffer.from(await (await fetch(link.body.url as string)).arrayBuffer());
    // Stored is the upload re-written without its metadata (the location atom is gone).
    expect(stored.equals(Buffer.from(await cleanVideo(video)))).toBe(true);
    expect(stored.includes(Buffer.from("+39.6484", "latin1"))).toBe(false);
  });

  it("rejects and deletes a multipart upload whose bytes are not an MP4", async () => {
    const activity = await newActivity();
    const fake = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(2 * partSize, 7)]);

    const { id, etags } = await startAndPutParts(activity.id, fake);
    await call(teacherA, "POST", `/api/evidence/${id}/multipart/complete`, { parts: etags });
    const record = await verdict(id);

    expect(record.status).toBe("rejected");
    expect(record.rejectReason).toMatch(/MP4 değil/);
    expect(await exists(`uploads/${schoolA}/${activity.id}/${id}`)).toBe(false);
  });

  it("re-signs parts, refuses an incomplete part list, starts once, and cancels", async () => {
    const activity = await newActivity();
    const { id, etags } = await startAndPutParts(activity.id, mp4(2 * partSize));

    const resigned = await call(teacherA, "POST", `/api/evidence/${id}/multipart/parts`, { partNumbers: [2] });
    const outOfRange = await call(teacherA, "POST", `/api/evidence/${id}/multipart/parts`, { partNumbers: [3] });
    const again = await call(teacherA, "POST", `/api/evidence/${id}/multipart`);
    const partial = await call(teacherA, "POST", `/api/evidence/${id}/multipart/complete`, { parts: etags.slice(1) });
    const aborted = await call(teacherA, "DELETE", `/api/evidence/${id}/multipart`);
    const afterAbort = await call(teacherA, "POST", `/api/evidence/${id}/multipart/complete`, { parts: etags });

    expect(resigned.status).toBe(200);
    expect((resigned.body.parts as { partNumber: number }[]).map((p) => p.partNumber)).toEqual([2]);
    expect(outOfRange.status).toBe(400);
    expect(again.body.code).toBe("multipart_started");
    expect(partial.body.code).toBe("parts_incomplete");
    expect(aborted.body).toMatchObject({ status: "rejected", rejectReason: "Yükleme iptal edildi." });
    expect(afterAbort.status).toBe(409);
  });

  it("refuses to complete a multipart upload once the activity is submitted: 409, nothing becomes ready", async () => {
    const activity = await newActivity();
    const { id, etags } = await startAndPutParts(activity.id, mp4(2 * partSize));
    await call(teacherA, "POST", `/api/activities/${activity.id}/transitions`, { action: "submit" });

    const completed = await call(teacherA, "POST", `/api/evidence/${id}/multipart/complete`, { parts: etags });
    await events.drain();
    const record = await call(teacherA, "GET", `/api/evidence/${id}`);

    expect(completed.status).toBe(409);
    expect(completed.body).toMatchObject({ code: "not_editable", message: expect.stringMatching(/Gönderilmiş/) });
    expect(record.body.status).toBe("pending");
    expect(await exists(`uploads/${schoolA}/${activity.id}/${id}`)).toBe(false);
  });

  it("refuses multipart for photos and hides another school's upload (404) on every multipart operation", async () => {
    const activity = await newActivity();
    const photoEvidence = await call(teacherA, "POST", `/api/activities/${activity.id}/evidence`, {
      fileName: "a.jpg",
      contentType: "image/jpeg",
      size: 1000,
    });
    const video = await call(teacherA, "POST", `/api/activities/${activity.id}/evidence`, {
      fileName: "b.mp4",
      contentType: "video/mp4",
      size: 1000,
    });
    const videoId = (video.body.evidence as { id: string }).id;

    const forPhoto = await call(
      teacherA,
      "POST",
      `/api/evidence/${(photoEvidence.body.evidence as { id: string }).id}/multipart`,
    );
    const outsider = [
      await call(teacherB, "POST", `/api/evidence/${videoId}/multipart`),
      await call(teacherB, "POST", `/api/evidence/${videoId}/multipart/parts`, { partNumbers: [1] }),
      await call(teacherB, "POST", `/api/evidence/${videoId}/multipart/complete`, {
        parts: [{ partNumber: 1, etag: "x" }],
      }),
      await call(teacherB, "DELETE", `/api/evidence/${videoId}/multipart`),
    ];
    const colleague = await call(commission, "POST", `/api/evidence/${videoId}/multipart`);

    expect(forPhoto.body.code).toBe("multipart_video_only");
    expect(outsider.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    for (const r of outsider) expect(Object.keys(r.body).sort()).toEqual(["code", "message", "requestId"]);
    expect(colleague.status).toBe(403);
  });
});

describe("activities API", () => {
  it("lets exactly one of two concurrent PATCHes with the same If-Match win; nothing of the winner is lost", async () => {
    const activity = await newActivity();
    const read = await call(teacherA, "GET", `/api/activities/${activity.id}`);

    const [a, b] = await Promise.all([
      call(teacherA, "PATCH", `/api/activities/${activity.id}`, { title: "Başlık A" }, { "if-match": read.etag! }),
      call(teacherA, "PATCH", `/api/activities/${activity.id}`, { result: "il birincisi" }, { "if-match": read.etag! }),
    ]);

    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.message).toBe("Kayıt başka biri tarafından değiştirildi; sayfayı yenileyin.");
    const after = await call(teacherA, "GET", `/api/activities/${activity.id}`);
    const winner = a.status === 200 ? a : b;
    expect(after.etag).toBe('"2"');
    expect(after.body.title).toBe(winner.body.title);
    expect(after.body.result).toBe(winner.body.result);
  });

  it("returns the same activity for a repeated Idempotency-Key", async () => {
    const body = {
      school: schoolA,
      year,
      area: "academic",
      category: "dyk",
      title: "DYK matematik",
      startDate: "2026-10-01",
      reach: "school",
    };
    const first = await call(teacherA, "POST", "/api/activities", body, { "idempotency-key": "k-1" });
    const second = await call(teacherA, "POST", "/api/activities", body, { "idempotency-key": "k-1" });

    expect(first.body.id).toBe(second.body.id);
  });

  it("moves through submit, return (with reason) and resubmit, offers the right actions, and keeps history", async () => {
    const activity = await newActivity();

    const submitted = await call(teacherA, "POST", `/api/activities/${activity.id}/transitions`, { action: "submit" });
    const locked = await call(
      teacherA,
      "PATCH",
      `/api/activities/${activity.id}`,
      { title: "Yeni başlık" },
      { "if-match": '"2"' },
    );
    const asReviewer = await call(commission, "GET", `/api/activities/${activity.id}`);
    const noReason = await call(commission, "POST", `/api/activities/${activity.id}/transitions`, { action: "return" });
    const returned = await call(commission, "POST", `/api/activities/${activity.id}/transitions`, {
      action: "return",
      reason: "Katılımcı öğrenci sayıları eksik.",
    });
    const resubmitted = await call(teacherA, "POST", `/api/activities/${activity.id}/transitions`, {
      action: "submit",
    });
    const history = await call(commission, "GET", `/api/activities/${activity.id}/history`);

    expect(submitted.body).toMatchObject({ status: "submitted", actions: [] });
    expect(locked.status).toBe(409);
    expect(asReviewer.body.actions).toEqual(["return", "approve"]);
    expect(noReason.status).toBe(400);
    expect(returned.body).toMatchObject({ status: "returned", returnReason: "Katılımcı öğrenci sayıları eksik." });
    expect(resubmitted.body.status).toBe("submitted");
    expect(history.body.items?.map((h) => h.action)).toEqual(["create", "submit", "return", "submit"]);
  });

  it("lists by school with filters, the caller's own, and counts per area", async () => {
    const mine = await userWith([{ role: "teacher", scope: { type: "school", id: schoolA } }]);
    await newActivity(mine, { year: "2024-2025" });
    await newActivity(mine, { year: "2024-2025", area: "academic", category: "okula_uyum", title: "Uyum haftası" });

    const projects = await call(mine, "GET", `/api/activities?school=${schoolA}&year=2024-2025&area=projects`);
    const own = await call(mine, "GET", "/api/activities?mine=1&limit=1");
    const stats = await call(mine, "GET", `/api/activities/stats?school=${schoolA}&year=2024-2025`);
    const missing = await call(mine, "GET", "/api/activities");

    expect(projects.body.items?.map((a) => a.area)).toEqual(["projects"]);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.cursor).toBeTruthy();
    expect(stats.body).toMatchObject({ total: 2, areas: { academic: { total: 1 }, projects: { total: 1 } } });
    expect(missing.status).toBe(400);
  });

  it("serves a province's review queue district by district, paginated without loss or repeats", async () => {
    const queueYear = "2027-2028";
    const schoolC = "7703003";
    await withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, async () => {
      await District.create({ province: "10", name: "Altıeylül" });
      await School.create({
        code: schoolC,
        name: "Altıeylül Anadolu Lisesi",
        level: "lise",
        type: "anadolu_lisesi",
        districtId: "10-altieylul",
        email: `${schoolC}@meb.k12.tr`,
      });
    });
    const teacherC = await userWith([{ role: "teacher", scope: { type: "school", id: schoolC } }]);
    const submittedIn = async (user: TestUser, school: string, count: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const { id } = await newActivity(user, { school, year: queueYear, title: `Kuyruk etkinliği ${school} ${i}` });
        await call(user, "POST", `/api/activities/${id}/transitions`, { action: "submit" });
        ids.push(id);
      }
      return ids;
    };
    const karesi = await submittedIn(teacherA, schoolA, 3);
    const altieylul = await submittedIn(teacherC, schoolC, 2);
    await newActivity(teacherA, { year: queueYear, title: "Taslakta kalan" });
    const officer = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
    const otherProvince = await userWith([{ role: "province_officer", scope: { type: "province", id: "16" } }]);
    const districtOfficer = await userWith([
      { role: "district_officer", scope: { type: "district", id: "10-karesi" } },
    ]);
    const query = `/api/activities?province=10&year=${queueYear}&status=submitted&limit=2`;

    const pages: Json[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(officer, "GET", `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
      cursor = page.body.cursor as string | null;
    } while (cursor && pages.length < 10);
    const denied = [
      await call(otherProvince, "GET", query),
      await call(districtOfficer, "GET", query),
      await call(teacherA, "GET", query),
    ];
    const forged = await call(officer, "GET", `${query}&cursor=bm90LWEtY3Vyc29y`);

    const seen = pages.flatMap((p) => p.items?.map((a) => a.id as string) ?? []);
    expect(pages.every((p) => (p.items?.length ?? 0) <= 2)).toBe(true);
    expect(pages[0]?.items).toHaveLength(2);
    expect(seen).toEqual([...altieylul.reverse(), ...karesi.reverse()]);
    expect(denied.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(forged.status).toBe(400);
  });

  it("serves and replaces category lists with ETag / If-Match", async () => {
    const officer = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
    const read = await call(officer, "GET", "/api/categories?province=10&year=2028-2029");
    const lists = read.body.lists as Record<string, { id: string; name: string }[]>;
    lists.projects = [...(lists.projects ?? []), { id: "tubitak_4006", name: "TÜBİTAK 4006 Bilim Fuarı" }];

    const saved = await call(
      officer,
      "PUT",
      "/api/categories?province=10&year=2028-2029",
      { lists },
      { "if-match": read.etag! },
    );
    const stale = await call(
      officer,
      "PUT",
      "/api/categories?province=10&year=2028-2029",
      { lists },
      { "if-match": read.etag! },
    );
    const byTeacher = await call(
      teacherA,
      "PUT",
      "/api/categories?province=10&year=2028-2029",
      { lists },
      { "if-match": '"1"' },
    );

    expect(read.etag).toBe('"0"');
    expect(saved.status).toBe(200);
    expect(saved.etag).toBe('"1"');
    expect(stale.status).toBe(409);
    expect(byTeacher.status).toBe(403);
  });

  it("documents every operation in the OpenAPI document", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as { paths: Record<string, object> };

    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/activities",
        "/api/activities/stats",
        "/api/activities/{id}",
        "/api/activities/{id}/transitions",
        "/api/activities/{id}/history",
        "/api/activities/{id}/evidence",
        "/api/evidence/{id}",
        "/api/evidence/{id}/download",
        "/api/evidence/{id}/multipart",
        "/api/evidence/{id}/multipart/parts",
        "/api/evidence/{id}/multipart/complete",
        "/api/categories",
      ]),
    );
  });
});
