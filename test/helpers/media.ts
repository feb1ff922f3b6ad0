/**
 * Evidence fixtures built in the test, and exiftool as the independent reader of what they carry.
 * The MP4s are structurally valid ISO BMFF files (exiftool reads their duration and tracks) with
 * made-up samples: nothing here decodes video, the cleaners only move and drop boxes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const u8 = (...n: number[]) => Buffer.from(n);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const text = (s: string) => Buffer.from(s, "latin1");

export function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(body.length + 8), Buffer.from(type, "latin1"), body]);
}
const full = (type: string, version: number, flags: number, ...parts: Buffer[]) =>
  box(type, u8(version, flags >> 16, (flags >> 8) & 0xff, flags & 0xff), ...parts);

const matrix = Buffer.concat([
  u32(0x10000),
  u32(0),
  u32(0),
  u32(0),
  u32(0x10000),
  u32(0),
  u32(0),
  u32(0),
  u32(0x40000000),
]);
/** 2026-06-01 in seconds since 1904 (QuickTime epoch): a recording time the cleaner must blank. */
const filmedAt = 3_863_635_200;

function trak(id: number, handler: string, name: string, entry: Buffer, sizes: number[], chunkOffset: number) {
  const media = handler === "vide" ? full("vmhd", 0, 1, Buffer.alloc(8)) : full("nmhd", 0, 0);
  return box(
    "trak",
    full(
      "tkhd",
      0,
      3,
      u32(filmedAt),
      u32(filmedAt),
      u32(id),
      u32(0),
      u32(2000),
      Buffer.alloc(8),
      Buffer.alloc(8),
      matrix,
      u32(640 << 16),
      u32(360 << 16),
    ),
    box(
      "mdia",
      full("mdhd", 0, 0, u32(filmedAt), u32(filmedAt), u32(1000), u32(2000), u16(0x55c4), u16(0)),
      full("hdlr", 0, 0, u32(0), text(handler), Buffer.alloc(12), text(`${name}\0`)),
      box(
        "minf",
        media,
        box("dinf", full("dref", 0, 0, u32(1), full("url ", 0, 1))),
        box(
          "stbl",
          full("stsd", 0, 0, u32(1), entry),
          full("stts", 0, 0, u32(1), u32(sizes.length), u32(1000)),
          full("stsc", 0, 0, u32(1), u32(1), u32(sizes.length), u32(1)),
          full("stsz", 0, 0, u32(0), u32(sizes.length), ...sizes.map(u32)),
          full("stco", 0, 0, u32(1), u32(chunkOffset)),
        ),
      ),
    ),
    // A per-track location, as some cameras write it.
    box("udta", box("©xyz", u16(18), u16(0x15c7), text("+39.6484+027.8826/"))),
  );
}

/** The two made-up video samples and the ISO 6709 location sample of the metadata track. */
export const samples = {
  video: [text("VIDEO-SAMPLE-ONE-0123456789"), text("VIDEO-SAMPLE-TWO-9876543210")],
  location: text("+39.6484+027.8826+120.000/"),
};

/**
 * An MP4 with a video track, an Apple-style timed-metadata location track (handler `meta`),
 * a `©xyz` location and make/model in `udta`, and recording times. `faststart` puts `moov`
 * before `mdat` (then dropping metadata moves the media data and every chunk offset with it).
 */
export function mp4(faststart: boolean): Buffer {
  const ftyp = box("ftyp", text("isom"), u32(512), text("isomiso2avc1mp41"));
  const avc1 = box(
    "avc1",
    Buffer.alloc(6),
    u16(1),
    Buffer.alloc(16),
    u16(640),
    u16(360),
    u32(0x480000),
    u32(0x480000),
    u32(0),
    u16(1),
    u8(13),
    text("iPhone 15 Pro"),
    Buffer.alloc(18),
    u16(24),
    u16(0xffff),
  );
  const mebx = box("mebx", Buffer.alloc(6), u16(1));
  const mdatBody = Buffer.concat([...samples.video, samples.location]);
  const build = (mdatAt: number) => {
    const data = mdatAt + 8;
    return box(
      "moov",
      full(
        "mvhd",
        0,
        0,
        u32(filmedAt),
        u32(filmedAt),
        u32(1000),
        u32(2000),
        u32(0x10000),
        u16(0x100),
        Buffer.alloc(10),
        matrix,
        Buffer.alloc(24),
        u32(3),
      ),
      trak(
        1,
        "vide",
        "Core Media Video",
        avc1,
        samples.video.map((s) => s.length),
        data,
      ),
      trak(
        2,
        "meta",
        "Core Media Metadata",
        mebx,
        [samples.location.length],
        data + samples.video[0]!.length + samples.video[1]!.length,
      ),
      box(
        "udta",
        box("©xyz", u16(18), u16(0x15c7), text("+39.6484+027.8826/")),
        box("©mak", u16(5), u16(0x15c7), text("Apple")),
        box("©mod", u16(13), u16(0x15c7), text("iPhone 15 Pro")),
      ),
    );
  };
  const mdat = box("mdat", mdatBody);
  if (faststart) {
    const moovLength = build(0).length;
    return Buffer.concat([ftyp, build(ftyp.length + moovLength), mdat]);
  }
  return Buffer.concat([ftyp, mdat, build(ftyp.length)]);
}

/**
 * A fragmented MP4 (`moof` + `mdat` after an empty-table `moov`) with make/model and a location
 * in `moov/udta` and an XMP `uuid` box: data is addressed from the `moof`, so nothing may move.
 */
export function fragmentedMp4(): Buffer {
  const plain = mp4(true);
  const moovAt = plain.indexOf("moov") - 4;
  const moov = plain.subarray(moovAt, moovAt + plain.readUInt32BE(moovAt));
  // Keep mvhd, the video trak and udta of the plain file; the metadata trak goes (not fragmented here).
  const children: Buffer[] = [];
  for (let at = 8; at < moov.length; ) {
    const size = moov.readUInt32BE(at);
    const child = moov.subarray(at, at + size);
    const handler =
      child.indexOf("hdlr") >= 0
        ? child.toString("latin1", child.indexOf("hdlr") + 12, child.indexOf("hdlr") + 16)
        : "";
    if (handler !== "meta") children.push(child);
    at += size;
  }
  const xmp = box(
    "uuid",
    Buffer.from("be7acfcb97a942e89c71999491e3afac", "hex"),
    text("<x:xmpmeta><dc:creator>Ayşe Öğretmen</dc:creator></x:xmpmeta>"),
  );
  const mvex = box("mvex", full("trex", 0, 0, u32(1), u32(1), u32(0), u32(0), u32(0)));
  const ftyp = box("ftyp", text("iso5"), u32(512), text("iso5iso6mp41"));
  const trun = full("trun", 0, 0x000201, u32(2), u32(0), ...samples.video.map((s) => u32(s.length)));
  const traf = box("traf", full("tfhd", 0, 0x020000, u32(1)), full("tfdt", 0, 0, u32(0)), trun);
  const moofLength = box("moof", full("mfhd", 0, 0, u32(1)), traf).length;
  trun.writeUInt32BE(moofLength + 8, 16); // data_offset from the moof's first byte to the samples
  const moof = box(
    "moof",
    full("mfhd", 0, 0, u32(1)),
    box("traf", full("tfhd", 0, 0x020000, u32(1)), full("tfdt", 0, 0, u32(0)), trun),
  );
  return Buffer.concat([ftyp, box("moov", ...children, mvex), xmp, moof, box("mdat", ...samples.video)]);
}

/** Chunk offsets (`stco`) of every track, read by walking the boxes: to find samples after a move. */
export function chunkOffsetsOf(file: Buffer): number[] {
  const found: number[] = [];
  const walk = (start: number, end: number) => {
    for (let at = start; at + 8 <= end; ) {
      const size = file.readUInt32BE(at);
      const type = file.toString("latin1", at + 4, at + 8);
      if (size < 8) return;
      if (["moov", "trak", "mdia", "minf", "stbl"].includes(type)) walk(at + 8, at + size);
      if (type === "stco") {
        const count = file.readUInt32BE(at + 12);
        for (let i = 0; i < count; i++) found.push(file.readUInt32BE(at + 16 + i * 4));
      }
      at += size;
    }
  };
  walk(0, file.length);
  return found;
}

/** exiftool must be installed (scripts/ensure-tools.mjs does it for `npm test`). */
export function exiftool(file: Buffer, ext: string, ...args: string[]): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), "bigep-exif-"));
  const path = join(dir, `f.${ext}`);
  writeFileSync(path, file);
  const out = execFileSync("exiftool", ["-j", "-a", "-G1", "-ee", "-api", "largefilesupport=1", ...args, path], {
    encoding: "utf8",
  });
  return (JSON.parse(out) as Record<string, unknown>[])[0] ?? {};
}

/** Writes tags with exiftool (e.g. `-Make=Apple`), returning the new bytes. */
export function exiftoolWrite(file: Buffer, ext: string, ...tags: string[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "bigep-exif-"));
  const path = join(dir, `f.${ext}`);
  writeFileSync(path, file);
  execFileSync("exiftool", ["-q", "-overwrite_original", ...tags, path]);
  return readFileSync(path);
}

/** Tags (`group:name=value`) of the file's content whose name or value matches `needles`. */
export function tagsMatching(tags: Record<string, unknown>, needles: RegExp): string[] {
  return Object.entries(tags)
    .filter(([key]) => !/^(SourceFile|System:|ExifTool:)/.test(key)) // the file on disk, not its content
    .filter(([key, value]) => needles.test(key) || needles.test(String(value)))
    .map(([key, value]) => `${key}=${String(value)}`);
}

/** A 16×16 JPEG carrying EXIF GPS and camera make/model (written by exiftool). */
export async function jpegWithGps(): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  const plain = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c00" } })
    .jpeg()
    .toBuffer();
  return exiftoolWrite(
    plain,
    "jpg",
    "-GPSLatitude=39.6484",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=27.8826",
    "-GPSLongitudeRef=E",
    "-Make=Apple",
    "-Model=iPhone 15 Pro",
  );
}

/** Text that must not survive cleaning of {@link hostilePdf}, wherever it hides. */
export const pdfSecrets = {
  author: "Ayşe Öğretmen",
  attachment: "gizli-ek-icerigi",
  script: "app.alert('bigep')",
  trailing: "<html><script>alert('sonda')</script></html>",
};

/**
 * A one-page PDF with everything a cleaner must remove: Info (author, title…), an XMP stream,
 * `/OpenAction` JavaScript, a JavaScript name tree, an embedded file and a file attachment
 * annotation, a page `/AA`, a link running JavaScript, a JPEG with EXIF GPS, an incremental
 * update by exiftool (so old revisions linger), and HTML after `%%EOF`. One harmless https link.
 */
export async function hostilePdf(): Promise<Buffer> {
  const { PDFDocument, PDFName, PDFString, StandardFonts } = await import("@cantoo/pdf-lib");
  const doc = await PDFDocument.create();
  doc.setTitle("Öğrenci listesi");
  doc.setAuthor(pdfSecrets.author);
  doc.setSubject("Karesi Ortaokulu 7/B");
  doc.setKeywords(["öğrenci", "telefon"]);
  doc.setCreator("Microsoft Word");
  doc.setProducer("iPhone 15 Pro");
  const page = doc.addPage([300, 200]);
  page.drawText("BIGEP etkinlik belgesi", {
    x: 20,
    y: 150,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  page.drawImage(await doc.embedJpg(await jpegWithGps()), { x: 20, y: 20, width: 64, height: 64 });
  const { context, catalog } = doc;
  const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${pdfSecrets.author}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  catalog.set(PDFName.of("Metadata"), context.register(context.stream(xmp, { Type: "Metadata", Subtype: "XML" })));
  const js = (script: string) => context.obj({ Type: "Action", S: "JavaScript", JS: PDFString.of(script) });
  catalog.set(PDFName.of("OpenAction"), context.register(js(pdfSecrets.script)));
  doc.addJavaScript("hello", pdfSecrets.script);
  await doc.attach(Buffer.from(pdfSecrets.attachment), "ek.txt", { mimeType: "text/plain" });
  page.node.set(PDFName.of("AA"), context.obj({ O: js(pdfSecrets.script) }));
  const file = context.obj({
    Type: "Filespec",
    F: PDFString.of("ek2.txt"),
    EF: { F: context.register(context.flateStream(pdfSecrets.attachment, { Type: "EmbeddedFile" })) },
  });
  const annots = [
    context.obj({ Type: "Annot", Subtype: "Link", Rect: [20, 100, 120, 120], A: js(pdfSecrets.script) }),
    context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [20, 80, 120, 100],
      A: { S: "URI", URI: PDFString.of("https://bigep.example/") },
    }),
    context.obj({ Type: "Annot", Subtype: "FileAttachment", Rect: [150, 100, 170, 120], FS: file }),
  ].map((a) => context.register(a));
  page.node.set(PDFName.of("Annots"), context.obj(annots));
  const saved = Buffer.from(await doc.save({ useObjectStreams: false }));
  const updated = exiftoolWrite(saved, "pdf", `-PDF:Author=${pdfSecrets.author}`, "-XMP-dc:Rights=Karesi RAM");
  return Buffer.concat([updated, Buffer.from(`\n${pdfSecrets.trailing}\n`)]);
}

/**
 * Runs a poppler tool (pdfinfo, pdfdetach, pdftoppm) on a PDF in a fresh folder: `{file}` in the
 * arguments is the PDF (else it goes last). Returns stdout and the folder (for rendered pages).
 */
export function poppler(tool: string, file: Buffer, ...args: string[]): { stdout: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "bigep-pdf-"));
  const path = join(dir, "f.pdf");
  writeFileSync(path, file);
  const argv = args.includes("{file}") ? args.map((a) => (a === "{file}" ? path : a)) : [...args, path];
  return { stdout: execFileSync(tool, argv, { encoding: "utf8", cwd: dir }), dir };
}
