/**
 * PDFs re-written from their pages only (`@cantoo/pdf-lib`, the maintained pdf-lib fork): the
 * pages are copied into a new document, so what hangs off the old catalog never arrives — the
 * Info dictionary (author, title, producer), the XMP stream, `/OpenAction`, `/AA`, the JavaScript
 * and embedded-file name trees, forms, and every earlier revision and byte after `%%EOF`.
 * What a page can still reference is cleaned as well: actions other than plain links, file
 * attachment and multimedia annotations, `/Metadata` and `/PieceInfo` on any object, file specs'
 * embedded files, and the EXIF/XMP segments of JPEG images (where a phone's GPS would sit).
 * Objects no longer reachable from the new catalog are dropped before saving.
 *
 * The library is loaded on first use: only the verification job needs it, never the API bundle.
 */
import type * as PdfLib from "@cantoo/pdf-lib";
import { CleanError } from "./errors";

type Lib = typeof PdfLib;
type PDFObject = PdfLib.PDFObject;

/** Keys removed from every dictionary: triggers, scripts, metadata, application private data. */
const DROP_KEYS = ["AA", "JS", "OpenAction", "Metadata", "PieceInfo", "LastModified", "EF", "RichMediaContent"];
/** Annotations that carry files, media or scripts of their own. */
const DROP_ANNOTATIONS = new Set(["FileAttachment", "RichMedia", "Movie", "Sound", "Screen", "3D"]);
/** Actions kept: moving inside the document, and web links. */
const SAFE_ACTIONS = new Set(["GoTo", "URI", "Named"]);

/**
 * A copy of a PDF with its pages only: no metadata, scripts, actions, attachments or trailing
 * bytes. Throws {@link CleanError} for input that is not a readable PDF (`malformed`) or is
 * encrypted (`unsupported`).
 */
export async function cleanPdf(bytes: Uint8Array): Promise<Uint8Array> {
  const lib = await import("@cantoo/pdf-lib");
  const { PDFDocument, EncryptedPDFError } = lib;
  let source: PdfLib.PDFDocument;
  try {
    source = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw new CleanError("pdf", "unsupported", "encrypted PDF");
    throw new CleanError("pdf", "malformed", `unreadable PDF: ${(error as Error).message}`);
  }
  try {
    const indices = source.getPageIndices();
    if (indices.length === 0) throw new CleanError("pdf", "malformed", "PDF without pages");
    const out = await PDFDocument.create({ updateMetadata: false });
    for (const page of await out.copyPages(source, indices)) out.addPage(page);
    sanitize(lib, out.context);
    dropUnreachable(lib, out.context);
    return await out.save({ useObjectStreams: false, updateFieldAppearances: false });
  } catch (error) {
    if (error instanceof CleanError) throw error;
    throw new CleanError("pdf", "malformed", `unreadable PDF: ${(error as Error).message}`);
  }
}

function sanitize(lib: Lib, context: PdfLib.PDFContext) {
  const { PDFDict, PDFArray, PDFName, PDFRawStream, PDFStream, PDFRef } = lib;
  const name = (value: PDFObject | undefined) => (value instanceof PDFName ? value.decodeText() : undefined);
  const removedAnnotations = new Set<PDFObject>();

  const cleanDict = (dict: PdfLib.PDFDict) => {
    for (const key of DROP_KEYS) dict.delete(PDFName.of(key));
    const action = dict.lookup(PDFName.of("A"));
    if (action instanceof PDFDict && !safeAction(action)) dict.delete(PDFName.of("A"));
    if (name(dict.get(PDFName.of("Type"))) === "Action" || dict.has(PDFName.of("S"))) {
      dict.delete(PDFName.of("Next"));
    }
    // /Type is optional on annotations; only entries of /Annots arrays are removed below.
    if (DROP_ANNOTATIONS.has(name(dict.get(PDFName.of("Subtype"))) ?? "")) removedAnnotations.add(dict);
  };
  const safeAction = (action: PdfLib.PDFDict) => {
    const kind = name(action.get(PDFName.of("S")));
    if (!kind || !SAFE_ACTIONS.has(kind)) return false;
    if (kind !== "URI") return true;
    const uri = action.lookup(PDFName.of("URI"));
    const text = uri && "decodeText" in uri ? String((uri as PdfLib.PDFString).decodeText()) : "";
    return /^(https?|mailto):/i.test(text.trim());
  };
  // Direct objects nest (an annotation's action is often inline): visit them all.
  const visit = (object: PDFObject | undefined, seen: Set<PDFObject>) => {
    if (!object || seen.has(object)) return;
    seen.add(object);
    if (object instanceof PDFDict) {
      cleanDict(object);
      for (const [, value] of object.entries()) if (!(value instanceof PDFRef)) visit(value, seen);
    } else if (object instanceof PDFArray) {
      for (const value of object.asArray()) if (!(value instanceof PDFRef)) visit(value, seen);
    } else if (object instanceof PDFStream) {
      visit(object.dict, seen);
    }
  };
  const seen = new Set<PDFObject>();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    visit(object, seen);
    if (object instanceof PDFRawStream && isJpeg(lib, object)) {
      context.assign(ref, PDFRawStream.of(object.dict, stripJpegMetadata(object.contents)));
    }
  }
  // Unhook dropped annotations from every page's /Annots (by reference or inline).
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || name(object.get(PDFName.of("Type"))) !== "Page") continue;
    const annots = object.lookup(PDFName.of("Annots"));
    if (!(annots instanceof PDFArray)) continue;
    for (let i = annots.size() - 1; i >= 0; i--) {
      const entry = annots.get(i);
      const target = entry instanceof PDFRef ? context.lookup(entry) : entry;
      if (target && removedAnnotations.has(target)) annots.remove(i);
    }
  }
}

/** A stream whose only filter is DCTDecode: its bytes are a JPEG file. */
function isJpeg(lib: Lib, stream: PdfLib.PDFRawStream): boolean {
  const { PDFName, PDFArray } = lib;
  const filter = stream.dict.lookup(PDFName.of("Filter"));
  if (filter instanceof PDFName) return filter.decodeText() === "DCTDecode";
  return filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0)?.toString() === "/DCTDecode";
}

/**
 * A JPEG without APP1–APP13 and APP15 (EXIF with GPS, XMP, Photoshop IRB) and comments.
 * APP0 (JFIF) and APP14 (Adobe colour transform) stay: decoders need them. Scan data is copied.
 */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg;
  const parts: Uint8Array[] = [jpeg.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] as number;
    if (marker === 0xda) break; // start of scan: the rest is image data
    const length = ((jpeg[at + 2] as number) << 8) | (jpeg[at + 3] as number);
    if (length < 2 || at + 2 + length > jpeg.length) return jpeg;
    const drop = (marker >= 0xe1 && marker <= 0xef && marker !== 0xee) || marker === 0xfe;
    if (!drop) parts.push(jpeg.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  parts.push(jpeg.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Deletes objects the new catalog no longer reaches (old metadata streams, embedded files). */
function dropUnreachable(lib: Lib, context: PdfLib.PDFContext) {
  const { PDFDict, PDFArray, PDFStream, PDFRef } = lib;
  const reached = new Set<string>();
  const stack: PDFObject[] = [context.trailerInfo.Root as PDFObject];
  while (stack.length) {
    const object = stack.pop();
    if (object instanceof PDFRef) {
      const key = object.toString();
      if (reached.has(key)) continue;
      reached.add(key);
      const target = context.lookup(object);
      if (target) stack.push(target);
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) stack.push(value);
    } else if (object instanceof PDFArray) {
      stack.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      stack.push(object.dict);
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.toString())) context.delete(ref);
}
