import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfFlateBomb } from "../../../../../test/helpers/attacks";
import { exiftool, hostilePdf, pdfSecrets, poppler, tagsMatching } from "../../../../../test/helpers/media";
import { CleanError } from "./errors";
import { cleanPdf } from "./pdf";

/** Tags of a PDF's metadata (Info, XMP) a clean file must not have. */
const metadata = /Author|Title|Subject|Keywords|Creator|Producer|XMP|Rights|CreateDate|ModifyDate|GPS|Make|Model/i;

describe("cleanPdf", () => {
  let input: Buffer;
  let clean: Buffer;
  beforeAll(async () => {
    input = await hostilePdf();
    clean = Buffer.from(await cleanPdf(input));
  });

  it("starts from a PDF that carries everything (the fixture is hostile)", () => {
    const tags = exiftool(input, "pdf");
    expect(tags["PDF:Author"]).toBe(pdfSecrets.author);
    expect(tags["XMP-dc:Rights"]).toBe("Karesi RAM");
    expect(poppler("pdfinfo", input, "-js").stdout).toContain(pdfSecrets.script);
    expect(poppler("pdfdetach", input, "-list").stdout).toContain("2 embedded files");
    expect(input.includes(pdfSecrets.trailing)).toBe(true);
  });

  it("removes Info and XMP metadata (read by exiftool)", () => {
    const tags = exiftool(clean, "pdf");

    expect(tagsMatching(tags, metadata)).toEqual([]);
    expect(tags["PDF:PageCount"]).toBe(1);
  });

  it("removes JavaScript, actions and embedded files (read by poppler)", () => {
    const scripts = poppler("pdfinfo", clean, "-js").stdout;

    expect(scripts.trim()).toBe("");
    expect(poppler("pdfinfo", clean).stdout).toMatch(/Pages:\s+1\n/);
    expect(poppler("pdfdetach", clean, "-list").stdout).toContain("0 embedded files");
    for (const marker of [
      "/JavaScript",
      "/JS",
      "/OpenAction",
      "/AA",
      "/EmbeddedFile",
      "/FileAttachment",
      "/Metadata",
    ]) {
      expect(clean.includes(marker), marker).toBe(false);
    }
  });

  it("keeps a plain https link", () => {
    expect(clean.includes("https://bigep.example/")).toBe(true);
  });

  it("ends at %%EOF: no trailing HTML or earlier revisions", () => {
    const end = clean.lastIndexOf("%%EOF");

    expect(
      clean
        .subarray(end + 5)
        .toString("latin1")
        .trim(),
    ).toBe("");
    expect(clean.includes("<html")).toBe(false);
    expect(clean.toString("latin1").match(/%%EOF/g)).toHaveLength(1);
  });

  it("strips EXIF/GPS from JPEG images inside the PDF (extracted by pdfimages, read by exiftool)", () => {
    const { dir } = poppler("pdfimages", clean, "-j", "{file}", "img");
    const jpegs = readdirSync(dir).filter((f) => f.endsWith(".jpg"));
    expect(jpegs).toHaveLength(1);

    const tags = exiftool(readFileSync(join(dir, jpegs[0]!)), "jpg");

    expect(tagsMatching(tags, /GPS|Make|Model|iPhone|Apple/i)).toEqual([]);
    expect(tags["File:ImageWidth"]).toBe(16);
  });

  it("still renders page 1 (pdftoppm)", async () => {
    const { dir } = poppler(
      "pdftoppm",
      clean,
      "-png",
      "-r",
      "72",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      "{file}",
      "page",
    );

    const { width, height } = await sharp(readFileSync(join(dir, "page.png"))).metadata();

    expect([width, height]).toEqual([300, 200]);
  });

  it("is stable: cleaning a clean PDF keeps its pages and adds nothing", async () => {
    const again = Buffer.from(await cleanPdf(clean));

    expect(tagsMatching(exiftool(again, "pdf"), metadata)).toEqual([]);
    expect(again.length).toBeLessThanOrEqual(clean.length);
  });

  it("copies compressed page content without inflating it (a 64 MB flate bomb stays small)", async () => {
    const bomb = await pdfFlateBomb(64);

    const out = Buffer.from(await cleanPdf(bomb));

    expect(out.length).toBeLessThan(bomb.length + 1024);
    expect(poppler("pdfinfo", out).stdout).toMatch(/Pages:\s+1\n/);
  });

  it.each([
    ["an empty file", Buffer.alloc(0)],
    ["text pretending to be a PDF", Buffer.from("%PDF-1.7\nthis is not really a pdf\n%%EOF")],
    ["HTML", Buffer.from("<html><body>merhaba</body></html>")],
  ])("refuses %s with a CleanError", async (_, bytes) => {
    const error = await cleanPdf(bytes).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CleanError);
    expect(error).toMatchObject({ format: "pdf", reason: "malformed" });
  });
});
