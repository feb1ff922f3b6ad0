/**
 * The content rule and the public showcase. Nothing of a partnership is visible outside its two
 * schools until a coordinator confirms that the joint activity carries no political or
 * advertising material and nothing against general morals (and whether identifiable students
 * appear with a recorded publication consent), and a province officer of the posting school's
 * province approves it. Refusals carry a reason. The public feed shows approved posts only:
 * title, date and summary — never people (the posts hold no student names or photos).
 */
import * as z from "zod";
import { assert } from "../access";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, TransactionCanceled, transact, update } from "../db";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { fromCursor, type Page, PageInput } from "../util/page";
import { entities, type PostRow } from "./entities";
import { Id, SchoolYear, WorkId } from "./fields";
import { readable } from "./partnership";
import { load, notFound, resourceOf } from "./store";

export const PostStatus = z.enum(["pending", "approved", "refused"]);

export const PostInfo = z
  .object({
    partnershipId: z.string(),
    workId: z.string(),
    province: z.string(),
    postingSchool: z.string(),
    status: PostStatus,
    title: z.string(),
    summary: z.string().optional(),
    date: z.string(),
    consent: z.boolean(),
    reason: z.string().optional(),
    updatedAt: z.string(),
  })
  .meta({ id: "PartnershipPost" });
export type PostInfo = z.infer<typeof PostInfo>;

function toInfo(row: PostRow): PostInfo {
  return {
    partnershipId: row.partnershipId,
    workId: row.workId,
    province: row.provinceCode,
    postingSchool: row.postingSchool,
    status: row.status,
    title: row.title,
    ...(row.summary ? { summary: row.summary } : {}),
    date: row.date,
    consent: row.consent,
    ...(row.reason ? { reason: row.reason } : {}),
    updatedAt: row.updatedAt,
  };
}

export const ConfirmInput = z.object({
  id: Id,
  year: SchoolYear,
  workId: WorkId,
  /** The coordinator's statement that the content rule holds (must be true). */
  contentRule: z.literal(true, { message: "İçerik kuralının sağlandığı onaylanmalı." }),
  /** Identifiable students appear, and their publication consent is recorded. */
  consent: z.boolean(),
  summary: z.string().trim().max(1000).optional(),
});

function auditOf(id: string, action: string, data: Record<string, unknown>) {
  return Audit.entry({ action, entity: { type: "partnership", id }, scope: { type: "partnership", id }, data });
}

/** A coordinator offers a joint activity for the showcase: it enters the posting province's queue. */
export const confirm = fn(ConfirmInput, async ({ id, year, workId, consent, summary }): Promise<PostInfo> => {
  const user = useUser();
  const p = await readable(id);
  assert("partnership.content.confirm", resourceOf(p));
  const { data: work } = await entities().Work.get({ partnershipId: id, schoolYear: year, workId }).go();
  if (!work) throw new VisibleError("not_found", "not_found", "Ortak etkinlik bulunamadı.");
  const school = p.schools.find((s) => s.code === work.postingSchool) ?? p.schools[0]!;
  const at = now().toISOString();
  const row = {
    partnershipId: id,
    workId,
    provinceCode: school.province,
    districtId: school.district,
    postingSchool: school.code,
    status: "pending" as const,
    title: work.title,
    ...(summary ? { summary } : {}),
    date: work.date,
    consent,
    confirmedBy: user.userId,
    updatedAt: at,
  };
  try {
    await transact([
      put(entities().Post.create(row)),
      await auditOf(id, "partnership.content.confirm", { workId, consent }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled) {
      throw new VisibleError("conflict", "already_offered", "Bu etkinlik zaten onaya gönderilmiş.");
    }
    throw error;
  }
  return toInfo(row as PostRow);
});

export const ModerateInput = z
  .object({
    id: Id,
    workId: WorkId,
    decision: z.enum(["approve", "refuse"]),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((d) => d.decision === "approve" || !!d.reason, {
    message: "Ret için bir gerekçe yazılmalı.",
    path: ["reason"],
  });

/** A province officer of the posting school's province approves or refuses (with a reason) a pending post. */
export const moderate = fn(ModerateInput, async ({ id, workId, decision, reason }): Promise<PostInfo> => {
  const user = useUser();
  const { data: post } = await entities().Post.get({ partnershipId: id, workId }).go();
  if (!post) throw notFound();
  assert(
    "partnership.content.moderate",
    { place: { province: post.provinceCode, district: post.districtId, school: post.postingSchool } },
    { hide: true },
  );
  if (post.status !== "pending") {
    throw new VisibleError("conflict", "already_decided", "Bu içerik hakkında karar verilmiş.");
  }
  const status = decision === "approve" ? ("approved" as const) : ("refused" as const);
  const at = now().toISOString();
  await transact([
    update(
      entities()
        .Post.patch({ partnershipId: id, workId })
        .set({ status, decidedBy: user.userId, updatedAt: at, ...(reason ? { reason } : {}) })
        .composite({ provinceCode: post.provinceCode, date: post.date })
        .where((a, { eq }) => eq(a.status, "pending")),
    ),
    await auditOf(id, `partnership.content.${decision}`, { workId, ...(reason ? { reason } : {}) }),
  ]);
  return toInfo({ ...post, status, updatedAt: at, ...(reason ? { reason } : {}) });
});

export const QueueInput = PageInput.extend({
  province: z.string().regex(/^(0[1-9]|[1-7]\d|8[01])$/),
  status: PostStatus.default("pending"),
});

/** The moderation queue of a province (posts of its schools), oldest first. */
export const queue = fn(QueueInput, async ({ province, status, limit, cursor }): Promise<Page<PostInfo>> => {
  assert("partnership.content.moderate", { place: { province } });
  const res = await fromCursor(cursor, (c) =>
    entities().Post.query.queue({ provinceCode: province, status }).go({ limit, cursor: c }),
  );
  return { items: res.data.map(toInfo), cursor: res.cursor };
});

export const Feed = z
  .object({
    partnership: z.object({
      id: z.string(),
      startYear: z.string(),
      schools: z.array(z.object({ name: z.string(), province: z.string() })),
    }),
    items: z.array(z.object({ title: z.string(), date: z.string(), summary: z.string().optional() })),
  })
  .meta({ id: "PartnershipFeed" });
export type Feed = z.infer<typeof Feed>;

/** The public showcase of a partnership: approved posts only, newest first, no people. No sign-in. */
export const feed = fn(Id, async (id): Promise<Feed> => {
  const p = await load(id);
  if (!p) throw notFound();
  const { data } = await entities()
    .Post.query.feed({ partnershipId: id, status: "approved" })
    .go({ order: "desc", limit: 50 });
  return {
    partnership: {
      id: p.id,
      startYear: p.startYear,
      schools: p.schools.map((s) => ({ name: s.name, province: s.province })),
    },
    items: data.map((row) => ({ title: row.title, date: row.date, ...(row.summary ? { summary: row.summary } : {}) })),
  };
});

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The feed as a self-contained HTML fragment for a school's website (iframe or copy-paste). */
export function snippet(f: Feed): string {
  const names = f.partnership.schools.map((s) => escapeHtml(s.name)).join(" – ");
  const items = f.items
    .map(
      (i) =>
        `<li><strong>${escapeHtml(i.title)}</strong> <time datetime="${escapeHtml(i.date)}">${escapeHtml(i.date.split("-").reverse().join("."))}</time>${i.summary ? `<p>${escapeHtml(i.summary)}</p>` : ""}</li>`,
    )
    .join("");
  return `<!doctype html><html lang="tr"><meta charset="utf-8"><title>Okul Ortaklığı: ${names}</title><section class="bigep-ortaklik"><h2>Okul Ortaklığı Programı: ${names}</h2><ul>${items || "<li>Henüz paylaşılan çalışma yok.</li>"}</ul></section></html>`;
}
