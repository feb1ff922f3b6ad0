/** The attack fixtures are what they claim, checked by independent readers (sharp, file-type, exiftool, poppler). */
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { types } from "../packages/core/src/evidence/types";
import {
  decompressionBombPng,
  HTML_PAYLOAD,
  hostileFileNames,
  oversizeFile,
  pdfFlateBomb,
  pixelFloodPng,
  polyglotJpegHtml,
  undersizeFiles,
  wrongDeclaredTypes,
} from "./helpers/attacks";
import { exiftool, poppler } from "./helpers/media";

describe("upload attack fixtures", () => {
  it("polyglots are real JPEGs that also carry HTML", async () => {
    for (const file of Object.values(await polyglotJpegHtml())) {
      expect((await fileTypeFromBuffer(file))?.mime).toBe("image/jpeg");
      expect(await sharp(file).metadata()).toMatchObject({ format: "jpeg", width: 32, height: 32 });
      expect(file.includes(HTML_PAYLOAD)).toBe(true);
    }
  });

  it("the pixel flood declares 10^10 pixels in under 100 bytes, and sharp refuses to decode it", async () => {
    const file = pixelFloodPng();

    expect(file.length).toBeLessThan(100);
    expect(exiftool(file, "png")["PNG:ImageWidth"]).toBe(100_000);
    await expect(sharp(file).raw().toBuffer()).rejects.toThrow(/pixel limit/i);
  });

  it("the decompression bomb is a valid 12000² PNG in well under 1 MB", async () => {
    const file = await decompressionBombPng();

    expect(file.length).toBeLessThan(1024 * 1024);
    expect(await sharp(file).metadata()).toMatchObject({ format: "png", width: 12_000, height: 12_000 });
    expect(exiftool(file, "png")["Composite:ImageSize"]).toBe("12000x12000");
  });

  it("the PDF bomb is a readable one-page PDF far smaller than its content", async () => {
    const file = await pdfFlateBomb(64);

    expect(file.length).toBeLessThan(1024 * 1024);
    expect(poppler("pdfinfo", file).stdout).toMatch(/Pages:\s+1\n/);
  });

  it("wrong declared types are not detected as what they claim", async () => {
    for (const { why, declared, bytes } of await wrongDeclaredTypes()) {
      const found = (await fileTypeFromBuffer(bytes))?.mime;
      expect((types[declared].detected as readonly string[]).includes(found ?? ""), why).toBe(false);
    }
  });

  it("undersize files are tiny and oversize files are one byte over the limit", () => {
    for (const { bytes } of undersizeFiles) expect(bytes.length).toBeLessThan(4);
    expect(oversizeFile("image/jpeg").length).toBe(types["image/jpeg"].maxBytes + 1);
  });

  it("hostile names are distinct and each has a reason", () => {
    expect(new Set(hostileFileNames.map((n) => n.name)).size).toBe(hostileFileNames.length);
    expect(hostileFileNames.every((n) => n.why.length > 0)).toBe(true);
  });
});
