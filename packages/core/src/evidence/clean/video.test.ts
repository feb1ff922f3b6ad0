import { describe, expect, it } from "vitest";
import {
  box,
  chunkOffsetsOf,
  exiftool,
  exiftoolWrite,
  fragmentedMp4,
  mp4,
  samples,
  tagsMatching,
} from "../../../../../test/helpers/media";
import { CleanError } from "./errors";
import { cleanVideo } from "./video";

/** What must not survive: location, device, people, encoder and handler names, recording times. */
const personal = /GPS|Make|Model|Creator|Artist|Author|iPhone|Apple|Ayşe|HandlerDescription|CompressorName|deg/i;

/** A phone-like file: the fixture plus what exiftool itself writes (Keys, ItemList, XMP uuid). */
function phoneVideo(faststart: boolean): Buffer {
  return exiftoolWrite(
    mp4(faststart),
    "mp4",
    "-Keys:GPSCoordinates=41.0082, 28.9784, 35",
    "-Keys:Make=Apple",
    "-Keys:Model=iPhone 15 Pro",
    "-ItemList:Artist=Ayşe Öğretmen",
    "-XMP-dc:Creator=Ayşe Öğretmen",
  );
}

const video = Buffer.concat(samples.video);

describe("cleanVideo", () => {
  it.each([
    ["moov before mdat (exiftool-written tags)", () => phoneVideo(true)],
    ["moov after mdat (fixture as built)", () => mp4(false)],
  ])("drops location and device metadata, keeps the video playable: %s", async (_, make) => {
    const input = make();
    const before = exiftool(input, "mp4");
    expect(tagsMatching(before, /GPSCoordinates/).length).toBeGreaterThan(0);
    expect(tagsMatching(before, /Make|Model/).length).toBeGreaterThan(0);

    const clean = Buffer.from(await cleanVideo(input));

    const after = exiftool(clean, "mp4");
    expect(tagsMatching(after, personal)).toEqual([]);
    expect(after["QuickTime:Duration"]).toBe("2.00 s");
    expect(after["Track1:HandlerType"]).toBe("Video Track");
    expect(after["QuickTime:CreateDate"]).toBe("0000:00:00 00:00:00");
    expect(Object.keys(after).some((k) => k.startsWith("Track2:"))).toBe(false);
    // The location sample of the dropped metadata track is gone from the bytes, too.
    expect(clean.includes(samples.location)).toBe(false);
    expect(clean.includes("+39.6484")).toBe(false);
    // The video track's chunk offset points at its samples in the new layout.
    const [offset] = chunkOffsetsOf(clean);
    expect(clean.subarray(offset, offset! + video.length).equals(video)).toBe(true);
    expect(clean.length).toBeLessThan(input.length);
  });

  it("cleans a fragmented file in place: same size, data offsets untouched", async () => {
    const input = fragmentedMp4();
    expect(tagsMatching(exiftool(input, "mp4"), /Creator|Make/).length).toBeGreaterThan(0);

    const clean = Buffer.from(await cleanVideo(input));

    expect(clean.length).toBe(input.length);
    expect(tagsMatching(exiftool(clean, "mp4"), personal)).toEqual([]);
    expect(clean.includes("Ayşe")).toBe(false);
    expect(clean.indexOf(video)).toBe(input.indexOf(video));
    expect(clean.subarray(input.indexOf("moof") - 4).equals(input.subarray(input.indexOf("moof") - 4))).toBe(true);
  });

  it("is idempotent: a clean file comes out unchanged", async () => {
    const once = await cleanVideo(phoneVideo(true));

    const twice = await cleanVideo(once);

    expect(Buffer.from(twice).equals(Buffer.from(once))).toBe(true);
  });

  it("does not change its input", async () => {
    const input = mp4(true);
    const copy = Buffer.from(input);

    await cleanVideo(input);

    expect(input.equals(copy)).toBe(true);
  });

  const ftyp = box("ftyp", Buffer.from("isom\0\0\0\0isom", "latin1"));
  it.each([
    ["an empty file", Buffer.alloc(0), "malformed"],
    ["random bytes", Buffer.from("this is not a video, just some text pretending"), "malformed"],
    ["a file cut short", mp4(true).subarray(0, 300), "malformed"],
    ["a file without moov", Buffer.concat([ftyp, box("mdat", video)]), "malformed"],
    ["two moov boxes", Buffer.concat([ftyp, box("moov"), box("moov"), box("mdat")]), "malformed"],
    ["a moov without tracks", Buffer.concat([ftyp, box("moov", box("udta")), box("mdat", video)]), "malformed"],
    [
      "a compressed movie header",
      Buffer.concat([ftyp, box("moov", box("cmov", Buffer.alloc(8))), box("mdat")]),
      "unsupported",
    ],
    [
      "a chunk offset outside the media data",
      (() => {
        const file = mp4(true);
        const stco = file.indexOf("stco");
        file.writeUInt32BE(file.length + 100, stco + 12);
        return file;
      })(),
      "malformed",
    ],
  ])("refuses %s with a CleanError", async (_, input, reason) => {
    const error = await cleanVideo(input).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CleanError);
    expect(error).toMatchObject({ format: "video", reason });
  });
});

describe("cleanVideo on damaged files", () => {
  /** Deterministic PRNG (mulberry32) so a failure reproduces. */
  function random(seed: number) {
    let s = seed;
    return () => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it("either cleans or throws a CleanError for 2,000 randomly corrupted files, never anything else", async () => {
    const next = random(15);
    const originals = [mp4(true), mp4(false), fragmentedMp4()];
    const surprises: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const file = Buffer.from(originals[i % originals.length]!);
      // Corrupt 1–4 bytes, biased towards box headers (sizes and types) in the first 1 KB.
      for (let k = 1 + Math.floor(next() * 4); k > 0; k--) {
        const at = Math.floor(next() * Math.min(file.length, next() < 0.7 ? 1024 : file.length));
        file[at] = Math.floor(next() * 256);
      }
      const cut = next() < 0.1 ? file.subarray(0, Math.floor(next() * file.length)) : file;
      try {
        const out = await cleanVideo(cut);
        // No location box survives. (A corrupted sample table may make the video track claim the
        // metadata track's bytes as video; those bytes then stay, as any video data does.)
        if (Buffer.from(out).includes("+39.6484+027.8826/")) surprises.push(`#${i}: location box survived`);
      } catch (error) {
        if (!(error instanceof CleanError))
          surprises.push(`#${i}: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }

    expect(surprises).toEqual([]);
  });
});
