/**
 * Hostile uploads for the upload-attack tests (OWASP ASVS 5.0 V5): each builder returns bytes that
 * look acceptable at one layer and are harmful at another. Nothing here is wired to a route; tests
 * post these through the real presign → upload → verify path and assert rejection and an empty
 * bucket. Built in memory, deterministic, small on disk (the bombs are small until decoded).
 */
import { crc32, createDeflate, deflateSync } from "node:zlib";
import sharp from "sharp";
import { type ContentType, types } from "../../packages/core/src/evidence/types";

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.from(type, "latin1");
  return Buffer.concat([u32(data.length), head, data, u32(crc32(Buffer.concat([head, data])))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG header for an 8-bit greyscale image of the given size. */
function ihdr(width: number, height: number): Buffer {
  return pngChunk("IHDR", Buffer.concat([u32(width), u32(height), Buffer.from([8, 0, 0, 0, 0])]));
}

/** A small, valid JPEG (sharp-encoded) to build polyglots from. */
export async function plainJpeg(width = 32, height = 32): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#2a6" } })
    .jpeg()
    .toBuffer();
}

/** HTML that runs script when a browser sniffs or is told the file is HTML. */
export const HTML_PAYLOAD = "<html><body><script>document.title='xss-'+document.domain</script></body></html>";

/**
 * JPEG + HTML polyglots: a real JPEG (decodes, magic bytes right) that also carries HTML — in a
 * comment segment near the start (where content sniffers look) and after the end-of-image marker.
 */
export async function polyglotJpegHtml(): Promise<{ inComment: Buffer; appended: Buffer }> {
  const jpeg = await plainJpeg();
  const comment = Buffer.from(HTML_PAYLOAD, "latin1");
  const com = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from([(comment.length + 2) >> 8, (comment.length + 2) & 0xff]),
    comment,
  ]);
  return {
    inComment: Buffer.concat([jpeg.subarray(0, 2), com, jpeg.subarray(2)]),
    appended: Buffer.concat([jpeg, comment]),
  };
}

/**
 * Pixel flood: a PNG of a few dozen bytes that declares `width`×`height` pixels (default
 * 100 000 × 100 000 = 10^10, ~10 GB to decode). Its one IDAT holds a single empty row, so a
 * decoder that trusts the header allocates before it finds the data missing.
 */
export function pixelFloodPng(width = 100_000, height = 100_000): Buffer {
  const idat = pngChunk("IDAT", deflateSync(Buffer.alloc(1)));
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height), idat, pngChunk("IEND", Buffer.alloc(0))]);
}

/**
 * Decompression bomb: a complete, valid PNG of `side`×`side` black greyscale pixels (default
 * 12 000² = 144 M pixels, under sharp's 268 M pixel default limit, ~144 MB once decoded) whose
 * zlib stream compresses ~1000:1, so the file is a few hundred KB. Built row by row, so making it
 * needs little memory.
 */
export async function decompressionBombPng(side = 12_000): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => parts.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  const row = Buffer.alloc(side + 1); // filter byte 0 + one byte per pixel
  for (let y = 0; y < side; y++) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  const idat = pngChunk("IDAT", Buffer.concat(parts));
  return Buffer.concat([PNG_SIGNATURE, ihdr(side, side), idat, pngChunk("IEND", Buffer.alloc(0))]);
}

/**
 * A PDF whose one page content stream inflates to `megabytes` MB of spaces (default 512): valid
 * structure and xref, small file. A PDF library that decodes streams eagerly runs out of memory.
 */
export async function pdfFlateBomb(megabytes = 512): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => parts.push(chunk));
  const done = new Promise<void>((resolve) => deflate.on("end", resolve));
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(mb)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  const stream = Buffer.concat(parts);
  const objects = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"),
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
      stream,
      Buffer.from("\nendstream"),
    ]),
  ];
  const out: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = out[0]!.length;
  objects.forEach((body, i) => {
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    offsets.push(length);
    out.push(object);
    length += object.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
  ].join("");
  return Buffer.concat([...out, Buffer.from(xref)]);
}

/** Bytes that are one thing, declared as an accepted type that they are not. */
export async function wrongDeclaredTypes(): Promise<Array<{ why: string; declared: ContentType; bytes: Buffer }>> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
    .png()
    .toBuffer();
  return [
    { why: "HTML declared as JPEG", declared: "image/jpeg", bytes: Buffer.from(HTML_PAYLOAD) },
    {
      why: "SVG with script declared as PNG",
      declared: "image/png",
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    },
    { why: "PNG declared as JPEG", declared: "image/jpeg", bytes: png },
    {
      why: "Windows executable declared as PDF",
      declared: "application/pdf",
      bytes: Buffer.concat([Buffer.from("MZ\x90\0", "latin1"), Buffer.alloc(508)]),
    },
    {
      why: "ZIP (e.g. .docx) declared as PDF",
      declared: "application/pdf",
      bytes: Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(60)]),
    },
    { why: "JPEG declared as MP4", declared: "video/mp4", bytes: await plainJpeg() },
    {
      why: "PDF declared as HEIC",
      declared: "image/heic",
      bytes: Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
    },
  ];
}

/** Files below any real file of their type: empty, one byte, a bare JPEG start-of-image marker. */
export const undersizeFiles: Array<{ why: string; declared: ContentType; bytes: Buffer }> = [
  { why: "empty file", declared: "image/jpeg", bytes: Buffer.alloc(0) },
  { why: "one byte", declared: "application/pdf", bytes: Buffer.from("%") },
  { why: "JPEG start marker only", declared: "image/jpeg", bytes: Buffer.from([0xff, 0xd8, 0xff]) },
];

/** One byte over the limit of `type`, starting with that type's magic bytes (checks the size, not the content). */
export function oversizeFile(type: ContentType): Buffer {
  const magic: Record<ContentType, Buffer> = {
    "image/jpeg": Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    "image/png": PNG_SIGNATURE,
    "image/webp": Buffer.from("RIFF\0\0\0\0WEBPVP8 ", "latin1"),
    "image/heic": Buffer.from("\0\0\0\x18ftypheic\0\0\0\0mif1heic", "latin1"),
    "application/pdf": Buffer.from("%PDF-1.7\n"),
    "video/mp4": Buffer.from("\0\0\0\x18ftypisom\0\0\x02\0isomiso2", "latin1"),
  };
  const file = Buffer.alloc(types[type].maxBytes + 1);
  magic[type].copy(file);
  return file;
}

/**
 * File names that try to escape a key, spoof an extension, or break display and storage. Each
 * must be refused or reduced to a safe name; none may reach an S3 key or a header unchanged.
 */
export const hostileFileNames: Array<{ why: string; name: string }> = [
  { why: "parent traversal", name: "../../etc/passwd" },
  { why: "Windows traversal", name: "..\\..\\Windows\\System32\\drivers\\etc\\hosts" },
  { why: "absolute path", name: "/var/task/index.mjs" },
  { why: "key-like path into the verified area", name: "evidence/act_01/evd_01/foto.jpg" },
  { why: "single-table key separator", name: "USER#usr_01#foto.jpg" },
  { why: "dot", name: "." },
  { why: "dot dot", name: ".." },
  { why: "empty", name: "" },
  { why: "whitespace only", name: "   " },
  { why: "right-to-left override spoofs the extension (shows as foto‮gpj.exe)", name: "foto\u202Egpj.exe" },
  { why: "bidi isolate and embedding marks", name: "\u2067rapor\u2069\u202Bbelge\u202C.pdf" },
  { why: "zero-width characters", name: "fo\u200Bto\u200D.jpg" },
  { why: "NUL byte truncates in C libraries", name: "foto.jpg\u0000.html" },
  { why: "newline splits headers and logs", name: "foto\r\nContent-Type: text/html.jpg" },
  { why: "double extension", name: "foto.jpg.html" },
  { why: "trailing dot and space (Windows strips them)", name: "foto.html. " },
  { why: "Windows reserved device name", name: "CON.jpg" },
  { why: "quote and semicolon break Content-Disposition", name: 'a";filename=b.html;x=".jpg' },
  { why: "overlong: 300 characters", name: `${"a".repeat(296)}.jpg` },
  { why: "overlong in bytes: 200 Turkish characters are 400+ UTF-8 bytes", name: `${"ğüşİıöç".repeat(30)}.pdf` },
  { why: "decomposed (NFD) Turkish letters", name: "I\u0307stanbul-gez\u0131s\u0131.jpg".normalize("NFD") },
  { why: "lone surrogate (not valid UTF-8)", name: "foto\uD800.jpg" },
  { why: "URL-encoded traversal", name: "%2e%2e%2f%2e%2e%2fetc%2fpasswd" },
];
