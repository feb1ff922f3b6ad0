/**
 * Accepted evidence files: kind, size limit and label per content type. Pure, so the web checks
 * the same limits before it asks for an upload.
 */
const MB = 1024 * 1024;

export type Kind = "photo" | "document" | "video";

/** Accepted types: kind, size limit, and the types `file-type` may detect for them. */
export const types = {
  "image/jpeg": { kind: "photo", maxBytes: 15 * MB, detected: ["image/jpeg"], label: "JPEG" },
  "image/png": { kind: "photo", maxBytes: 15 * MB, detected: ["image/png"], label: "PNG" },
  "image/webp": { kind: "photo", maxBytes: 15 * MB, detected: ["image/webp"], label: "WebP" },
  "image/heic": { kind: "photo", maxBytes: 15 * MB, detected: ["image/heic", "image/heif"], label: "HEIC" },
  "application/pdf": { kind: "document", maxBytes: 20 * MB, detected: ["application/pdf"], label: "PDF" },
  "video/mp4": { kind: "video", maxBytes: 200 * MB, detected: ["video/mp4"], label: "MP4" },
} as const satisfies Record<string, { kind: Kind; maxBytes: number; detected: readonly string[]; label: string }>;

export type ContentType = keyof typeof types;
export const contentTypes = Object.keys(types) as [ContentType, ...ContentType[]];

/**
 * MP4 files above this size go up in parts (multipart upload): one presigned POST would have to
 * carry the whole video in one request that any network hiccup restarts.
 */
export const MULTIPART_THRESHOLD = 50 * MB;

/** S3's limit on the number of parts of one upload. */
export const MAX_PARTS = 10_000;

/** "15 MB" for a byte count. */
export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
