/**
 * Evidence helpers shared by the public operations (evidence.ts) and the system entry
 * (system.ts). Not exported from the domain's index.
 */
import { Audit } from "../audit";
import { TransactionCanceled, transact, update } from "../db";
import { now } from "../util/clock";
import { log } from "../util/log";
import { type EvidenceRow, evidence } from "./entities";
import { type ContentType, types } from "./types";

export type Outcome = "ready" | "rejected" | "skipped";

/**
 * Most uploads an activity may have waiting for verification at once. A form sends a handful of
 * files; hundreds of pending records are abuse (each one is a presigned POST and a record to sweep).
 */
export const MAX_PENDING_PER_ACTIVITY = 20;

/**
 * Marks a pending evidence `rejected` with a Turkish reason, with its audit event in the same
 * transaction. "skipped" when it was decided already (the write is conditional on `pending`).
 */
export async function reject(row: EvidenceRow, reason: string): Promise<Outcome> {
  try {
    await transact([
      update(
        evidence()
          .patch({ evidenceId: row.evidenceId })
          .set({ status: "rejected", rejectReason: reason, verifiedAt: now().toISOString() })
          .composite({ day: row.day })
          .where((a, { eq }) => eq(a.status, "pending")),
      ),
      await Audit.entry({
        action: "evidence.reject",
        entity: { type: "evidence", id: row.evidenceId },
        scope: { type: "school", id: row.schoolCode },
        data: { activityId: row.activityId, reason },
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) return "skipped";
    throw error;
  }
  log().info("evidence rejected", { evidenceId: row.evidenceId, reason });
  return "rejected";
}

/** File extensions accepted as they are per type; the first is the one added when missing. */
const extensions: Record<ContentType, readonly string[]> = {
  "image/jpeg": [".jpg", ".jpeg"],
  "image/png": [".png"],
  "image/webp": [".webp"],
  "image/heic": [".heic", ".heif"],
  "application/pdf": [".pdf"],
  "video/mp4": [".mp4"],
};

/**
 * Characters that change how a name is shown without being visible: C0/C1 controls, zero-width
 * characters and joiners, bidi embeddings/overrides/isolates (U+202A–202E, U+2066–2069: an
 * "exe.pdf" displayed as "fdp.exe"), word joiners and the BOM.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** A file name without invisible or direction-changing characters (trimmed). */
export function cleanFileName(name: string): string {
  return name.replace(INVISIBLE, "").trim();
}

/**
 * The name a file is stored and downloaded under: cleaned, and ending in an extension of its
 * (verified) type, so a PDF is never saved as `.html`, `.exe` or `.svg`. A name that already has
 * a fitting extension keeps it; an unfitting last extension is replaced.
 */
export function storedFileName(name: string, contentType: ContentType): string {
  const cleaned = cleanFileName(name);
  const fitting = extensions[contentType];
  const lower = cleaned.toLowerCase();
  if (fitting.some((ext) => lower.endsWith(ext) && lower.length > ext.length)) return cleaned;
  const base = cleaned.replace(/\.[^.\s]{1,10}$/, "");
  const baseLower = base.toLowerCase();
  if (fitting.some((ext) => baseLower.endsWith(ext) && baseLower.length > ext.length)) return base;
  return `${base || types[contentType].label.toLowerCase()}${fitting[0]}`;
}
