/**
 * Meetings of a partnership (programme text: "çevrim içi ya da yüz yüze toplantılar"): online or
 * in person, an Istanbul date-time, participants from either member school, agenda, minutes,
 * decisions and attached files (the evidence upload pipeline, files owned by the meeting).
 * Coordinators write; everyone who may read the partnership reads.
 */
import * as z from "zod";
import { assert, can } from "../access";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, remove, TransactionCanceled, transact, update } from "../db";
import { type Attached, downloadAttached, listAttached, presignAttached } from "../evidence/attach";
import { contentTypes } from "../evidence/types";
import { load as loadAccount } from "../identity/account";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema } from "../util/id";
import { entities, type MeetingRow } from "./entities";
import { Id } from "./fields";
import { readable } from "./partnership";
import { coordinatedSchool, resourceOf, type Stored } from "./store";

export const MeetingId = idSchema("meeting");
const EvidenceId = idSchema("evidence");

const Text = (max: number) => z.string().trim().min(1).max(max);
/** The day exists in the calendar (no 30 February). Runs on any string: zod runs every check. */
function realDay(value: string): boolean {
  const day = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value.slice(0, 10);
}

/** Istanbul wall-clock date-time, minutes precision. */
const LocalDateTime = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, {
    message: "Tarih ve saat YYYY-AA-GGTSS:DD biçiminde olmalı.",
  })
  .refine(realDay, { message: "Geçersiz tarih." });

export const Participant = z.object({ userId: z.string(), name: z.string(), school: z.string() });

/** A file attached to a meeting or material. */
export const File = z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    kind: z.enum(["photo", "document", "video"]),
    size: z.number().int(),
    status: z.enum(["pending", "ready", "rejected"]),
    rejectReason: z.string().optional(),
    identifiableStudents: z.boolean(),
    uploadedByName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "PartnershipFile" });

export const Info = z
  .object({
    id: MeetingId,
    partnershipId: z.string(),
    year: z.string(),
    mode: z.enum(["online", "in_person"]),
    title: z.string(),
    startsAt: z.string(),
    place: z.string().optional(),
    participants: z.array(Participant),
    agenda: z.string().optional(),
    minutes: z.string().optional(),
    decisions: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    rev: z.number().int(),
    files: z.array(File).optional(),
    /** What the caller may do on the meeting (edit, delete, attach files). */
    may: z.object({ edit: z.boolean() }),
  })
  .meta({ id: "PartnershipMeeting" });
export type Info = z.infer<typeof Info>;

const Fields = z.object({
  mode: z.enum(["online", "in_person"]),
  title: Text(200),
  /** Istanbul time, e.g. `2026-10-14T15:30`. */
  startsAt: LocalDateTime,
  /** The address (in person) or the link / platform (online). */
  place: z.string().trim().max(500).optional(),
  /** User ids of people of either member school. */
  participants: z.array(idSchema("user")).max(100).default([]),
  agenda: z.string().trim().max(8000).optional(),
  minutes: z.string().trim().max(20000).optional(),
  decisions: z.array(Text(2000)).max(50).default([]),
});

export const CreateInput = Fields.extend({ id: Id });
export const UpdateInput = Fields.extend({ id: Id, meetingId: MeetingId, rev: z.number().int().min(1) });
export const RefInput = z.object({ id: Id, meetingId: MeetingId });
export const ListInput = z.object({
  id: Id,
  year: z
    .string()
    .regex(/^\d{4}-\d{4}$/)
    .optional(),
});

/** The school year of an Istanbul wall-clock date-time (a school year starts in September). */
function yearOf(startsAt: string): string {
  const year = Number(startsAt.slice(0, 4));
  const start = Number(startsAt.slice(5, 7)) >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

function toInfo(p: Stored, row: MeetingRow, files?: Attached[]): Info {
  return {
    id: row.meetingId,
    partnershipId: row.partnershipId,
    year: row.schoolYear,
    mode: row.mode,
    title: row.title,
    startsAt: row.startsAt,
    ...(row.place ? { place: row.place } : {}),
    participants: row.participants as Info["participants"],
    ...(row.agenda ? { agenda: row.agenda } : {}),
    ...(row.minutes ? { minutes: row.minutes } : {}),
    decisions: (row.decisions as string[] | undefined) ?? [],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rev: row.rev,
    ...(files ? { files } : {}),
    may: { edit: can("partnership.meeting.write", resourceOf(p)) },
  };
}

/**
 * The participants as stored: each user id must be an active user holding a role at one of the
 * two member schools; otherwise a 400 naming the entry.
 */
export async function participantsOf(p: Stored, userIds: readonly string[]): Promise<Info["participants"]> {
  const codes = p.schools.map((s) => s.code);
  const unique = [...new Set(userIds)];
  return Promise.all(
    unique.map(async (userId) => {
      const account = await loadAccount(userId);
      const school = account?.assignments.find((a) => a.scopeType === "school" && codes.includes(a.scopeId))?.scopeId;
      if (account?.user.status !== "active" || !school) {
        const message = "Katılımcı, ortaklığın iki okulundan birinin etkin bir kullanıcısı değil.";
        throw new VisibleError("input", "participant_not_member", message, [
          { path: ["participants", userIds.indexOf(userId)], message },
        ]);
      }
      return { userId, name: account.user.name, school };
    }),
  );
}

function auditOf(p: Stored, action: string, data: Record<string, unknown>) {
  return Audit.entry({
    action,
    entity: { type: "partnership", id: p.id },
    scope: { type: "partnership", id: p.id },
    data,
  });
}

const missing = () => new VisibleError("not_found", "not_found", "Toplantı bulunamadı.");
const stale = () =>
  new VisibleError("conflict", "stale", "Toplantı siz düzenlerken değişti; sayfayı yenileyip tekrar deneyin.");

async function loadMeeting(p: Stored, meetingId: string): Promise<MeetingRow> {
  const { data } = await entities().Meeting.get({ partnershipId: p.id, meetingId }).go();
  if (!data) throw missing();
  return data;
}

/** Records a meeting (coordinators). Meeting + audit: one transaction. */
export const create = fn(CreateInput, async ({ id, ...input }): Promise<Info> => {
  const user = useUser();
  const p = await readable(id);
  assert("partnership.meeting.write", resourceOf(p));
  const participants = await participantsOf(p, input.participants);
  const at = now().toISOString();
  const meetingId = createId("meeting");
  const row = {
    partnershipId: id,
    meetingId,
    schoolYear: yearOf(input.startsAt),
    mode: input.mode,
    title: input.title,
    startsAt: input.startsAt,
    ...(input.place ? { place: input.place } : {}),
    participants,
    ...(input.agenda ? { agenda: input.agenda } : {}),
    ...(input.minutes ? { minutes: input.minutes } : {}),
    decisions: input.decisions,
    createdBy: user.userId,
    createdAt: at,
    updatedAt: at,
    rev: 1,
  };
  await transact([
    put(entities().Meeting.create(row)),
    await auditOf(p, "partnership.meeting.create", { meetingId, startsAt: input.startsAt, mode: input.mode }),
  ]);
  return toInfo(p, row as MeetingRow, []);
});

/** Replaces a meeting's fields (coordinators); `rev` guards against lost updates (409). */
export const updateMeeting = fn(UpdateInput, async ({ id, meetingId, rev, ...input }): Promise<Info> => {
  const p = await readable(id);
  assert("partnership.meeting.write", resourceOf(p));
  const existing = await loadMeeting(p, meetingId);
  if (existing.rev !== rev) throw stale();
  const participants = await participantsOf(p, input.participants);
  const at = now().toISOString();
  const set = {
    schoolYear: yearOf(input.startsAt),
    mode: input.mode,
    title: input.title,
    startsAt: input.startsAt,
    participants,
    decisions: input.decisions,
    updatedAt: at,
    rev: rev + 1,
  };
  const cleared = (["place", "agenda", "minutes"] as const).filter((k) => !input[k]);
  try {
    await transact([
      update(
        entities()
          .Meeting.patch({ partnershipId: id, meetingId })
          .set({
            ...set,
            ...(input.place ? { place: input.place } : {}),
            ...(input.agenda ? { agenda: input.agenda } : {}),
            ...(input.minutes ? { minutes: input.minutes } : {}),
          })
          .remove(cleared)
          .where((a, { eq }) => eq(a.rev, rev)),
      ),
      await auditOf(p, "partnership.meeting.update", { meetingId }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) throw stale();
    throw error;
  }
  const row = { ...existing, ...set } as MeetingRow;
  for (const k of ["place", "agenda", "minutes"] as const) {
    if (input[k]) row[k] = input[k];
    else delete row[k];
  }
  return toInfo(p, row, await listAttached(meetingId));
});

/** Deletes a meeting (coordinators). Its files stay as evidence records (the audit trail keeps them). */
export const deleteMeeting = fn(RefInput, async ({ id, meetingId }) => {
  const p = await readable(id);
  assert("partnership.meeting.write", resourceOf(p));
  await loadMeeting(p, meetingId);
  await transact([
    remove(entities().Meeting.delete({ partnershipId: id, meetingId })),
    await auditOf(p, "partnership.meeting.delete", { meetingId }),
  ]);
  return { deleted: true as const };
});

/** One meeting with its files. */
export const get = fn(RefInput, async ({ id, meetingId }): Promise<Info> => {
  const p = await readable(id);
  return toInfo(p, await loadMeeting(p, meetingId), await listAttached(meetingId));
});

/** The partnership's meetings (of a school year, when given), newest first; one Query on `byPartnership`. */
export const list = fn(ListInput, async ({ id, year }): Promise<Info[]> => {
  const p = await readable(id);
  const { data } = await entities().Meeting.query.byPartnership({ partnershipId: id }).go({ pages: "all" });
  return data
    .filter((m) => !year || m.schoolYear === year)
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .map((m) => toInfo(p, m));
});

export const FileInput = RefInput.extend({
  fileName: z
    .string()
    .max(200, { message: "Dosya adı en çok 200 karakter olabilir." })
    .regex(/^[^/\\]*$/, { message: "Dosya adı / ya da \\ içeremez." }),
  contentType: z.enum(contentTypes, {
    message: "Yalnızca JPEG, PNG, WebP, HEIC fotoğraf, PDF belge ve MP4 video yüklenebilir.",
  }),
  size: z.number().int().positive({ message: "Dosya boş olamaz." }),
  identifiableStudents: z.boolean().default(false),
  consent: z.object({ confirmed: z.literal(true), note: z.string().trim().max(500).optional() }).optional(),
});

/** The evidence owner of a partnership record: files sit under the partnership, filed at the uploader's school. */
export function ownerOf(p: Stored, ownerId: string, schoolYear: string) {
  const user = useUser();
  const code =
    coordinatedSchool(p, user.userId) ??
    p.schools.find((s) => user.grants.some((g) => g.scope.type === "school" && g.scope.id === s.code))?.code ??
    p.leadSchool;
  const school = p.schools.find((s) => s.code === code) ?? (p.schools[0] as Stored["schools"][number]);
  return {
    id: ownerId,
    container: p.id,
    school: { code: school.code, district: school.district, province: school.province },
    schoolYear,
    scope: { type: "partnership" as const, id: p.id },
  };
}

/** Starts the upload of a file of the meeting (coordinators): a pending file and a presigned POST. */
export const presignFile = fn(FileInput, async ({ id, meetingId, ...input }) => {
  const p = await readable(id);
  assert("partnership.meeting.write", resourceOf(p));
  const meeting = await loadMeeting(p, meetingId);
  return presignAttached(ownerOf(p, meetingId, meeting.schoolYear), input);
});

export const FileRef = RefInput.extend({ fileId: EvidenceId });

/** A short-lived link to a verified file of the meeting (readers); audited. */
export const downloadFile = fn(FileRef, async ({ id, meetingId, fileId }) => {
  const p = await readable(id);
  await loadMeeting(p, meetingId);
  return downloadAttached({ id: meetingId, scope: { type: "partnership", id: p.id } }, fileId);
});
