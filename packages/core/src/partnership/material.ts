/**
 * The pair's shared library (programme text: "materyal paylaşımı", "ortak soru ve materyal
 * havuzu"): exam questions, lesson plans, worksheets and video lessons with subject, grade and
 * type, a file (the evidence upload pipeline, owned by the material) or a link. People of both
 * schools add them and read them; the author or a coordinator removes one.
 */
import * as z from "zod";
import { assert, can } from "../access";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, remove, transact } from "../db";
import { downloadAttached, listAttached, presignAttached } from "../evidence/attach";
import { now } from "../util/clock";
import { schoolYearOf } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema, KeySafe } from "../util/id";
import { entities, type MaterialRow } from "./entities";
import { Id, MaterialKind as Kind } from "./fields";
import { File, FileInput as MeetingFileInput, ownerOf } from "./meeting";
import { readable } from "./partnership";
import { resourceOf, type Stored } from "./store";

export const MaterialId = idSchema("material");
/** The kinds and their Turkish names live with the programme's fixed lists (browser-safe). */
export { MaterialKind as Kind, materialKindLabels as kindLabels } from "./fields";

export const Info = z
  .object({
    id: MaterialId,
    partnershipId: z.string(),
    title: z.string(),
    description: z.string().optional(),
    subject: z.string(),
    grade: z.number().int(),
    kind: Kind,
    link: z.string().optional(),
    ownerName: z.string(),
    school: z.string(),
    createdAt: z.string(),
    files: z.array(File).optional(),
    /** What the caller may do (delete; attach files: the author only). */
    may: z.object({ delete: z.boolean(), attach: z.boolean() }),
  })
  .meta({ id: "PartnershipMaterial" });
export type Info = z.infer<typeof Info>;

export const CreateInput = z.object({
  id: Id,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).optional(),
  subject: z.string().trim().min(1).max(80).pipe(KeySafe),
  /** High school grades (the programme covers lises). */
  grade: z.number().int().min(9).max(12),
  kind: Kind,
  /** A video lesson or document elsewhere (https only). */
  link: z
    .url({ protocol: /^https$/, message: "Bağlantı https:// ile başlamalı." })
    .max(500)
    .optional(),
});
export const RefInput = z.object({ id: Id, materialId: MaterialId });
export const ListInput = z.object({
  id: Id,
  subject: z.string().max(80).optional(),
  grade: z.number().int().min(9).max(12).optional(),
  kind: Kind.optional(),
});

function rights(p: Stored, row: Pick<MaterialRow, "ownerId">) {
  const resource = { ...resourceOf(p), ownerId: row.ownerId };
  return {
    delete: can("partnership.material.delete", resource),
    attach: can("partnership.material.write", resource) && row.ownerId === useUser().userId,
  };
}

function toInfo(p: Stored, row: MaterialRow, files?: z.infer<typeof File>[]): Info {
  return {
    id: row.materialId,
    partnershipId: row.partnershipId,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    subject: row.subject,
    grade: row.grade,
    kind: row.kind as Info["kind"],
    ...(row.link ? { link: row.link } : {}),
    ownerName: row.ownerName,
    school: row.school,
    createdAt: row.createdAt,
    ...(files ? { files } : {}),
    may: rights(p, row),
  };
}

function auditOf(p: Stored, action: string, data: Record<string, unknown>) {
  return Audit.entry({
    action,
    entity: { type: "partnership", id: p.id },
    scope: { type: "partnership", id: p.id },
    data,
  });
}

const missing = () => new VisibleError("not_found", "not_found", "Materyal bulunamadı.");

async function loadMaterial(p: Stored, materialId: string): Promise<MaterialRow> {
  const { data } = await entities().Material.get({ partnershipId: p.id, materialId }).go();
  if (!data) throw missing();
  return data;
}

/** Adds a material to the shared library (people of either school). Material + audit: one transaction. */
export const create = fn(CreateInput, async ({ id, ...input }): Promise<Info> => {
  const user = useUser();
  const p = await readable(id);
  assert("partnership.material.write", resourceOf(p));
  const materialId = createId("material");
  const row = {
    partnershipId: id,
    materialId,
    ...input,
    ownerId: user.userId,
    ownerName: user.name,
    school: ownerOf(p, materialId, "-").school.code,
    createdAt: now().toISOString(),
  };
  await transact([
    put(entities().Material.create(row)),
    await auditOf(p, "partnership.material.create", { materialId, kind: input.kind, subject: input.subject }),
  ]);
  return toInfo(p, row as MaterialRow, []);
});

/** The shared library, newest first, filtered by subject / grade / type; one Query on `byPartnership`. */
export const list = fn(ListInput, async ({ id, subject, grade, kind }): Promise<Info[]> => {
  const p = await readable(id);
  const { data } = await entities().Material.query.byPartnership({ partnershipId: id }).go({ pages: "all" });
  return data
    .filter((m) => (!subject || m.subject === subject) && (!grade || m.grade === grade) && (!kind || m.kind === kind))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((m) => toInfo(p, m));
});

/** One material with its files. */
export const get = fn(RefInput, async ({ id, materialId }): Promise<Info> => {
  const p = await readable(id);
  return toInfo(p, await loadMaterial(p, materialId), await listAttached(materialId));
});

/** Removes a material (its author, or a coordinator). */
export const deleteMaterial = fn(RefInput, async ({ id, materialId }) => {
  const p = await readable(id);
  const row = await loadMaterial(p, materialId);
  assert("partnership.material.delete", { ...resourceOf(p), ownerId: row.ownerId });
  await transact([
    remove(entities().Material.delete({ partnershipId: id, materialId })),
    await auditOf(p, "partnership.material.delete", { materialId }),
  ]);
  return { deleted: true as const };
});

export const FileInput = MeetingFileInput.omit({ meetingId: true }).extend({ materialId: MaterialId });

/** Starts the upload of the material's file (its author). */
export const presignFile = fn(FileInput, async ({ id, materialId, ...input }) => {
  const p = await readable(id);
  const row = await loadMaterial(p, materialId);
  assert("partnership.material.write", { ...resourceOf(p), ownerId: row.ownerId });
  if (row.ownerId !== useUser().userId) {
    throw new VisibleError("forbidden", "not_owner", "Materyale yalnızca ekleyen kişi dosya yükleyebilir.");
  }
  return presignAttached(ownerOf(p, materialId, schoolYearOf(new Date(row.createdAt))), input);
});

export const FileRef = RefInput.extend({ fileId: idSchema("evidence") });

/** A short-lived link to a verified file of the material; audited. */
export const downloadFile = fn(FileRef, async ({ id, materialId, fileId }) => {
  const p = await readable(id);
  await loadMaterial(p, materialId);
  return downloadAttached({ id: materialId, scope: { type: "partnership", id: p.id } }, fileId);
});
