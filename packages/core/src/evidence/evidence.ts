/**
 * Evidence files of activities. The browser uploads straight to S3 with a presigned POST for
 * one exact key (large videos: a multipart upload of that same key, parts PUT to presigned
 * URLs); the bucket's ObjectCreated event runs `verify`, which is the real gate (S3's
 * policy checks are a first line; s3rver checks nothing): size, magic bytes, SHA-256,
 * metadata stripping and a thumbnail, then `ready` — or `rejected`, with the object deleted.
 */
import * as z from "zod";
import { assert, can } from "../access";
import { Activity } from "../activity";
import { load as loadActivity } from "../activity/system";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, TransactionCanceled, transact, update } from "../db";
import {
  abortMultipart as abortUpload,
  completeMultipart as completeUpload,
  createMultipart,
  presignGet,
  presignPart,
  presignPost,
} from "../storage";
import { now } from "../util/clock";
import { config } from "../util/config";
import { istanbulDay } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema } from "../util/id";
import { log } from "../util/log";
import { fromCursor, type Page, PageInput } from "../util/page";
import { type EvidenceRow, evidence } from "./entities";
import { cleanFileName, MAX_PENDING_PER_ACTIVITY, reject, storedFileName } from "./internal";
import { type ContentType, contentTypes, MAX_PARTS, mb, types } from "./types";

export { MAX_PENDING_PER_ACTIVITY } from "./internal";
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
    /**
     * Other activities that already have a file with the same SHA-256 (a warning for reviewers):
     * only those the reader may see are named.
     */
    duplicateOf: z.array(z.string()).optional(),
    /** How many more activities hold the same file, outside what the reader may see (a count only). */
    duplicatesElsewhere: z.number().int().optional(),
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

/**
 * The duplicates of a file split by what the reader may see: another school's activity ids are
 * not the reader's business, but that the same file is used elsewhere is.
 */
async function duplicatesFor(row: EvidenceRow): Promise<{ visible: string[]; elsewhere: number }> {
  const ids = row.duplicateOf ?? [];
  if (ids.length === 0) return { visible: [], elsewhere: 0 };
  const activities = await Promise.all(ids.map((id) => loadActivity(id)));
  const visible = ids.filter((_, i) => {
    const activity = activities[i];
    return !!activity && can("activity.read", { place: Activity.placeOf(activity), schoolYear: activity.year });
  });
  return { visible, elsewhere: ids.length - visible.length };
}

async function toInfo(row: EvidenceRow, withThumbnail = true): Promise<Info> {
  const duplicates = await duplicatesFor(row);
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
    ...(duplicates.visible.length ? { duplicateOf: duplicates.visible } : {}),
    ...(duplicates.elsewhere ? { duplicatesElsewhere: duplicates.elsewhere } : {}),
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

/**
 * A file name as the browser sends it. Invisible and direction-changing characters are removed
 * by `presign` (they are not refused: names copied from documents carry them innocently).
 */
const FileName = z
  .string()
  .max(200, { message: "Dosya adı en çok 200 karakter olabilir." })
  .regex(/^[^/\\]*$/, { message: "Dosya adı / ya da \\ içeremez." });

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
  const fileName = storedFileName(input.fileName, input.contentType);
  if (!cleanFileName(input.fileName)) {
    throw new VisibleError("input", "file_name_empty", "Dosya adı boş olamaz.", [{ path: ["fileName"] }]);
  }
  await assertPendingRoom(activity.id);
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
    fileName,
    size: input.size,
    status: "pending" as const,
    // The Istanbul day (a sweep partition): an upload at 01:30 Istanbul belongs to that day, not the UTC one before.
    day: istanbulDay(new Date(at)),
    uploadKey,
    identifiableStudents: input.identifiableStudents,
    ...(consent ? { consent } : {}),
    uploadedBy: user.userId,
    uploadedByName: user.name,
    createdAt: at,
  };
  await transact([
    put(evidence().create(row)),
    await Audit.entry({
      action: "evidence.create",
      entity: { type: "evidence", id: evidenceId },
      scope: { type: "school", id: activity.school },
      data: {
        activityId: activity.id,
        contentType: input.contentType,
        size: input.size,
        ...(consent ? { consent } : {}),
      },
    }),
  ]);
  const upload = await presignPost({ key: uploadKey, contentType: input.contentType, size: input.size });
  return { evidence: await toInfo(row as EvidenceRow), upload: { ...upload, expiresIn: 300 } };
});

/**
 * Refuses a new upload while the activity already has `MAX_PENDING_PER_ACTIVITY` waiting for
 * verification. Counted with a Query on the activity's evidence (an activity has tens of files,
 * not thousands); two uploads started in the same instant may both pass, so the cap can be
 * exceeded by the number of simultaneous requests, never by hundreds.
 */
async function assertPendingRoom(activityId: string): Promise<void> {
  const { data } = await evidence()
    .query.byActivity({ activityId })
    .where((a, { eq }) => eq(a.status, "pending"))
    .go({ pages: "all", attributes: ["evidenceId"] });
  if (data.length >= MAX_PENDING_PER_ACTIVITY) {
    throw new VisibleError(
      "conflict",
      "too_many_pending",
      `Bu etkinliğin doğrulanmayı bekleyen ${MAX_PENDING_PER_ACTIVITY} dosyası var; yeni dosya için önce onların yüklenmesini bekleyin.`,
    );
  }
}

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
    await transact([
      update(
        evidence()
          .patch({ evidenceId: id })
          .set({ uploadId, partSize })
          .where((a, { eq, notExists }) => `${eq(a.status, "pending")} AND ${notExists(a.uploadId)}`),
      ),
      await Audit.entry({
        action: "evidence.multipart_start",
        entity: { type: "evidence", id },
        scope: { type: "school", id: row.schoolCode },
        data: { activityId: row.activityId, partSize },
      }),
    ]);
  } catch (error) {
    await abortUpload(row.uploadKey, uploadId).catch(() => undefined);
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) {
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
