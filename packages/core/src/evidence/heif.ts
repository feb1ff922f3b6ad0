/**
 * Blanks the metadata items (Exif, XMP) of a HEIF/HEIC file in place. The prebuilt sharp cannot
 * decode HEVC, so HEIC photos cannot be re-encoded; instead the bytes of every `Exif` and `mime`
 * item (where EXIF/GPS and XMP live) are overwritten with zeros, leaving the image itself intact.
 * Box layout: ISO/IEC 14496-12 (`meta`, `iloc`) and 23008-12 (`iinf`/`infe` v2–3).
 */

import { CleanError } from "./clean/errors";

/** Refuses a file whose metadata this cleaner cannot find for certain: never passed through as is. */
const refuse = (reason: "malformed" | "unsupported", message: string) => new CleanError("heic", reason, message);

type Box = { type: string; start: number; body: number; end: number };

function* boxes(data: Buffer, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let size = data.readUInt32BE(at);
    const type = data.toString("latin1", at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > end) return;
      size = Number(data.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < body - at || at + size > end) return;
    yield { type, start: at, body, end: at + size };
    at += size;
  }
}

function readUInt(data: Buffer, at: number, bytes: number): number {
  if (bytes === 0) return 0;
  if (bytes === 4) return data.readUInt32BE(at);
  if (bytes === 8) return Number(data.readBigUInt64BE(at));
  if (bytes === 2) return data.readUInt16BE(at);
  throw refuse("malformed", `unsupported field size ${bytes}`);
}

/** Item ids of the metadata items listed in `iinf`. */
function metadataItems(data: Buffer, iinf: Box): Set<number> {
  const ids = new Set<number>();
  const version = data.readUInt8(iinf.body);
  const first = iinf.body + 4 + (version === 0 ? 2 : 4);
  for (const infe of boxes(data, first, iinf.end)) {
    if (infe.type !== "infe") continue;
    const v = data.readUInt8(infe.body);
    // Versions 0–1 carry no item type: whether the item is Exif cannot be told.
    if (v < 2) throw refuse("unsupported", `infe version ${v}`);
    const idBytes = v === 2 ? 2 : 4;
    const id = readUInt(data, infe.body + 4, idBytes);
    const itemType = data.toString("latin1", infe.body + 4 + idBytes + 2, infe.body + 4 + idBytes + 6);
    if (itemType === "Exif" || itemType === "mime") ids.add(id);
  }
  return ids;
}

/**
 * A copy of `input` with the bytes of its Exif and XMP items zeroed. Throws {@link CleanError}
 * (format `heic`) for every layout it does not handle — no `meta`/`iinf`/`iloc`, item types it
 * cannot read, construction methods other than file and `idat` offsets, extents outside the
 * file — so such a file is refused, never stored with its metadata.
 */
export function stripHeifMetadata(input: Buffer): Buffer {
  try {
    return strip(Buffer.from(input));
  } catch (error) {
    if (error instanceof CleanError) throw error;
    // Reads past the end of a truncated box.
    throw refuse("malformed", (error as Error).message);
  }
}

function strip(data: Buffer): Buffer {
  const meta = [...boxes(data, 0, data.length)].find((b) => b.type === "meta");
  if (!meta) throw refuse("malformed", "no meta box");
  const children = [...boxes(data, meta.body + 4, meta.end)];
  const iinf = children.find((b) => b.type === "iinf");
  const iloc = children.find((b) => b.type === "iloc");
  const idat = children.find((b) => b.type === "idat");
  if (!iinf || !iloc) throw refuse("malformed", "no iinf or iloc box");
  const targets = metadataItems(data, iinf);
  if (targets.size === 0) return data;

  const version = data.readUInt8(iloc.body);
  let at = iloc.body + 4;
  const offsetSize = data.readUInt8(at) >> 4;
  const lengthSize = data.readUInt8(at) & 0x0f;
  const baseOffsetSize = data.readUInt8(at + 1) >> 4;
  const indexSize = version === 1 || version === 2 ? data.readUInt8(at + 1) & 0x0f : 0;
  at += 2;
  const count = version < 2 ? data.readUInt16BE(at) : data.readUInt32BE(at);
  at += version < 2 ? 2 : 4;
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? data.readUInt16BE(at) : data.readUInt32BE(at);
    at += version < 2 ? 2 : 4;
    let method = 0;
    if (version === 1 || version === 2) {
      method = data.readUInt16BE(at) & 0x0f;
      at += 2;
    }
    at += 2; // data_reference_index
    const base = readUInt(data, at, baseOffsetSize);
    at += baseOffsetSize;
    const extents = data.readUInt16BE(at);
    at += 2;
    for (let e = 0; e < extents; e++) {
      at += indexSize;
      const offset = readUInt(data, at, offsetSize);
      at += offsetSize;
      const length = readUInt(data, at, lengthSize);
      at += lengthSize;
      if (!targets.has(id)) continue;
      const origin = method === 0 ? 0 : method === 1 && idat ? idat.body : undefined;
      if (origin === undefined) throw refuse("unsupported", `metadata item ${id} with construction method ${method}`);
      const from = origin + base + offset;
      const to = length === 0 ? data.length : from + length;
      if (from >= data.length || to > data.length) throw refuse("malformed", `metadata item ${id} outside the file`);
      data.fill(0, from, to);
    }
  }
  return data;
}
