/**
 * Evidence files of activities. The browser uploads straight to S3 with a presigned POST for
 * one exact key (large videos: a multipart upload of that same key, parts PUT to presigned
 * URLs); the bucket's ObjectCreated event runs `verify`, which is the real gate (S3's
 * policy checks are a first line; s3rver checks nothing): size, magic bytes, SHA-256,
 * metadata stripping and a thumbnail, then `ready` — or `rejected`, with the object deleted.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import * as z from "zod";
import { assert } from "../access";
import { Activity } from "../activity";
import { flagDuplicateEvidence } from "../activity/system";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { isConditionFailure } from "../db";
import {
  abortMultipart as abortUpload,
  completeMultipart as completeUpload,
  createMultipart,
  bucket as defaultBucket,
  presignGet,
  presignPart,
  presignPost,
  s3,
} from "../storage";
import { now } from "../util/clock";
import { config } from "../util/config";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema } from "../util/id";
import { log } from "../util/log";
import { fromCursor, type Page, PageInput } from "../util/page";
import { type EvidenceRow, evidence } from "./entities";
import { cleanPhoto, HEAD_BYTES, matchesDeclared } from "./inspect";
import { type ContentType, contentTypes, MAX_PARTS, mb, types } from "./types";

export { MULTIPART_THRESHOLD, types } from "./types";

export const Id = idSchema("evidence");

export const Status = z.enum(["pending", "ready", "rejected"]);
export type Status = z.infer<typeof Status>;

export const Consent = z.object({ confirmedBy: z.string(), confirmedAt: z.string(), note: z.string().optional() });

export const Info = z
  .object({
    id: Id,
    activityId: z.string(),
    kind: z.enum(["photo", "document", "video"]),
    contentType: z.enum(contentTypes),
    fileName: z.string(),
    size: z.number().int(),
    status: Status,
    /** Why the file was refused (Turkish, shown as is). */
    rejectReason: z.string().optional(),
    sha256: z.string().optional(),
    /** Other activities that already have a file with the same SHA-256 (a warning for reviewers). */
    duplicateOf: z.array(z.string()).optional(),
    identifiableStudents: z.boolean(),
    consent: Consent.optional(),
    uploadedBy: z.string(),
    uploadedByName: z.string(),
    createdAt: z.string(),
    verifiedAt: z.string().optional(),
    /** Short-lived (≤ 5 min) URL of the 320 px thumbnail, for photos that are ready. */
    thumbnailUrl: z.string().optional(),
  })
  .meta({ id: "Evidence" });
export type Info = z.infer<typeof Info>;

async function toInfo(row: EvidenceRow, withThumbnail = true): Promise<Info> {
  return {
    id: row.evidenceId,
    activityId: row.activityId,
    kind: row.kind,
    contentType: row.contentType as ContentType,
    fileName: row.fileName,
    size: row.size,
    status: row.status,
    ...(row.rejectReason ? { rejectReason: row.rejectReason } : {}),
    ...(row.sha256 ? { sha256: row.sha256 } : {}),
    ...(row.duplicateOf?.length ? { duplicateOf: row.duplicateOf } : {}),
    identifiableStudents: row.identifiableStudents,
    ...(row.consent ? { consent: row.consent } : {}),
    uploadedBy: row.uploadedBy,
    uploadedByName: row.uploadedByName,
    createdAt: row.createdAt,
    ...(row.verifiedAt ? { verifiedAt: row.verifiedAt } : {}),
    ...(withThumbnail && row.status === "ready" && row.thumbnailKey
      ? { thumbnailUrl: (await presignGet(row.thumbnailKey)).url }
      : {}),
  };
}

/**
 * The records of one activity as handed out, with their thumbnail links. A thumbnail is a
 * download of personal data (often minors), so the links issued are logged: one audit event per call.
 */
async function handOut(rows: EvidenceRow[]): Promise<Info[]> {
  const items = await Promise.all(rows.map((row) => toInfo(row)));
  const evidenceIds = items.filter((item) => item.thumbnailUrl).map((item) => item.id);
  const first = rows[0];
  if (first && evidenceIds.length) {
    await Audit.record({
      action: "evidence.thumbnails",
      entity: { type: "activity", id: first.activityId },
      scope: { type: "school", id: first.schoolCode },
      data: { evidenceIds },
    });
  }
  return items;
}

function resourceOf(row: Pick<EvidenceRow, "provinceCode" | "districtId" | "schoolCode" | "schoolYear">) {
  return {
    place: { province: row.provinceCode, district: row.districtId, school: row.schoolCode },
    schoolYear: row.schoolYear,
  };
}

const FileName = z
  .string()
  .trim()
  .min(1, { message: "Dosya adı boş olamaz." })
  .max(200, { message: "Dosya adı en çok 200 karakter olabilir." })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .regex(/^[^\u0000-\u001f/\\]+$/, { message: "Dosya adı geçersiz karakter içeriyor." });

export const PresignInput = z.object({
  activityId: Activity.Id,
  fileName: FileName,
  contentType: z.enum(contentTypes, {
    message: "Yalnızca JPEG, PNG, WebP, HEIC fotoğraf, PDF belge ve MP4 video yüklenebilir.",
  }),
  size: z.number().int().positive({ message: "Dosya boş olamaz." }),
  /** The photo or video shows students who can be recognised. */
  identifiableStudents: z.boolean().default(false),
  /** Required when `identifiableStudents`: the uploader confirms parents' written consent. */
  consent: z.object({ confirmed: z.literal(true), note: z.string().trim().max(500).optional() }).optional(),
});
export type PresignInput = z.input<typeof PresignInput>;

export const Upload = z
  .object({ url: z.string(), fields: z.record(z.string(), z.string()), expiresIn: z.number().int() })
  .meta({ id: "EvidenceUpload" });

/** Starts an upload: records the pending evidence and returns a presigned POST for exactly it. */
export const presign = fn(PresignInput, async (input) => {
  const user = useUser();
  const activity = await Activity.get(input.activityId);
  const place = Activity.placeOf(activity);
  assert("evidence.upload", { place, ownerId: activity.ownerId, schoolYear: activity.year });
  Activity.assertEditable(activity);
  const type = types[input.contentType];
  if (input.size > type.maxBytes) {
    throw new VisibleError(
      "too_large",
      "file_too_large",
      `${type.label} dosyaları en çok ${mb(type.maxBytes)} olabilir.`,
    );
  }
  if (input.identifiableStudents && !input.consent?.confirmed) {
    throw new VisibleError(
      "input",
      "consent_required",
      "Öğrencilerin tanınabildiği görseller için önce velilerin yazılı izninin alındığını onaylayın.",
      [{ path: ["consent"] }],
    );
  }
  const at = now().toISOString();
  const evidenceId = createId("evidence");
  const uploadKey = `uploads/${activity.school}/${activity.id}/${evidenceId}`;
  const consent = input.identifiableStudents
    ? { confirmedBy: user.userId, confirmedAt: at, ...(input.consent?.note ? { note: input.consent.note } : {}) }
    : undefined;
  const row = {
    evidenceId,
    activityId: activity.id,
    schoolCode: activity.school,
    districtId: activity.district,
    provinceCode: activity.province,
    schoolYear: activity.year,
    kind: type.kind,
    contentType: input.contentType,
    fileName: input.fileName,
    size: input.size,
    status: "pending" as const,
    day: at.slice(0, 10),
    uploadKey,
    identifiableStudents: input.identifiableStudents,
    ...(consent ? { consent } : {}),
    uploadedBy: user.userId,
    uploadedByName: user.name,
    createdAt: at,
  };
  await evidence().create(row).go();
  await Audit.record({
    action: "evidence.create",
    entity: { type: "evidence", id: evidenceId },
    scope: { type: "school", id: activity.school },
    data: {
      activityId: activity.id,
      contentType: input.contentType,
      size: input.size,
      ...(consent ? { consent } : {}),
    },
  });
  const upload = await presignPost({ key: uploadKey, contentType: input.contentType, size: input.size });
  return { evidence: await toInfo(row as EvidenceRow), upload: { ...upload, expiresIn: 300 } };
});

async function rowOrHide(id: string): Promise<EvidenceRow> {
  const { data } = await evidence().get({ evidenceId: id }).go();
  if (!data) throw new VisibleError("not_found", "not_found", "Kanıt dosyası bulunamadı.");
  assert("evidence.read", resourceOf(data), { hide: true });
  return data;
}

/** One evidence record; 404 when missing or outside the caller's scope. */
export const get = fn(Id, async (id): Promise<Info> => (await handOut([await rowOrHide(id)]))[0] as Info);

/** The evidence of an activity, oldest first (pending and rejected ones too, so people see why). */
export const list = fn(PageInput.extend({ activityId: Activity.Id }), async (input): Promise<Page<Info>> => {
  const activity = await Activity.get(input.activityId);
  assert("evidence.read", { place: Activity.placeOf(activity), schoolYear: activity.year }, { hide: true });
  const page = await fromCursor(input.cursor, (cursor) =>
    evidence().query.byActivity({ activityId: activity.id }).go({ limit: input.limit, cursor }),
  );
  return { items: await handOut(page.data), cursor: page.cursor };
});

export const Download = z.object({ url: z.string(), expiresIn: z.number().int() }).meta({ id: "EvidenceDownload" });

/** A presigned GET (≤ 5 minutes) for a verified file; every one is written to the audit log. */
export const download = fn(Id, async (id) => {
  const row = await rowOrHide(id);
  if (row.status !== "ready" || !row.key) {
    throw new VisibleError("conflict", "not_ready", "Dosya henüz doğrulanmadı ya da reddedildi.");
  }
  const link = await presignGet(row.key, { fileName: row.fileName });
  await Audit.record({
    action: "evidence.download",
    entity: { type: "evidence", id },
    scope: { type: "school", id: row.schoolCode },
    data: { activityId: row.activityId, fileName: row.fileName },
  });
  return link;
});

/** A part number of a multipart upload (S3: 1–10,000). */
const PartNumber = z.number().int().min(1).max(MAX_PARTS);

export const PartUrl = z.object({ partNumber: PartNumber, url: z.string() }).meta({ id: "EvidencePartUrl" });

export const Multipart = z
  .object({
    uploadId: z.string(),
    /** Bytes per part; the last part holds the rest. */
    partSize: z.number().int(),
    /** Seconds each URL stays valid; ask for fresh ones with `signParts`. */
    expiresIn: z.number().int(),
    parts: z.array(PartUrl),
  })
  .meta({ id: "EvidenceMultipart" });
export type Multipart = z.infer<typeof Multipart>;

/** The parts still to sign at once: enough for a 200 MB video in 10 MB parts, small enough for one response. */
const MAX_SIGNED_PARTS = 100;

/**
 * The pending evidence the caller uploads, with its activity: 404 outside the caller's scope,
 * 403 unless they may upload there and started this upload themselves.
 */
async function ownUpload(id: string) {
  const row = await rowOrHide(id);
  const activity = await Activity.get(row.activityId);
  assert("evidence.upload", {
    place: Activity.placeOf(activity),
    ownerId: activity.ownerId,
    schoolYear: activity.year,
  });
  if (row.uploadedBy !== useUser().userId) {
    throw new VisibleError("forbidden", "not_uploader", "Bu yüklemeyi başka biri başlattı.");
  }
  if (row.status !== "pending") {
    throw new VisibleError("conflict", "upload_closed", "Bu dosyanın yüklemesi tamamlanmış ya da iptal edilmiş.");
  }
  return { row, activity };
}

function multipartOf(row: EvidenceRow) {
  if (!row.uploadId || !row.partSize) {
    throw new VisibleError("conflict", "multipart_not_started", "Parçalı yükleme başlatılmamış.");
  }
  return { uploadId: row.uploadId, partSize: row.partSize, count: Math.ceil(row.size / row.partSize) };
}

async function partUrls(row: EvidenceRow, uploadId: string, numbers: number[]) {
  return Promise.all(
    numbers.map(async (partNumber) => ({ partNumber, url: await presignPart(row.uploadKey, uploadId, partNumber) })),
  );
}

/**
 * Switches a pending MP4 evidence to a multipart upload of the same `uploads/…` key: starts it
 * in S3, stores the upload id (once: a conditional write) and signs PUT URLs for the first parts.
 * The ObjectCreated event of the completed upload runs `verify` as for any other upload.
 */
export const startMultipart = fn(Id, async (id): Promise<Multipart> => {
  const { row, activity } = await ownUpload(id);
  Activity.assertEditable(activity);
  if (types[row.contentType as ContentType].kind !== "video") {
    throw new VisibleError("input", "multipart_video_only", "Yalnızca videolar parçalı yüklenebilir.");
  }
  const partSize = Math.max(config().multipartPartSize, Math.ceil(row.size / MAX_PARTS));
  const uploadId = await createMultipart(row.uploadKey, row.contentType);
  try {
    await evidence()
      .patch({ evidenceId: id })
      .set({ uploadId, partSize })
      .where((a, { eq, notExists }) => `${eq(a.status, "pending")} AND ${notExists(a.uploadId)}`)
      .go();
  } catch (error) {
    await abortUpload(row.uploadKey, uploadId).catch(() => undefined);
    if (isConditionFailure(error)) {
      throw new VisibleError("conflict", "multipart_started", "Bu dosyanın parçalı yüklemesi zaten başlatıldı.");
    }
    throw error;
  }
  const count = Math.ceil(row.size / partSize);
  const first = Array.from({ length: Math.min(count, MAX_SIGNED_PARTS) }, (_, i) => i + 1);
  return { uploadId, partSize, expiresIn: 300, parts: await partUrls(row, uploadId, first) };
});

export const SignPartsInput = z.object({
  id: Id,
  partNumbers: z.array(PartNumber).min(1).max(MAX_SIGNED_PARTS),
});

/** Fresh PUT URLs (five minutes) for some parts of a started upload, for uploads that outlast the first ones. */
export const signParts = fn(SignPartsInput, async ({ id, partNumbers }) => {
  const { row } = await ownUpload(id);
  const { uploadId, count } = multipartOf(row);
  if (partNumbers.some((n) => n > count)) {
    throw new VisibleError("input", "part_out_of_range", `Bu dosya ${count} parçadan oluşuyor.`);
  }
  return { expiresIn: 300, parts: await partUrls(row, uploadId, [...new Set(partNumbers)]) };
});

export const CompleteInput = z.object({
  id: Id,
  parts: z
    .array(z.object({ partNumber: PartNumber, etag: z.string().min(1).max(128) }))
    .min(1)
    .max(MAX_PARTS),
});

/**
 * Assembles the parts; exactly parts 1…n of the upload, each with the ETag S3 returned for it.
 * Like presign, only while the activity is editable: a submitted one must not gain files.
 */
export const completeMultipart = fn(CompleteInput, async ({ id, parts }) => {
  const { row, activity } = await ownUpload(id);
  Activity.assertEditable(activity);
  const { uploadId, count } = multipartOf(row);
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  if (sorted.length !== count || sorted.some((p, i) => p.partNumber !== i + 1)) {
    throw new VisibleError("input", "parts_incomplete", `Dosyanın ${count} parçasının hepsi gönderilmeli.`);
  }
  try {
    await completeUpload(row.uploadKey, uploadId, sorted);
  } catch (error) {
    const name = (error as { name?: string }).name ?? "";
    if (["InvalidPart", "InvalidPartOrder", "EntityTooSmall", "NoSuchUpload"].includes(name)) {
      throw new VisibleError(
        "input",
        "parts_invalid",
        "Yüklenen parçalar eksik ya da hatalı; yüklemeyi yeniden başlatın.",
      );
    }
    throw error;
  }
  return toInfo(row, false);
});

/**
 * Cancels an unfinished multipart upload: the evidence becomes `rejected` and S3 drops the parts.
 * Dropping them is best effort — the bucket's lifecycle rule aborts leftovers after a day, and
 * s3rver does not implement AbortMultipartUpload at all.
 */
export const abortMultipart = fn(Id, async (id) => {
  const { row } = await ownUpload(id);
  const { uploadId } = multipartOf(row);
  await reject(row, "Yükleme iptal edildi.");
  await abortUpload(row.uploadKey, uploadId).catch((error: unknown) =>
    log().warn("abort multipart failed", { evidenceId: id, error: String(error) }),
  );
  return get(id);
});

const UPLOAD_KEY = /^uploads\/(\d{6,8})\/(act_[0-9A-HJKMNP-TV-Z]{26})\/(evd_[0-9A-HJKMNP-TV-Z]{26})$/;

export type Outcome = "ready" | "rejected" | "skipped";

/**
 * Verifies one uploaded object (the bucket-event job; runs as the system, not callable from the
 * API). Idempotent: only a `pending` record is processed, and the final write is conditional on
 * it still being pending, so a repeated event does nothing.
 */
export async function verify(bucketName: string, key: string): Promise<Outcome> {
  const match = UPLOAD_KEY.exec(key);
  const remove = () => s3().send(new DeleteObjectCommand({ Bucket: bucketName, Key: key }));
  if (!match) {
    log().warn("unexpected upload key", { key });
    return "skipped";
  }
  const evidenceId = match[3] as string;
  const { data: row } = await evidence().get({ evidenceId }).go();
  if (!row || row.uploadKey !== key) {
    await remove();
    return "rejected";
  }
  if (row.status !== "pending") {
    // Decided already (the verified copy lives under evidence/): a file posted again to the
    // same key while its POST policy still lives is never checked, so it must not stay.
    await remove();
    return "skipped";
  }
  const type = types[row.contentType as ContentType];

  const object = await s3().send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
  const size = object.ContentLength ?? 0;
  if (size > type.maxBytes || size !== row.size) {
    (object.Body as Readable | undefined)?.destroy();
    await remove();
    return reject(
      row,
      size > type.maxBytes
        ? `Dosya çok büyük: ${type.label} dosyaları en çok ${mb(type.maxBytes)} olabilir.`
        : "Yüklenen dosyanın boyutu bildirilenle uyuşmuyor.",
    );
  }
  // Hash while streaming; keep the whole file only for photos (≤ 15 MB), else just its head.
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of object.Body as Readable) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    if (type.kind === "photo" || kept < HEAD_BYTES) {
      chunks.push(buffer);
      kept += buffer.length;
    }
  }
  const bytes = Buffer.concat(chunks);
  if (!(await matchesDeclared(bytes.subarray(0, HEAD_BYTES), row.contentType as ContentType))) {
    await remove();
    return reject(row, `Dosyanın içeriği ${type.label} değil; dosya silindi.`);
  }
  const sha256 = hash.digest("hex");
  const finalKey = key.replace(/^uploads\//, "evidence/");
  let thumbnailKey: string | undefined;
  if (type.kind === "photo") {
    let cleaned: Awaited<ReturnType<typeof cleanPhoto>>;
    try {
      cleaned = await cleanPhoto(bytes, row.contentType as ContentType);
    } catch {
      await remove();
      return reject(row, "Fotoğraf açılamadı (bozuk ya da desteklenmeyen dosya); dosya silindi.");
    }
    await put(bucketName, finalKey, cleaned.bytes, row.contentType);
    if (cleaned.thumbnail) {
      thumbnailKey = key.replace(/^uploads\//, "thumbnails/");
      await put(bucketName, thumbnailKey, cleaned.thumbnail, "image/webp");
    }
  } else {
    await s3().send(
      new CopyObjectCommand({ Bucket: bucketName, Key: finalKey, CopySource: `${bucketName}/${encodeURI(key)}` }),
    );
  }
  await remove();

  const duplicateOf = await activitiesWithHash(sha256, row.activityId);
  try {
    await evidence()
      .patch({ evidenceId })
      .set({
        status: "ready",
        sha256,
        key: finalKey,
        verifiedAt: now().toISOString(),
        ...(thumbnailKey ? { thumbnailKey } : {}),
        ...(duplicateOf.length ? { duplicateOf } : {}),
      })
      .composite({ day: row.day })
      .where((a, { eq }) => eq(a.status, "pending"))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return "skipped";
    throw error;
  }
  if (duplicateOf.length) await flagDuplicateEvidence(row.activityId);
  return "ready";
}

async function put(bucketName: string, key: string, body: Buffer, contentType: string) {
  await s3().send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: body, ContentType: contentType }));
}

/** Other activities that already hold a verified file with this hash (at most 10 named). */
async function activitiesWithHash(sha256: string, activityId: string): Promise<string[]> {
  const { data } = await evidence().query.bySha({ sha256 }).go({ limit: 50 });
  return [...new Set(data.map((e) => e.activityId).filter((id) => id !== activityId))].slice(0, 10);
}

async function reject(row: EvidenceRow, reason: string): Promise<Outcome> {
  try {
    await evidence()
      .patch({ evidenceId: row.evidenceId })
      .set({ status: "rejected", rejectReason: reason, verifiedAt: now().toISOString() })
      .composite({ day: row.day })
      .where((a, { eq }) => eq(a.status, "pending"))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return "skipped";
    throw error;
  }
  log().info("evidence rejected", { evidenceId: row.evidenceId, reason });
  return "rejected";
}

/**
 * Rejects uploads that never arrived: records still pending from the last `days` days, except
 * today (a presigned POST lives five minutes). Deletes any late object. Idempotent.
 */
export async function sweep(days = 7, bucketName = defaultBucket()): Promise<number> {
  let swept = 0;
  const today = now();
  for (let back = 1; back <= days; back++) {
    const day = new Date(today.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    const { data } = await evidence().query.byStatusDay({ status: "pending", day }).go({ pages: "all" });
    for (const row of data) {
      await s3().send(new DeleteObjectCommand({ Bucket: bucketName, Key: row.uploadKey }));
      if ((await reject(row, "Dosya yüklemesi tamamlanmadı.")) === "rejected") swept += 1;
    }
  }
  return swept;
}
