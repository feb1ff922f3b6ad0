import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { karesiSchools } from "../../../../test/helpers/fixtures";
import { Activity } from "../activity";
import { type Grant, withActor } from "../actor";
import { Audit } from "../audit";
import { bucket, s3 } from "../storage/system";
import { useClock } from "../util/clock";
import { VisibleError } from "../util/error";
import { createId } from "../util/id";
import { Evidence } from ".";
import { stripHeifMetadata } from "./heif";
import * as EvidenceSystem from "./system";

const schoolA = "7702001";
const schoolB = "7702002";
type Person = { userId: string; name: string; grants: Grant[] };
const person = (name: string, grants: Grant[]): Person => ({ userId: createId("user"), name, grants });
const teacherA = person("Ayşe", [{ role: "teacher", scope: { type: "school", id: schoolA } }]);
const teacherB = person("Bora", [{ role: "teacher", scope: { type: "school", id: schoolB } }]);
const admin = person("Admin", [{ role: "admin", scope: { type: "national", id: "" } }]);

function as<T>(who: Person, run: () => Promise<T>): Promise<T> {
  return withActor({ actor: { type: "user", email: "x@test.tr", ...who }, requestId: "t" }, async () => run());
}
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, async () => run());

async function failure(promise: Promise<unknown>): Promise<VisibleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

/** A JPEG carrying a camera make and GPS coordinates in its EXIF. */
async function photoWithGps(color = "red"): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: color } })
    .jpeg()
    .withExif({
      IFD0: { Make: "TestCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 38/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "27/1 53/1 0/1" },
    })
    .toBuffer();
}

/** The EXIF GPS-IFD pointer tag (0x8825), little-endian as sharp writes it. */
const gpsTag = Buffer.from([0x25, 0x88]);

async function newActivity(owner = teacherA) {
  return as(owner, () =>
    Activity.create({
      school: schoolA,
      year: "2026-2027",
      area: "arts_sports_culture",
      category: "sportif",
      title: "Okullar arası voleybol turnuvası",
      startDate: "2026-11-01",
      reach: "district",
    }),
  );
}

async function upload(activityId: string, bytes: Buffer, contentType = "image/jpeg", declared = bytes.length) {
  const { evidence, upload } = await as(teacherA, () =>
    Evidence.presign({ activityId, fileName: "foto.jpg", contentType: contentType as "image/jpeg", size: declared }),
  );
  const key = upload.fields.key as string;
  await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: bytes, ContentType: contentType }));
  return { evidence, key };
}

async function exists(key: string): Promise<boolean> {
  return s3()
    .send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))
    .then(
      () => true,
      () => false,
    );
}

async function stored(key: string): Promise<Buffer> {
  const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

beforeAll(async () => {
  await karesiSchools([schoolA, schoolB]);
});

describe("evidence presign", () => {
  it("signs a POST for exactly one key, type and size, and records a pending evidence", async () => {
    const activity = await newActivity();

    const { evidence, upload } = await as(teacherA, () =>
      Evidence.presign({ activityId: activity.id, fileName: "afiş.pdf", contentType: "application/pdf", size: 1234 }),
    );

    expect(evidence).toMatchObject({ status: "pending", kind: "document", size: 1234, activityId: activity.id });
    expect(upload.fields.key).toBe(`uploads/${schoolA}/${activity.id}/${evidence.id}`);
    expect(upload.fields["Content-Type"]).toBe("application/pdf");
    const policy = JSON.parse(Buffer.from(upload.fields.Policy as string, "base64").toString("utf8"));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ["eq", "$Content-Type", "application/pdf"],
        ["content-length-range", 1234, 1234],
      ]),
    );
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(300_000);
  });

  it("refuses files over the type's limit with 413 and unknown types with 400", async () => {
    const activity = await newActivity();

    const big = await failure(
      as(teacherA, () =>
        Evidence.presign({
          activityId: activity.id,
          fileName: "a.jpg",
          contentType: "image/jpeg",
          size: 16 * 1024 * 1024,
        }),
      ),
    );
    const exe = await failure(
      as(teacherA, () =>
        Evidence.presign({
          activityId: activity.id,
          fileName: "a.exe",
          contentType: "application/x-msdownload" as "image/jpeg",
          size: 10,
        }),
      ),
    );

    expect(big.kind).toBe("too_large");
    expect(exe.kind).toBe("input");
  });

  it("requires a recorded parental-consent confirmation for photos showing identifiable students", async () => {
    const activity = await newActivity();
    const input = {
      activityId: activity.id,
      fileName: "sinif.jpg",
      contentType: "image/jpeg" as const,
      size: 100,
      identifiableStudents: true,
    };

    const missing = await failure(as(teacherA, () => Evidence.presign(input)));
    const confirmed = await as(teacherA, () =>
      Evidence.presign({ ...input, consent: { confirmed: true, note: "İzin formları okulda" } }),
    );

    expect(missing.code).toBe("consent_required");
    expect(confirmed.evidence.consent).toMatchObject({ confirmedBy: teacherA.userId, note: "İzin formları okulda" });
  });

  it("refuses new evidence once the activity is submitted", async () => {
    const activity = await newActivity();
    await as(teacherA, () => Activity.transition({ id: activity.id, action: "submit" }));

    const error = await failure(
      as(teacherA, () =>
        Evidence.presign({ activityId: activity.id, fileName: "a.pdf", contentType: "application/pdf", size: 10 }),
      ),
    );

    expect(error.code).toBe("not_editable");
  });

  it("gives a teacher of another school nothing: presign, list, read and download are all 404", async () => {
    const activity = await newActivity();
    const { evidence } = await upload(activity.id, await photoWithGps());
    await system(() => EvidenceSystem.verify(bucket(), `uploads/${schoolA}/${activity.id}/${evidence.id}`));

    const errors = await Promise.all([
      failure(
        as(teacherB, () =>
          Evidence.presign({ activityId: activity.id, fileName: "x.pdf", contentType: "application/pdf", size: 10 }),
        ),
      ),
      failure(as(teacherB, () => Evidence.list({ activityId: activity.id }))),
      failure(as(teacherB, () => Evidence.get(evidence.id))),
      failure(as(teacherB, () => Evidence.download(evidence.id))),
    ]);

    expect(errors.map((e) => e.kind)).toEqual(["not_found", "not_found", "not_found", "not_found"]);
  });
});

describe("evidence verification", () => {
  it("strips EXIF/GPS from a photo, makes a thumbnail and marks it ready; a download is logged", async () => {
    const activity = await newActivity();
    const original = await photoWithGps();
    expect(original.includes(gpsTag)).toBe(true);
    const { evidence, key } = await upload(activity.id, original);

    const outcome = await system(() => EvidenceSystem.verify(bucket(), key));

    const ready = await as(teacherA, () => Evidence.get(evidence.id));
    expect(outcome).toBe("ready");
    expect(ready).toMatchObject({ status: "ready", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(ready.thumbnailUrl).toBeTruthy();
    const clean = await stored(`evidence/${schoolA}/${activity.id}/${evidence.id}`);
    const meta = await sharp(clean).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(clean.includes(Buffer.from("TestCam"))).toBe(false);
    const thumb = await sharp(await stored(`thumbnails/${schoolA}/${activity.id}/${evidence.id}`)).metadata();
    expect(thumb).toMatchObject({ format: "webp", width: 320 });
    expect(await exists(key)).toBe(false);

    const link = await as(teacherA, () => Evidence.download(evidence.id));
    const fetched = await fetch(link.url);
    expect(link.expiresIn).toBeLessThanOrEqual(300);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(clean)).toBe(true);
    const log = await as(admin, () => Audit.list({ entity: `evidence:${evidence.id}`, scope: `school:${schoolA}` }));
    expect(log.items.map((e) => e.action)).toContain("evidence.download");
  });

  it("rejects an .exe renamed to .jpg and deletes it", async () => {
    const activity = await newActivity();
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(2000, 7)]);
    const { evidence, key } = await upload(activity.id, exe);

    const outcome = await system(() => EvidenceSystem.verify(bucket(), key));

    const rejected = await as(teacherA, () => Evidence.get(evidence.id));
    expect(outcome).toBe("rejected");
    expect(rejected.status).toBe("rejected");
    expect(rejected.rejectReason).toContain("JPEG değil");
    expect(await exists(key)).toBe(false);
    const download = await failure(as(teacherA, () => Evidence.download(evidence.id)));
    expect(download.code).toBe("not_ready");
  });

  it("rejects a file larger than declared and deletes it", async () => {
    const activity = await newActivity();
    const photo = await photoWithGps();
    const { evidence, key } = await upload(activity.id, photo, "image/jpeg", photo.length - 100);

    await system(() => EvidenceSystem.verify(bucket(), key));

    const rejected = await as(teacherA, () => Evidence.get(evidence.id));
    expect(rejected.status).toBe("rejected");
    expect(rejected.rejectReason).toContain("boyutu");
    expect(await exists(key)).toBe(false);
  });

  it("processes an upload once, whatever the number of events", async () => {
    const activity = await newActivity();
    const { key } = await upload(activity.id, await photoWithGps("blue"));

    const first = await system(() => EvidenceSystem.verify(bucket(), key));
    const second = await system(() => EvidenceSystem.verify(bucket(), key));

    expect([first, second]).toEqual(["ready", "skipped"]);
  });

  it("warns reviewers when the same file is already evidence of another activity", async () => {
    const photo = await photoWithGps("green");
    const first = await newActivity();
    const second = await newActivity();
    const a = await upload(first.id, photo);
    await system(() => EvidenceSystem.verify(bucket(), a.key));
    const b = await upload(second.id, photo);

    await system(() => EvidenceSystem.verify(bucket(), b.key));

    const duplicate = await as(teacherA, () => Evidence.get(b.evidence.id));
    const original = await as(teacherA, () => Evidence.get(a.evidence.id));
    expect(duplicate.duplicateOf).toEqual([first.id]);
    expect(original.duplicateOf).toBeUndefined();
    expect((await as(teacherA, () => Activity.get(second.id))).duplicateEvidence).toBe(true);
  });

  it("lists an activity's evidence with thumbnails for the ready ones", async () => {
    const activity = await newActivity();
    const ready = await upload(activity.id, await photoWithGps("yellow"));
    await system(() => EvidenceSystem.verify(bucket(), ready.key));
    await as(teacherA, () =>
      Evidence.presign({ activityId: activity.id, fileName: "rapor.pdf", contentType: "application/pdf", size: 50 }),
    );

    const page = await as(teacherA, () => Evidence.list({ activityId: activity.id }));

    expect(page.items.map((e) => e.status)).toEqual(["ready", "pending"]);
    expect(page.items[0]?.thumbnailUrl).toBeTruthy();
    expect(page.items[1]?.thumbnailUrl).toBeUndefined();
  });

  it("logs one audit event per list or read that hands out thumbnail links, naming the evidence", async () => {
    const activity = await newActivity();
    const ready = await upload(activity.id, await photoWithGps("purple"));
    await system(() => EvidenceSystem.verify(bucket(), ready.key));
    await as(teacherA, () =>
      Evidence.presign({ activityId: activity.id, fileName: "rapor.pdf", contentType: "application/pdf", size: 50 }),
    );

    await as(teacherA, () => Evidence.list({ activityId: activity.id }));
    await as(teacherA, () => Evidence.get(ready.evidence.id));

    const log = await as(admin, () => Audit.list({ entity: `activity:${activity.id}`, scope: `school:${schoolA}` }));
    const thumbnails = log.items.filter((e) => e.action === "evidence.thumbnails");
    expect(thumbnails).toHaveLength(2);
    for (const event of thumbnails) {
      expect(event).toMatchObject({ actor: { id: teacherA.userId }, data: { evidenceIds: [ready.evidence.id] } });
    }
  });

  it("sweeps uploads that never arrived", async () => {
    const activity = await newActivity();
    const restore = useClock({ now: () => new Date(Date.now() - 2 * 86_400_000) });
    const { evidence } = await as(teacherA, () =>
      Evidence.presign({ activityId: activity.id, fileName: "kayıp.pdf", contentType: "application/pdf", size: 10 }),
    );
    restore();

    const swept = await system(() => EvidenceSystem.sweep());

    expect(swept.swept).toBeGreaterThanOrEqual(1);
    expect((await as(teacherA, () => Evidence.get(evidence.id))).status).toBe("rejected");
  });
});

describe("HEIC metadata", () => {
  /** A minimal HEIF: ftyp, meta (iinf: image item 1 + Exif item 2; iloc → mdat), mdat. */
  function heicWithExif(): { file: Buffer; exifAt: number; exif: Buffer; image: Buffer } {
    const box = (type: string, ...parts: Buffer[]) => {
      const body = Buffer.concat(parts);
      const header = Buffer.alloc(8);
      header.writeUInt32BE(body.length + 8);
      header.write(type, 4, "latin1");
      return Buffer.concat([header, body]);
    };
    const full = (type: string, version: number, ...parts: Buffer[]) =>
      box(type, Buffer.from([version, 0, 0, 0]), ...parts);
    const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const infe = (id: number, type: string) =>
      full("infe", 2, u16(id), u16(0), Buffer.from(type, "latin1"), Buffer.from([0]));
    const image = Buffer.from("fake-hevc-image-data");
    const exif = Buffer.concat([u32(0), Buffer.from("Exif\0\0MM\0*GPSLatitude=39.64", "latin1")]);
    const ftyp = box("ftyp", Buffer.from("heic", "latin1"), u32(0), Buffer.from("mif1heic", "latin1"));
    const build = (imageAt: number, exifAt: number) =>
      full(
        "meta",
        0,
        full("hdlr", 0, u32(0), Buffer.from("pict", "latin1"), Buffer.alloc(12), Buffer.from([0])),
        full("iinf", 0, u16(2), infe(1, "hvc1"), infe(2, "Exif")),
        full(
          "iloc",
          0,
          Buffer.from([0x44, 0x00]),
          u16(2),
          ...[
            [1, imageAt, image.length],
            [2, exifAt, exif.length],
          ].map(([id, offset, length]) => Buffer.concat([u16(id!), u16(0), u16(1), u32(offset!), u32(length!)])),
        ),
      );
    const metaLength = build(0, 0).length;
    const mdatStart = ftyp.length + metaLength + 8;
    const meta = build(mdatStart, mdatStart + image.length);
    const file = Buffer.concat([ftyp, meta, box("mdat", image, exif)]);
    return { file, exifAt: mdatStart + image.length, exif, image };
  }

  it("blanks the Exif item of a HEIC file and leaves the image data alone", () => {
    const { file, exifAt, exif, image } = heicWithExif();
    expect(file.includes(Buffer.from("GPSLatitude"))).toBe(true);

    const clean = stripHeifMetadata(file);

    expect(clean.length).toBe(file.length);
    expect(clean.includes(Buffer.from("GPSLatitude"))).toBe(false);
    expect(clean.subarray(exifAt, exifAt + exif.length).every((b) => b === 0)).toBe(true);
    expect(clean.includes(image)).toBe(true);
  });
});
