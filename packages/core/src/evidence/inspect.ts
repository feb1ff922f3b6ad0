/**
 * What an evidence file may be, and the checks on its bytes: magic numbers against the declared
 * type, and photos re-encoded without metadata (EXIF, GPS, XMP) plus a small thumbnail.
 */
import { fileTypeFromBuffer } from "file-type";
import { stripHeifMetadata } from "./heif";
import { type ContentType, types } from "./types";

/** Bytes `file-type` needs to recognise every accepted format. */
export const HEAD_BYTES = 4100;

/** True when the file's first bytes are those of the declared type. */
export async function matchesDeclared(head: Uint8Array, declared: ContentType): Promise<boolean> {
  const found = await fileTypeFromBuffer(head);
  return !!found && (types[declared].detected as readonly string[]).includes(found.mime);
}

/**
 * A photo without metadata, upright, in its own format, plus a 320 px WebP thumbnail.
 * Re-encoding drops EXIF/GPS/XMP (sharp keeps none unless asked). HEIC cannot be decoded by the
 * prebuilt sharp (HEVC is not bundled), so its metadata items are blanked in place and it gets
 * no thumbnail. sharp (native, ~20 MB) is loaded on first use, so only the verification
 * function ever loads it.
 */
export async function cleanPhoto(
  bytes: Buffer,
  type: ContentType,
): Promise<{ bytes: Buffer; thumbnail: Buffer | undefined }> {
  if (type === "image/heic") return { bytes: stripHeifMetadata(bytes), thumbnail: undefined };
  const { default: sharp } = await import("sharp");
  const image = sharp(bytes, { failOn: "error" }).rotate();
  const format = type === "image/png" ? "png" : type === "image/webp" ? "webp" : "jpeg";
  const cleaned = await image.clone().toFormat(format).toBuffer();
  const thumbnail = await image
    .clone()
    .resize(320, 320, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  return { bytes: cleaned, thumbnail };
}
