/**
 * HEIC layouts the metadata cleaner does not handle are refused with a CleanError (the upload is
 * then rejected and deleted), never passed through with their metadata.
 */
import { describe, expect, it } from "vitest";
import { CleanError } from "./clean/errors";
import { stripHeifMetadata } from "./heif";

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, body]);
}
const fullBox = (type: string, version: number, ...parts: Buffer[]) =>
  box(type, Buffer.from([version, 0, 0, 0]), ...parts);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const ftyp = box("ftyp", Buffer.from("heic\0\0\0\0mif1heic", "latin1"));
const gps = Buffer.from("Exif\0\0GPSLatitude 39.6", "latin1");

/** An `infe` of version 2 naming item `id` of `type`. */
const infe = (id: number, type: string) => fullBox("infe", 2, u16(id), u16(0), Buffer.from(`${type}\0`, "latin1"));
const iinf = (...entries: Buffer[]) => fullBox("iinf", 0, u16(entries.length), ...entries);
/** iloc v1 with one item of one extent (4-byte offset and length), construction `method`. */
function iloc(id: number, method: number, offset: number, length: number): Buffer {
  const extent = Buffer.alloc(8);
  extent.writeUInt32BE(offset, 0);
  extent.writeUInt32BE(length, 4);
  return fullBox("iloc", 1, Buffer.from([0x44, 0x00]), u16(1), u16(id), u16(method), u16(0), u16(1), extent);
}

function refusal(file: Buffer): CleanError {
  try {
    stripHeifMetadata(file);
  } catch (error) {
    expect(error).toBeInstanceOf(CleanError);
    return error as CleanError;
  }
  throw new Error("expected the file to be refused");
}

describe("HEIC metadata cleaner refuses what it does not handle", () => {
  it("a file without a meta box", () => {
    expect(refusal(Buffer.concat([ftyp, box("mdat", gps)]))).toMatchObject({ format: "heic", reason: "malformed" });
  });

  it("a meta box without an item location table", () => {
    const file = Buffer.concat([ftyp, fullBox("meta", 0, iinf(infe(1, "Exif"))), box("mdat", gps)]);
    expect(refusal(file).reason).toBe("malformed");
  });

  it("item entries of version 0/1, whose type cannot be read", () => {
    const old = fullBox("infe", 1, u16(1), u16(0), Buffer.from("exif\0", "latin1"));
    const file = Buffer.concat([ftyp, fullBox("meta", 0, iinf(old), iloc(1, 0, 0, 4)), box("mdat", gps)]);
    expect(refusal(file).reason).toBe("unsupported");
  });

  it("an Exif item built by item offsets (construction method 2)", () => {
    const file = Buffer.concat([ftyp, fullBox("meta", 0, iinf(infe(1, "Exif")), iloc(1, 2, 0, 4)), box("mdat", gps)]);
    expect(refusal(file).reason).toBe("unsupported");
  });

  it("an Exif item that points outside the file", () => {
    const file = Buffer.concat([
      ftyp,
      fullBox("meta", 0, iinf(infe(1, "Exif")), iloc(1, 0, 10_000, 20)),
      box("mdat", gps),
    ]);
    expect(refusal(file).reason).toBe("malformed");
  });

  it("still blanks an Exif item it can locate (file offsets)", () => {
    const head = Buffer.concat([ftyp, fullBox("meta", 0, iinf(infe(1, "Exif")), iloc(1, 0, 0, 0))]);
    const at = head.length + 8;
    const file = Buffer.concat([
      ftyp,
      fullBox("meta", 0, iinf(infe(1, "Exif")), iloc(1, 0, at, gps.length)),
      box("mdat", gps),
    ]);

    const clean = stripHeifMetadata(file);

    expect(clean.includes(Buffer.from("GPSLatitude"))).toBe(false);
    expect(clean.length).toBe(file.length);
  });
});
