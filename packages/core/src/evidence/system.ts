/**
 * System entry of the evidence domain: work that runs without a person (the upload verifier on
 * S3 events, the nightly sweep). Exported as `@bigep/core/system/evidence`; the API never
 * imports it (biome.json forbids it under packages/functions/src/api), so the API bundle carries
 * neither these operations nor the image libraries they load.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { Activity } from "../activity";
import { flagDuplicateEvidence, load as loadActivity } from "../activity/system";
import { Audit } from "../audit";
import { TransactionCanceled, transact, update } from "../db";
import { bucket as defaultBucket, s3 } from "../storage/system";
import { now } from "../util/clock";
import { istanbulDay, previousDay } from "../util/date";
import { log } from "../util/log";
import { isAttachedOwner } from "./attach";
import { type EvidenceRow, evidence } from "./entities";
import { cleanPhoto, HEAD_BYTES, matchesDeclared } from "./inspect";
import { type Outcome, reject } from "./internal";
import { type ContentType, mb, types } from "./types";

export type { Outcome } from "./internal";

// An activity's files sit under its school; a partnership's meeting or material files under the
// partnership (`./attach.ts`).
const UPLOAD_KEY =
  /^uploads\/(\d{6,8}|prt_[0-9A-HJKMNP-TV-Z]{26})\/((?:act|pmt|pmf)_[0-9A-HJKMNP-TV-Z]{26})\/(evd_[0-9A-HJKMNP-TV-Z]{26})$/;

/**
 * Verifies one uploaded object (the bucket-event job). Idempotent: only a `pending` record is
 * processed, and the final write is conditional on it still being pending, so a repeated event
 * does nothing. Throws on internal failures (S3, DynamoDB): the object then stays where it is,
 * so the retry (the event's, or the sweep's) can still verify it.
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
  // Presign refuses files for an activity that was submitted since; a POST signed while it was
  // still a draft must not add files to the submitted (or approved) record either.
  // Files of a partnership's meetings and materials have no activity to be submitted.
  const attached = isAttachedOwner(row.activityId);
  const activity = attached ? undefined : await loadActivity(row.activityId);
  if (!attached && (!activity || !Activity.editable.includes(activity.status))) {
    await remove();
    return reject(row, "Etkinlik gönderildiği için artık dosya eklenemez; dosya silindi.");
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
  // Hash while streaming and keep the file: every kind is re-written without its metadata
  // (photos ≤ 15 MB, PDFs ≤ 20 MB, videos ≤ 200 MB — the function has memory for two copies).
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  for await (const chunk of object.Body as Readable) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    chunks.push(buffer);
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
    // Loaded here only: PDF and MP4 rewriting is verification work, never the API's.
    const { CleanError, cleanPdf, cleanVideo } = await import("./clean");
    let cleaned: Uint8Array;
    try {
      cleaned = type.kind === "video" ? await cleanVideo(bytes) : await cleanPdf(bytes);
    } catch (error) {
      if (!(error instanceof CleanError)) throw error;
      await remove();
      return reject(
        row,
        type.kind === "video"
          ? "Video açılamadı (bozuk ya da desteklenmeyen dosya); dosya silindi."
          : "PDF açılamadı (bozuk ya da şifreli dosya); dosya silindi.",
      );
    }
    await put(bucketName, finalKey, Buffer.from(cleaned), row.contentType);
  }

  const duplicateOf = attached ? [] : await activitiesWithHash(sha256, row.activityId);
  try {
    await transact([
      update(
        evidence()
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
          .where((a, { eq }) => eq(a.status, "pending")),
      ),
      await Audit.entry({
        action: "evidence.verify",
        entity: { type: "evidence", id: evidenceId },
        scope: { type: "school", id: row.schoolCode },
        data: { activityId: row.activityId, sha256, ...(duplicateOf.length ? { duplicateOf } : {}) },
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) {
      await remove();
      return "skipped";
    }
    throw error;
  }
  // The raw upload goes only once the record points at the verified copy: a failure before
  // this leaves it in place for a retry.
  await remove();
  if (duplicateOf.length) await flagDuplicateEvidence(row.activityId);
  return "ready";
}

async function put(bucketName: string, key: string, body: Buffer, contentType: string) {
  await s3().send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: body, ContentType: contentType }));
}

/** Other activities that already hold a verified file with this hash (at most 10 named). */
async function activitiesWithHash(sha256: string, activityId: string): Promise<string[]> {
  const { data } = await evidence().query.bySha({ sha256 }).go({ limit: 50 });
  return [...new Set(data.map((e) => e.activityId).filter((id) => id !== activityId && !isAttachedOwner(id)))].slice(
    0,
    10,
  );
}

async function uploaded(bucketName: string, key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucketName, Key: key }));
    return true;
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === "NotFound" || e.$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

export type SweepResult = {
  /** Pending records whose upload never arrived, now `rejected`. */
  swept: number;
  /** Uploads that had arrived but were still pending (their verification failed or never ran), verified now. */
  verified: number;
  /** Uploads whose verification failed again for an internal reason; left untouched for the next run. */
  failed: number;
};

/**
 * The nightly sweep over records still pending from the last `days` days (not today: a
 * presigned POST lives five minutes, a multipart upload a few hours). A record whose object
 * is in the bucket is verified again — a valid upload whose verification failed for an internal
 * reason must never be lost; one whose object never arrived becomes `rejected`. Idempotent.
 */
export async function sweep(days = 7, bucketName = defaultBucket()): Promise<SweepResult> {
  const result: SweepResult = { swept: 0, verified: 0, failed: 0 };
  // Days are Istanbul days (as uploads are filed), counted back from today's.
  let day = istanbulDay(now());
  for (let back = 1; back <= days; back++) {
    day = previousDay(day);
    const { data } = await evidence().query.byStatusDay({ status: "pending", day }).go({ pages: "all" });
    for (const row of data) await sweepOne(row, bucketName, result);
  }
  return result;
}

async function sweepOne(row: EvidenceRow, bucketName: string, result: SweepResult): Promise<void> {
  try {
    if (await uploaded(bucketName, row.uploadKey)) {
      if ((await verify(bucketName, row.uploadKey)) !== "skipped") result.verified += 1;
    } else if ((await reject(row, "Dosya yüklemesi tamamlanmadı.")) === "rejected") {
      result.swept += 1;
    }
  } catch (error) {
    // Nothing was deleted: the next run tries again; the job reports the failure.
    result.failed += 1;
    log().error("evidence sweep failed", { evidenceId: row.evidenceId, error: String(error) });
  }
}

export { attachDemoPhoto, demoPhoto } from "./demo";
