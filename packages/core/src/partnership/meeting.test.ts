/**
 * Meetings and the shared materials library of a partnership: coordinators record meetings with
 * participants of either member school; files go through the evidence pipeline and sit under the
 * partnership; people of a third school see nothing (404).
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { as, failure, type Person, person, system } from "../../../../test/helpers/people";
import { verify } from "../evidence/system";
import { seedDemo } from "../org";
import { bucket, s3 } from "../storage/system";
import { Material, Meeting, Partnership } from ".";

const year = "2026-2027";
const fenBalikesir = "710204";
const fenTrabzon = "716101";
const anadoluBalikesir = "710104";

const school = (id: string) => ({ type: "school" as const, id });

let coordA: Person;
let coordB: Person;
let teacherA: Person;
let teacherB: Person;
let thirdTeacher: Person;
let officer61: Person;
let officer35: Person;
let pairId: string;

beforeAll(async () => {
  await seedDemo();
  const ogm = await person("OGM Görevlisi", [{ role: "ministry_officer", scope: { type: "national", id: "" } }]);
  coordA = await person("Ayşe Koordinatör", [{ role: "teacher", scope: school(fenBalikesir) }]);
  coordB = await person("Burak Koordinatör", [{ role: "teacher", scope: school(fenTrabzon) }]);
  teacherA = await person("Deniz Öğretmen", [{ role: "teacher", scope: school(fenBalikesir) }]);
  teacherB = await person("Şule Öğretmen", [{ role: "teacher", scope: school(fenTrabzon) }]);
  thirdTeacher = await person("Üçüncü Öğretmen", [{ role: "teacher", scope: school(anadoluBalikesir) }]);
  officer61 = await person("Trabzon İl", [{ role: "province_officer", scope: { type: "province", id: "61" } }]);
  officer35 = await person("İzmir İl", [{ role: "province_officer", scope: { type: "province", id: "35" } }]);
  const pair = await as(ogm, () =>
    Partnership.create({
      schools: [fenBalikesir, fenTrabzon],
      leadSchool: fenBalikesir,
      startYear: year,
      coordinators: { [fenBalikesir]: coordA.userId, [fenTrabzon]: coordB.userId },
    }),
  );
  pairId = pair.id;
});

const meetingInput = (participants: string[]) => ({
  id: pairId,
  mode: "online" as const,
  title: "Ortak zümre toplantısı",
  startsAt: "2026-09-15T15:30",
  place: "Çevrim içi toplantı odası",
  participants,
  agenda: "Ortak sınav takvimi; soru havuzu",
  decisions: ["Ekim ayında ilk ortak deneme yapılacak."],
});

describe("partnership meetings", () => {
  it("a coordinator records a meeting with people of both schools; both schools and the provinces read it", async () => {
    const meeting = await as(coordA, () =>
      Meeting.create(meetingInput([teacherA.userId, teacherB.userId, teacherA.userId])),
    );
    // Prepare → Act → Assess: duplicates collapse, each participant filed at their own school.
    expect(meeting).toMatchObject({ mode: "online", startsAt: "2026-09-15T15:30", year, rev: 1, files: [] });
    expect(meeting.participants).toEqual([
      { userId: teacherA.userId, name: "Deniz Öğretmen", school: fenBalikesir },
      { userId: teacherB.userId, name: "Şule Öğretmen", school: fenTrabzon },
    ]);
    expect(meeting.may.edit).toBe(true);
    for (const reader of [teacherB, officer61, coordB]) {
      const list = await as(reader, () => Meeting.list({ id: pairId }));
      expect(list.map((m) => m.id)).toContain(meeting.id);
    }
    expect((await as(teacherB, () => Meeting.get({ id: pairId, meetingId: meeting.id }))).may.edit).toBe(false);
  });

  it("refuses a participant from a third school with a 400 in Turkish", async () => {
    const error = await failure(as(coordA, () => Meeting.create(meetingInput([teacherA.userId, thirdTeacher.userId]))));
    expect(error.kind).toBe("input");
    expect(error.message).toBe("Katılımcı, ortaklığın iki okulundan birinin etkin bir kullanıcısı değil.");
    expect(JSON.stringify(error.details)).toContain('"participants",1');
  });

  it("hides the meetings from a teacher of a third school and an officer of another province (404)", async () => {
    const meeting = await as(coordB, () => Meeting.create(meetingInput([teacherB.userId])));
    for (const outsider of [thirdTeacher, officer35]) {
      expect((await failure(as(outsider, () => Meeting.list({ id: pairId })))).kind).toBe("not_found");
      expect((await failure(as(outsider, () => Meeting.get({ id: pairId, meetingId: meeting.id })))).kind).toBe(
        "not_found",
      );
    }
  });

  it("lets only coordinators write; updates are guarded by rev; year filter and order", async () => {
    const meeting = await as(coordA, () => Meeting.create({ ...meetingInput([]), startsAt: "2027-03-02T10:00" }));
    expect(meeting.year).toBe(year);
    expect((await failure(as(teacherA, () => Meeting.create(meetingInput([]))))).kind).toBe("forbidden");
    const updated = await as(coordB, () =>
      Meeting.updateMeeting({
        ...meetingInput([teacherB.userId]),
        meetingId: meeting.id,
        rev: 1,
        mode: "in_person",
        place: undefined,
        minutes: "Tutanak: iki okul bir araya geldi.",
      }),
    );
    expect(updated).toMatchObject({ rev: 2, mode: "in_person", minutes: "Tutanak: iki okul bir araya geldi." });
    expect(updated.place).toBeUndefined();
    const stale = await failure(
      as(coordA, () => Meeting.updateMeeting({ ...meetingInput([]), meetingId: meeting.id, rev: 1 })),
    );
    expect(stale.kind).toBe("conflict");
    const list = await as(teacherA, () => Meeting.list({ id: pairId, year }));
    const dates = list.map((m) => m.startsAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await as(teacherA, () => Meeting.list({ id: pairId, year: "2027-2028" }))).toEqual([]);
    expect((await failure(as(teacherA, () => Meeting.deleteMeeting({ id: pairId, meetingId: meeting.id })))).kind).toBe(
      "forbidden",
    );
    await as(coordA, () => Meeting.deleteMeeting({ id: pairId, meetingId: meeting.id }));
    expect((await failure(as(teacherA, () => Meeting.get({ id: pairId, meetingId: meeting.id })))).kind).toBe(
      "not_found",
    );
  });

  it("attaches a file through the evidence pipeline, stored under the partnership; readers download it", async () => {
    const meeting = await as(coordA, () => Meeting.create(meetingInput([])));
    const bytes = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c00" } })
      .png()
      .toBuffer();
    const { file, upload } = await as(coordA, () =>
      Meeting.presignFile({
        id: pairId,
        meetingId: meeting.id,
        fileName: "toplantı fotoğrafı.png",
        contentType: "image/png",
        size: bytes.length,
      }),
    );
    const key = upload.fields.key as string;
    expect(key).toBe(`uploads/${pairId}/${meeting.id}/${file.id}`);
    expect(file.status).toBe("pending");
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: bytes, ContentType: "image/png" }));
    expect(await system(() => verify(bucket(), key))).toBe("ready");
    const read = await as(teacherB, () => Meeting.get({ id: pairId, meetingId: meeting.id }));
    expect(read.files).toEqual([
      expect.objectContaining({ id: file.id, status: "ready", fileName: "toplantı fotoğrafı.png" }),
    ]);
    const link = await as(teacherB, () => Meeting.downloadFile({ id: pairId, meetingId: meeting.id, fileId: file.id }));
    expect(link.url).toContain(`evidence/${pairId}/${meeting.id}/${file.id}`);
    expect(
      (
        await failure(
          as(thirdTeacher, () => Meeting.downloadFile({ id: pairId, meetingId: meeting.id, fileId: file.id })),
        )
      ).kind,
    ).toBe("not_found");
    expect(
      (
        await failure(
          as(teacherA, () =>
            Meeting.presignFile({
              id: pairId,
              meetingId: meeting.id,
              fileName: "x.pdf",
              contentType: "application/pdf",
              size: 9,
            }),
          ),
        )
      ).kind,
    ).toBe("forbidden");
  });
});

describe("partnership materials", () => {
  it("teachers of both schools share and read materials; a third school sees nothing; author or coordinator removes", async () => {
    const material = await as(teacherA, () =>
      Material.create({
        id: pairId,
        title: "Türev konu tarama testi",
        subject: "Matematik",
        grade: 11,
        kind: "exam_questions",
        link: "https://example.org/turev.pdf",
      }),
    );
    expect(material).toMatchObject({
      school: fenBalikesir,
      ownerName: "Deniz Öğretmen",
      may: { delete: true, attach: true },
    });
    await as(teacherB, () =>
      Material.create({ id: pairId, title: "Kimya çalışma yaprağı", subject: "Kimya", grade: 10, kind: "worksheet" }),
    );
    const all = await as(teacherB, () => Material.list({ id: pairId }));
    expect(all.map((m) => m.title).sort((a, b) => a.localeCompare(b, "tr"))).toEqual([
      "Kimya çalışma yaprağı",
      "Türev konu tarama testi",
    ]);
    expect((await as(teacherB, () => Material.list({ id: pairId, grade: 11 }))).map((m) => m.id)).toEqual([
      material.id,
    ]);
    expect((await failure(as(thirdTeacher, () => Material.list({ id: pairId })))).kind).toBe("not_found");
    expect(
      (await failure(as(teacherB, () => Material.deleteMaterial({ id: pairId, materialId: material.id })))).kind,
    ).toBe("forbidden");
    expect(
      (
        await failure(
          as(teacherB, () =>
            Material.presignFile({
              id: pairId,
              materialId: material.id,
              fileName: "a.pdf",
              contentType: "application/pdf",
              size: 9,
            }),
          ),
        )
      ).kind,
    ).toBe("forbidden");
    await as(coordB, () => Material.deleteMaterial({ id: pairId, materialId: material.id }));
    expect((await as(teacherA, () => Material.list({ id: pairId }))).map((m) => m.title)).toEqual([
      "Kimya çalışma yaprağı",
    ]);
  });
});
