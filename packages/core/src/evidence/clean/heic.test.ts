/**
 * HEIC photos get the JPEG guarantee (no EXIF, GPS or XMP) from `stripHeifMetadata`, checked here
 * by exiftool on a real HEIF file: sharp writes it (AV1-coded, as the prebuilt sharp has no HEVC
 * encoder; the container and its Exif/XMP items are the same as an iPhone's), exiftool adds GPS
 * and XMP, and the `ftyp` brand says `heic`.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { exiftool, exiftoolWrite, tagsMatching } from "../../../../../test/helpers/media";
import { stripHeifMetadata } from "../heif";

async function phoneHeic(): Promise<Buffer> {
  const encoded = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#0a0" } })
    .withExif({ IFD0: { Make: "Apple", Model: "iPhone 15 Pro" } })
    .heif({ compression: "av1" })
    .toBuffer();
  const heic = Buffer.from(encoded);
  heic.write("heic", 8, "latin1"); // major brand
  return exiftoolWrite(
    heic,
    "heic",
    "-GPSLatitude=39.6484",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=27.8826",
    "-GPSLongitudeRef=E",
    "-XMP-dc:Creator=Ayşe Öğretmen",
  );
}

describe("HEIC metadata (read by exiftool)", () => {
  it("has no EXIF, GPS or XMP left and still reads as a 64×48 HEIC", async () => {
    const input = await phoneHeic();
    const before = exiftool(input, "heic");
    expect(before["GPS:GPSLatitude"]).toBeDefined();
    expect(before["IFD0:Model"]).toBe("iPhone 15 Pro");
    expect(before["XMP-dc:Creator"]).toBe("Ayşe Öğretmen");

    const after = exiftool(stripHeifMetadata(input), "heic");

    expect(tagsMatching(after, /GPS|Make|Model|Creator|Ayşe|iPhone|Apple|IFD0|ExifIFD/i)).toEqual([]);
    expect(after["File:FileType"]).toBe("HEIC");
    expect(after["Composite:ImageSize"]).toBe("64x48");
  });
});
