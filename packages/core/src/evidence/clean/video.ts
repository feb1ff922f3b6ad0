/**
 * MP4/MOV without location or device metadata. The container is re-written box by box
 * (ISO/IEC 14496-12, QuickTime) keeping only what playback needs: an allow-list per container,
 * so user data (`udta`: `©xyz`, `©mak`, `©mod`…), `meta` (Apple keys such as
 * `com.apple.quicktime.location.ISO6709`), `uuid` boxes (XMP), padding and unknown vendor boxes
 * are left out, and only video and sound tracks stay (timed metadata — GoPro GPMF, Apple location
 * tracks, camera motion — and subtitle/timecode tracks go). Creation times, handler names and
 * encoder names are blanked; bytes of the media data that no kept track refers to are zeroed.
 * Samples are copied untouched, and every chunk offset (`stco`/`co64`) moves by the distance its
 * data moved, so a `moov` before `mdat` may shrink safely.
 *
 * Fragmented files (`moof`) address data absolutely in places (`tfhd`, `tfra`), so there the
 * dropped boxes become `free` boxes of the same size with zeroed bodies and nothing moves.
 */
import { CleanError } from "./errors";

type Node = {
  type: string;
  /** Header length in the input (8, or 16 with a 64-bit size). */
  header: number;
  start: number;
  end: number;
  children?: Node[];
  /** A private copy of the body for the leaves we edit (times, names, chunk offsets). */
  body?: Uint8Array;
  removed?: boolean;
};

/** Top-level boxes a player needs; every other top-level box is left out. */
const TOP_KEEP = new Set(["ftyp", "moov", "mdat", "moof", "mfra", "sidx", "ssix", "styp", "prft", "emsg", "pdin"]);
/**
 * What each container may keep; anything else inside `moov` is left out, so unknown or
 * misspelt boxes (vendor metadata, `udta`, `meta`, `uuid`, `©xyz`, padding) never pass.
 */
const KEEP: Record<string, Set<string>> = {
  moov: new Set(["mvhd", "trak", "mvex", "iods"]),
  trak: new Set(["tkhd", "tref", "edts", "mdia", "trgr"]),
  edts: new Set(["elst"]),
  mdia: new Set(["mdhd", "hdlr", "minf", "elng"]),
  minf: new Set(["vmhd", "smhd", "hmhd", "nmhd", "sthd", "gmhd", "hdlr", "dinf", "stbl"]),
  dinf: new Set(["dref"]),
  stbl: new Set([
    ...["stsd", "stts", "ctts", "cslg", "stss", "stsh", "stsc", "stsz", "stz2", "stco", "co64", "sdtp"],
    ...["sbgp", "sgpd", "subs", "saiz", "saio", "stps", "padb", "stdp"],
  ]),
  mvex: new Set(["mehd", "trex", "leva"]),
};
/** Containers whose children are inspected. */
const CONTAINERS = new Set(Object.keys(KEEP));
/**
 * Tracks kept: video and sound. Timed metadata (`meta`: Apple location, GoPro GPMF; `camm`),
 * subtitles (some drones write coordinates there), timecode and hint tracks are left out.
 */
const MEDIA_HANDLERS = new Set(["vide", "soun"]);
/** Leaves edited in place (same size). */
const EDITED = new Set(["mvhd", "tkhd", "mdhd", "hdlr", "stsd", "stco", "co64"]);

const malformed = (message: string) => new CleanError("video", "malformed", message);

function parse(data: Uint8Array, view: DataView, start: number, end: number, top: boolean): Node[] {
  const nodes: Node[] = [];
  let at = start;
  while (at < end) {
    if (end - at < 8) {
      // QuickTime may end a container with a 32-bit zero terminator; anything else is damage.
      if (!top && data.subarray(at, end).every((b) => b === 0)) break;
      throw malformed("truncated box header");
    }
    let size = view.getUint32(at);
    const type = String.fromCharCode(...data.subarray(at + 4, at + 8));
    let header = 8;
    if (size === 1) {
      if (end - at < 16) throw malformed("truncated 64-bit box size");
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      if (!top) throw malformed("open-ended box inside a container");
      size = end - at;
    }
    if (size < header || size > end - at) throw malformed(`box '${type}' overruns its parent`);
    const node: Node = { type, header, start: at, end: at + size };
    if (type === "cmov") throw new CleanError("video", "unsupported", "compressed movie header");
    if (CONTAINERS.has(type)) node.children = parse(data, view, at + header, at + size, false);
    else if (EDITED.has(type)) node.body = copy(data, at + header, at + size);
    nodes.push(node);
    at += size;
  }
  return nodes;
}

/** A copy (a Buffer's `slice` is a view: editing it would edit the caller's bytes). */
const copy = (data: Uint8Array, from: number, to: number) => new Uint8Array(data.subarray(from, to));
const child = (node: Node | undefined, type: string) => node?.children?.find((c) => c.type === type);
const dv = (body: Uint8Array) => new DataView(body.buffer, body.byteOffset, body.byteLength);
const fourcc = (body: Uint8Array, at: number) => String.fromCharCode(...body.subarray(at, at + 4));

function handlerOf(trak: Node): string | undefined {
  const hdlr = child(child(trak, "mdia"), "hdlr")?.body;
  return hdlr && hdlr.length >= 12 ? fourcc(hdlr, 8) : undefined;
}

function stblOf(trak: Node): Node | undefined {
  return child(child(child(trak, "mdia"), "minf"), "stbl");
}

/** Entry count of a full box table, checked against the box's size. */
function entries(body: Uint8Array, at: number, entrySize: number): number {
  if (body.length < at + 4) throw malformed("truncated table");
  const count = dv(body).getUint32(at);
  if (count > (body.length - at - 4) / entrySize) throw malformed("table longer than its box");
  return count;
}

/** The chunk offsets of a sample table: [entry position in the body, value, is64]. */
function chunkOffsets(stbl: Node): { body: Uint8Array; wide: boolean; count: number } | undefined {
  const box = child(stbl, "stco") ?? child(stbl, "co64");
  if (!box?.body) return undefined;
  const wide = box.type === "co64";
  return { body: box.body, wide, count: entries(box.body, 4, wide ? 8 : 4) };
}

function readOffset(body: Uint8Array, wide: boolean, i: number): number {
  return wide ? Number(dv(body).getBigUint64(8 + i * 8)) : dv(body).getUint32(8 + i * 4);
}

function writeOffset(body: Uint8Array, wide: boolean, i: number, value: number) {
  if (wide) dv(body).setBigUint64(8 + i * 8, BigInt(value));
  else dv(body).setUint32(8 + i * 4, value);
}

/** Byte ranges of every chunk of a track, from `stco`/`co64`, `stsc` and `stsz`/`stz2`. */
function chunkRanges(data: Uint8Array, stbl: Node): Array<[number, number]> {
  const offsets = chunkOffsets(stbl);
  const stsc = child(stbl, "stsc");
  const stsz = child(stbl, "stsz") ?? child(stbl, "stz2");
  if (!offsets) return [];
  if (!stsc || !stsz) throw malformed("sample table without stsc/stsz");
  const sc = copy(data, stsc.start + stsc.header, stsc.end);
  const sz = copy(data, stsz.start + stsz.header, stsz.end);
  const scCount = entries(sc, 4, 12);
  const sizes = sampleSizes(sz, stsz.type === "stz2");
  const ranges: Array<[number, number]> = [];
  let sample = 0;
  let entry = -1;
  let perChunk = 0;
  for (let chunk = 0; chunk < offsets.count; chunk++) {
    // stsc runs are sorted by first chunk: advance while the next run has started.
    while (entry + 1 < scCount && dv(sc).getUint32(8 + (entry + 1) * 12) <= chunk + 1) {
      entry += 1;
      perChunk = dv(sc).getUint32(8 + entry * 12 + 4);
    }
    let length = 0;
    for (let s = 0; s < perChunk && sample < sizes.count; s++, sample++) length += sizes.at(sample);
    const from = readOffset(offsets.body, offsets.wide, chunk);
    ranges.push([from, from + length]);
  }
  return ranges;
}

function sampleSizes(body: Uint8Array, compact: boolean): { count: number; at: (i: number) => number } {
  if (body.length < 12) throw malformed("truncated sample size box");
  const view = dv(body);
  if (!compact) {
    const fixed = view.getUint32(4);
    const count = view.getUint32(8);
    if (fixed) return { count, at: () => fixed };
    if (count > (body.length - 12) / 4) throw malformed("sample size table longer than its box");
    return { count, at: (i) => view.getUint32(12 + i * 4) };
  }
  const bits = view.getUint8(7);
  const count = view.getUint32(8);
  if (![4, 8, 16].includes(bits) || count > ((body.length - 12) * 8) / bits) throw malformed("bad compact sizes");
  return {
    count,
    at: (i) =>
      bits === 16
        ? view.getUint16(12 + i * 2)
        : bits === 8
          ? view.getUint8(12 + i)
          : (view.getUint8(12 + (i >> 1)) >> (i % 2 ? 0 : 4)) & 0x0f,
  };
}

/** Zeroes creation/modification times of `mvhd`/`tkhd`/`mdhd` (when it was filmed). */
function blankTimes(body: Uint8Array) {
  if (body.length < 4) throw malformed("truncated header box");
  const span = body[0] === 1 ? 16 : 8;
  if (body.length < 4 + span) throw malformed("truncated header box");
  body.fill(0, 4, 4 + span);
}

/** Blanks a handler's name (cameras write their model there, e.g. "GoPro AVC"). */
function blankHandlerName(body: Uint8Array) {
  if (body.length > 24) body.fill(0, 24);
}

/** Blanks the 32-byte compressor name of visual sample entries (encoder/device name). */
function blankCompressorNames(body: Uint8Array) {
  const view = dv(body);
  const count = entries(body, 4, 8);
  let at = 8;
  for (let i = 0; i < count && at + 8 <= body.length; i++) {
    const size = view.getUint32(at);
    if (size < 8 || at + size > body.length) throw malformed("bad sample description");
    // VisualSampleEntry: 8 header + 42 bytes of fields, then compressorname[32].
    if (size >= 8 + 42 + 32 && /^(avc|hvc|hev|mp4v|av01|vp0|dvh|jpeg|mjp|apc|s263)/.test(fourcc(body, at + 4))) {
      body.fill(0, at + 8 + 42, at + 8 + 42 + 32);
    }
    at += size;
  }
}

function size(node: Node): number {
  if (!node.children) return node.end - node.start;
  const inner = node.children.reduce((sum, c) => sum + (c.removed ? 0 : size(c)), 0);
  return node.header + inner;
}

/** Marks what goes and edits what stays (times, names); returns the dropped tracks. */
function prune(nodes: Node[], parent: string | undefined, dropped: Node[]) {
  for (const node of nodes) {
    if (parent && !KEEP[parent]?.has(node.type)) {
      node.removed = true;
      continue;
    }
    if (node.type === "trak" && !MEDIA_HANDLERS.has(handlerOf(node) ?? "")) {
      node.removed = true;
      dropped.push(node);
      continue;
    }
    if (node.body && ["mvhd", "tkhd", "mdhd"].includes(node.type)) blankTimes(node.body);
    if (node.body && node.type === "hdlr") blankHandlerName(node.body);
    if (node.body && node.type === "stsd") blankCompressorNames(node.body);
    if (node.children) prune(node.children, node.type, dropped);
  }
}

function* leaves(nodes: Node[], type: string): Generator<Node> {
  for (const node of nodes) {
    if (node.removed) continue;
    if (node.type === type) yield node;
    if (node.children) yield* leaves(node.children, type);
  }
}

function write(out: Uint8Array, at: number, node: Node, data: Uint8Array, inPlace: boolean): number {
  const total = inPlace ? node.end - node.start : size(node);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (node.removed) {
    // Only reached in place: a free box of the same size, body zeroed (already zero-filled).
    view.setUint32(at, total);
    out.set([0x66, 0x72, 0x65, 0x65], at + 4);
    return at + total;
  }
  if (!node.children && !node.body) {
    out.set(data.subarray(node.start, node.end), at);
    return at + total;
  }
  if (node.header === 16) {
    view.setUint32(at, 1);
    view.setBigUint64(at + 8, BigInt(total));
  } else {
    view.setUint32(at, total);
  }
  out.set(data.subarray(node.start + 4, node.start + 8), at + 4);
  let next = at + node.header;
  if (node.body) {
    out.set(node.body, next);
    return next + node.body.length;
  }
  for (const c of node.children ?? []) {
    if (c.removed && !inPlace) continue;
    next = write(out, next, c, data, inPlace);
  }
  // In place, a container keeps its size: pad what its children no longer fill (zero terminator bytes).
  return inPlace ? at + total : next;
}

/**
 * A copy of an MP4/MOV file without location, device or timing metadata, still playable.
 * Throws {@link CleanError} for malformed input or variants it cannot clean (compressed
 * headers, fragmented files with metadata tracks).
 */
export async function cleanVideo(bytes: Uint8Array): Promise<Uint8Array> {
  // Read-only: edited leaves are copied in `parse`, dropped samples are blanked in the output.
  const data = bytes;
  const view = dv(data);
  const top = parse(data, view, 0, data.length, true);
  const moovs = top.filter((n) => n.type === "moov");
  if (moovs.length !== 1) throw malformed(moovs.length ? "more than one moov" : "no moov box");
  const inPlace = top.some((n) => n.type === "moof");

  for (const node of top) if (!TOP_KEEP.has(node.type)) node.removed = true;
  const dropped: Node[] = [];
  prune(moovs, undefined, dropped);
  if (dropped.length && inPlace) {
    throw new CleanError("video", "unsupported", "fragmented video with a metadata track");
  }
  if (!top.some((n) => n.type === "moov" && n.children?.some((c) => c.type === "trak" && !c.removed))) {
    throw malformed("no audio or video track");
  }
  // Media data is kept only where a kept track's chunks are: samples of dropped tracks
  // (coordinates, telemetry) and bytes no track refers to are blanked in the output.
  const keptChunks: Array<[number, number]> = [];
  if (!inPlace) {
    for (const trak of moovs[0]?.children ?? []) {
      const stbl = trak.type === "trak" && !trak.removed ? stblOf(trak) : undefined;
      if (stbl) keptChunks.push(...chunkRanges(data, stbl));
    }
  }
  // New start of every kept top-level box; chunk data moves with the box that holds it.
  const moved: Array<{ start: number; end: number; to: number; type: string }> = [];
  let cursor = 0;
  for (const node of top) {
    if (node.removed && !inPlace) continue;
    moved.push({ start: node.start, end: node.end, to: cursor, type: node.type });
    cursor += inPlace ? node.end - node.start : size(node);
  }
  const relocate = (offset: number) => {
    const home = moved.find((m) => offset >= m.start && offset < m.end && m.type === "mdat");
    if (!home) throw malformed("chunk offset outside the media data");
    return offset - home.start + home.to;
  };
  if (!inPlace) {
    for (const box of [...leaves(moovs, "stco"), ...leaves(moovs, "co64")]) {
      const body = box.body as Uint8Array;
      const wide = box.type === "co64";
      const count = entries(body, 4, wide ? 8 : 4);
      for (let i = 0; i < count; i++) {
        writeOffset(body, wide, i, relocate(readOffset(body, wide, i)));
      }
    }
  }

  const out = new Uint8Array(cursor);
  let at = 0;
  for (const node of top) {
    if (node.removed && !inPlace) continue;
    at = write(out, at, node, data, inPlace);
  }
  for (const node of top) {
    if (node.type !== "mdat" || inPlace) continue;
    const from = node.start + node.header;
    const inside = keptChunks.filter(([start, end]) => end > from && start < node.end).sort((a, b) => a[0] - b[0]);
    let cursor = from;
    for (const [start, end] of [...inside, [node.end, node.end] as [number, number]]) {
      if (start > cursor) out.fill(0, relocate(cursor), relocate(cursor) + (start - cursor));
      if (start < from || end > node.end) throw malformed("chunk crosses the edge of its media data");
      cursor = Math.max(cursor, end);
    }
  }
  return out;
}
