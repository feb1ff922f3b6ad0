/**
 * Files attached to records of another domain that is not an activity (a partnership's meetings
 * and shared materials), through the same pipeline as activity evidence: a pending evidence
 * record, a presigned POST for exactly one key, the bucket event's `verify` (size, magic bytes,
 * metadata stripping, thumbnail), downloads by short presigned GETs.
 *
 * The evidence record's `activityId` holds the owner's id (`pmt_…`, `pmf_…`); the objects live
 * under the owner's container (`uploads/<partnership id>/<owner id>/<evidence id>`), not under
 * one school's prefix. These helpers do NOT check access: the owning domain checks its own
 * rights first (it is the only caller; not exported from the evidence index).
 */
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, transact } from "../db";
import { presignGet, presignPost } from "../storage";
import { now } from "../util/clock";
import { istanbulDay } from "../util/date";
import { VisibleError } from "../util/error";
import { createId } from "../util/id";
import { type EvidenceRow, evidence } from "./entities";
import { cleanFileName, MAX_PENDING_PER_ACTIVITY, storedFileName } from "./internal";
import { type ContentType, MULTIPART_THRESHOLD, mb, types } from "./types";

/** Owner id prefixes that are not activities (their files skip the activity checks of `verify`). */
export const ownerPrefixes = ["pmt_", "pmf_"] as const;
export const isAttachedOwner = (id: string) => ownerPrefixes.some((p) => id.startsWith(p));

/** Where the owner sits: its container (partnership id) and the uploader's member school. */
export type Owner = {
  id: string;
  container: string;
  school: { code: string; district: string; province: string };
  schoolYear: string;
  /** The audit scope of the owner's events. */
  scope: { type: "partnership"; id: string };
};

export type AttachInput = {
  fileName: string;
  contentType: ContentType;
  size: number;
  identifiableStudents: boolean;
  consent?: { confirmed: true; note?: string | undefined } | undefined;
};

/** A file as the owning domain hands it out. */
export type Attached = {
  id: string;
  fileName: string;
  contentType: string;
  kind: "photo" | "document" | "video";
  size: number;
  status: "pending" | "ready" | "rejected";
  rejectReason?: string;
  identifiableStudents: boolean;
  uploadedByName: string;
  createdAt: string;
};

function toAttached(row: EvidenceRow): Attached {
  return {
    id: row.evidenceId,
    fileName: row.fileName,
    contentType: row.contentType,
    kind: row.kind,
    size: row.size,
    status: row.status,
    ...(row.rejectReason ? { rejectReason: row.rejectReason } : {}),
    identifiableStudents: row.identifiableStudents,
    uploadedByName: row.uploadedByName,
    createdAt: row.createdAt,
  };
}

/**
 * Records a pending file of the owner and returns a presigned POST (five minutes) for exactly
 * its key. One POST: files above the multipart threshold are refused (large videos belong to
 * activities). Record + audit: one transaction.
 */
export async function presignAttached(owner: Owner, input: AttachInput) {
  const user = useUser();
  const type = types[input.contentType];
  const limit = Math.min(type.maxBytes, MULTIPART_THRESHOLD);
  if (input.size > limit) {
    throw new VisibleError("too_large", "file_too_large", `${type.label} dosyaları en çok ${mb(limit)} olabilir.`);
  }
  if (input.identifiableStudents && !input.consent?.confirmed) {
    throw new VisibleError(
      "input",
      "consent_required",
      "Öğrencilerin tanınabildiği görseller için önce velilerin yazılı izninin alındığını onaylayın.",
      [{ path: ["consent"] }],
    );
  }
  if (!cleanFileName(input.fileName)) {
    throw new VisibleError("input", "file_name_empty", "Dosya adı boş olamaz.", [{ path: ["fileName"] }]);
  }
  const { data: pending } = await evidence()
    .query.byActivity({ activityId: owner.id })
    .where((a, { eq }) => eq(a.status, "pending"))
    .go({ pages: "all", attributes: ["evidenceId"] });
  if (pending.length >= MAX_PENDING_PER_ACTIVITY) {
    throw new VisibleError("conflict", "too_many_pending", "Doğrulanmayı bekleyen dosyalar var; biraz sonra deneyin.");
  }
  const at = now().toISOString();
  const evidenceId = createId("evidence");
  const uploadKey = `uploads/${owner.container}/${owner.id}/${evidenceId}`;
  const consent = input.identifiableStudents
    ? { confirmedBy: user.userId, confirmedAt: at, ...(input.consent?.note ? { note: input.consent.note } : {}) }
    : undefined;
  const row = {
    evidenceId,
    activityId: owner.id,
    schoolCode: owner.school.code,
    districtId: owner.school.district,
    provinceCode: owner.school.province,
    schoolYear: owner.schoolYear,
    kind: type.kind,
    contentType: input.contentType,
    fileName: storedFileName(input.fileName, input.contentType),
    size: input.size,
    status: "pending" as const,
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
      scope: owner.scope,
      data: { ownerId: owner.id, contentType: input.contentType, size: input.size, ...(consent ? { consent } : {}) },
    }),
  ]);
  const upload = await presignPost({ key: uploadKey, contentType: input.contentType, size: input.size });
  return { file: toAttached(row as EvidenceRow), upload: { ...upload, expiresIn: 300 } };
}

/** The owner's files, oldest first (one Query on gsi1). */
export async function listAttached(ownerId: string): Promise<Attached[]> {
  const { data } = await evidence().query.byActivity({ activityId: ownerId }).go({ pages: "all" });
  return data.map(toAttached);
}

/** A presigned GET (60 s) for a verified file of the owner; audited. 404 for another owner's file. */
export async function downloadAttached(owner: Pick<Owner, "id" | "scope">, evidenceId: string) {
  const { data: row } = await evidence().get({ evidenceId }).go();
  if (!row || row.activityId !== owner.id) {
    throw new VisibleError("not_found", "not_found", "Dosya bulunamadı.");
  }
  if (row.status !== "ready" || !row.key) {
    throw new VisibleError("conflict", "not_ready", "Dosya henüz doğrulanmadı ya da reddedildi.");
  }
  const link = await presignGet(row.key, { fileName: row.fileName, expiresIn: 60 });
  await Audit.record({
    action: "evidence.download",
    entity: { type: "evidence", id: evidenceId },
    scope: owner.scope,
    data: { ownerId: owner.id, fileName: row.fileName },
  });
  return link;
}
