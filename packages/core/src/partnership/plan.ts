/**
 * The joint action plan of a school year: items under the programme's topic headings with
 * indicators (name, unit, baseline, target, owning school), edited by the coordinators, agreed
 * by both, then up the chain (chain.ts). A submitted version never changes: an amendment is a
 * new version that starts as a copy, and every earlier version stays readable.
 */
import * as z from "zod";
import { assert } from "../access";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, TransactionCanceled, transact, update } from "../db";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId } from "../util/id";
import { attainment, type PlanAttainment } from "./attainment";
import { ChainAction, type ChainState, step } from "./chain";
import { entities, type PlanRow } from "./entities";
import { ChainStatus, Id, PlanItem, SchoolYear, type StoredItem } from "./fields";
import { readable } from "./partnership";
import { resourceOf, type Stored } from "./store";
import { actualPoints } from "./work";

export const Version = z.coerce.number().int().min(1).max(999);

export const Info = z
  .object({
    partnershipId: z.string(),
    year: SchoolYear,
    version: z.number().int(),
    status: ChainStatus,
    items: z.array(z.any()),
    agreements: z.record(z.string(), z.object({ userId: z.string(), name: z.string(), at: z.string() })),
    receipts: z.record(z.string(), z.string()),
    returnReason: z.string().optional(),
    origin: z.string().optional(),
    /** Optimistic-locking revision of this version; the HTTP ETag. */
    rev: z.number().int(),
    updatedAt: z.string(),
    /** Number of versions of the year's plan. */
    versions: z.number().int(),
    attainment: z.any().optional(),
  })
  .meta({ id: "PartnershipPlan" });
export type Info = Omit<z.infer<typeof Info>, "items" | "attainment"> & {
  items: StoredItem[];
  attainment?: PlanAttainment;
};

const pad = (v: number) => String(v).padStart(4, "0");

export function toInfo(row: PlanRow, versions: number): Info {
  return {
    partnershipId: row.partnershipId,
    year: row.schoolYear,
    version: Number(row.planVersion),
    status: row.status as ChainStatus,
    items: row.items as StoredItem[],
    agreements: (row.agreements as ChainState["agreements"] | undefined) ?? {},
    receipts: (row.receipts as ChainState["receipts"] | undefined) ?? {},
    ...(row.returnReason ? { returnReason: row.returnReason } : {}),
    ...(row.origin ? { origin: row.origin } : {}),
    rev: row.rev,
    updatedAt: row.updatedAt,
    versions,
  };
}

/** All versions of a year's plan, oldest first (a handful at most); no access check. */
export async function versionsOf(partnershipId: string, year: string): Promise<PlanRow[]> {
  const { data } = await entities().Plan.query.byYear({ partnershipId, schoolYear: year }).go({ pages: "all" });
  return data;
}

/** The current (newest) version, or undefined; no access check. */
export async function current(partnershipId: string, year: string): Promise<Info | undefined> {
  const rows = await versionsOf(partnershipId, year);
  const last = rows.at(-1);
  return last ? toInfo(last, rows.length) : undefined;
}

const noPlan = () => new VisibleError("not_found", "not_found", "Bu yıl için eylem planı yok.");

export const GetInput = z.object({ id: Id, year: SchoolYear, version: Version.optional() });

/** A year's plan (the current version, or `version`), with live attainment. */
export const get = fn(GetInput, async ({ id, year, version }): Promise<Info> => {
  await readable(id);
  const rows = await versionsOf(id, year);
  const row = version ? rows.find((r) => Number(r.planVersion) === version) : rows.at(-1);
  if (!row) throw noPlan();
  const info = toInfo(row, rows.length);
  return { ...info, attainment: attainment(info.items, await actualPoints(id, year)) };
});

/** Item ids and indicator ids assigned, schools and zümre checked against the partnership. */
function normalise(p: Stored, items: z.output<typeof PlanItem>[]): StoredItem[] {
  const members = p.schools.map((s) => s.code);
  const subjects = p.zumres.map((z) => z.subject);
  const issues: { path: (string | number)[]; message: string }[] = [];
  items.forEach((item, i) => {
    item.schools.forEach((s, j) => {
      if (!members.includes(s)) issues.push({ path: ["items", i, "schools", j], message: "Ortaklığın okulu değil." });
    });
    item.indicators.forEach((ind, j) => {
      if (!members.includes(ind.owner)) {
        issues.push({ path: ["items", i, "indicators", j, "owner"], message: "Ortaklığın okulu değil." });
      }
    });
    if (item.zumre && !subjects.includes(item.zumre)) {
      issues.push({ path: ["items", i, "zumre"], message: "Ortaklığın ortak zümrelerinden biri değil." });
    }
  });
  if (issues.length) throw new VisibleError("input", "invalid_plan", "Eylem planında hatalı alanlar var.", issues);
  return items.map((item) => ({
    ...item,
    id: item.id ?? createId("planItem"),
    indicators: item.indicators.map((ind) => ({ ...ind, id: ind.id ?? createId("indicator") })),
  }));
}

export const SaveInput = z.object({
  id: Id,
  year: SchoolYear,
  /** The revision the editor read (If-Match); 0 creates the year's first plan. */
  rev: z.number().int().min(0),
  items: z.array(PlanItem).max(60),
});

const stale = () =>
  new VisibleError("conflict", "stale", "Plan siz düzenlerken değişti; sayfayı yenileyip tekrar deneyin.");

function audit(p: Stored, action: string, data: Record<string, unknown>) {
  return Audit.entry({
    action,
    entity: { type: "partnership", id: p.id },
    scope: { type: "partnership", id: p.id },
    data,
  });
}

function historyItem(
  p: Stored,
  year: string,
  version: number,
  action: string,
  fromStatus: string | undefined,
  to: string,
  at: string,
  reason?: string,
) {
  const user = useUser();
  return put(
    entities().History.create({
      partnershipId: p.id,
      kind: "plan",
      schoolYear: year,
      seq: createId("audit").slice(4),
      action,
      planVersion: version,
      ...(fromStatus ? { from: fromStatus } : {}),
      to,
      ...(reason ? { reason } : {}),
      actorId: user.userId,
      actorName: user.name,
      at,
    }),
  );
}

/**
 * Saves the items of the year's current version while it is a draft (an agreed plan that is
 * edited becomes a draft again: both coordinators agree to what they see). `rev` 0 creates the
 * first version. Plan, history and audit are one transaction.
 */
export const save = fn(SaveInput, async ({ id, year, rev, items }): Promise<Info> => {
  const p = await readable(id);
  assert("partnership.plan.edit", resourceOf(p));
  const stored = normalise(p, items);
  const at = now().toISOString();
  const { Plan } = entities();
  const existing = await current(id, year);
  try {
    if (!existing) {
      if (rev !== 0) throw stale();
      const row = {
        partnershipId: id,
        schoolYear: year,
        planVersion: pad(1),
        status: "draft",
        items: stored,
        agreements: {},
        receipts: {},
        rev: 1,
        createdAt: at,
        updatedAt: at,
      };
      await transact([
        put(Plan.create(row)),
        historyItem(p, year, 1, "create", undefined, "draft", at),
        await audit(p, "partnership.plan.create", { year, items: stored.length }),
      ]);
      return toInfo(row as PlanRow, 1);
    }
    if (existing.status !== "draft" && existing.status !== "agreed") {
      throw new VisibleError(
        "conflict",
        "plan_locked",
        "Gönderilmiş bir plan değiştirilemez; değişiklik için yeni sürüm (değişiklik) oluşturun.",
      );
    }
    if (existing.rev !== rev) throw stale();
    await transact([
      update(
        Plan.patch({ partnershipId: id, schoolYear: year, planVersion: pad(existing.version) })
          .set({ items: stored, status: "draft", agreements: {}, rev: rev + 1, updatedAt: at })
          .where((a, { eq }) => eq(a.rev, rev)),
      ),
      historyItem(p, year, existing.version, "update", existing.status, "draft", at),
      await audit(p, "partnership.plan.update", { year, version: existing.version, items: stored.length }),
    ]);
    return { ...existing, items: stored, status: "draft", agreements: {}, rev: rev + 1, updatedAt: at };
  } catch (error) {
    if (error instanceof TransactionCanceled) throw stale();
    throw error;
  }
});

export const TransitionInput = z.object({
  id: Id,
  year: SchoolYear,
  rev: z.number().int().min(1),
  action: z.enum([...ChainAction.options, "amend"]),
  reason: z.string().trim().max(2000).optional(),
});

/**
 * One workflow step on the current version (agree, submit, receive, forward, return), or
 * `amend`: a new draft version copied from a submitted (or returned) one, which stays as it was.
 */
export const transition = fn(TransitionInput, async ({ id, year, rev, action, reason }): Promise<Info> => {
  const user = useUser();
  const p = await readable(id);
  const existing = await current(id, year);
  if (!existing) throw noPlan();
  if (existing.rev !== rev) throw stale();
  const at = now().toISOString();
  const { Plan } = entities();
  const key = { partnershipId: id, schoolYear: year, planVersion: pad(existing.version) };
  try {
    if (action === "amend") {
      assert("partnership.plan.edit", resourceOf(p));
      if (existing.status === "draft" || existing.status === "agreed") {
        throw new VisibleError(
          "conflict",
          "invalid_transition",
          "Taslak plan doğrudan düzenlenir; değişiklik gerekmez.",
        );
      }
      const version = existing.version + 1;
      const row = {
        partnershipId: id,
        schoolYear: year,
        planVersion: pad(version),
        status: "draft",
        items: existing.items,
        agreements: {},
        receipts: {},
        origin: `amendment:${existing.version}`,
        rev: 1,
        createdAt: at,
        updatedAt: at,
      };
      await transact([
        // The new version exists only if the one it amends is still what the caller saw.
        put(Plan.create(row)),
        update(
          Plan.patch(key)
            .set({ updatedAt: existing.updatedAt })
            .where((a, { eq }) => eq(a.rev, rev)),
        ),
        historyItem(p, year, version, "amend", existing.status, "draft", at, reason),
        await audit(p, "partnership.plan.amend", { year, version }),
      ]);
      return toInfo(row as PlanRow, existing.versions + 1);
    }
    const next = step(p, existing, action, user, at, "partnership.plan.agree", reason);
    await transact([
      update(
        Plan.patch(key)
          .set({
            status: next.status,
            agreements: next.agreements,
            receipts: next.receipts,
            ...(next.returnReason ? { returnReason: next.returnReason } : {}),
            rev: rev + 1,
            updatedAt: at,
          })
          .where((a, { eq }) => eq(a.rev, rev)),
      ),
      historyItem(
        p,
        year,
        existing.version,
        action,
        existing.status,
        next.status,
        at,
        next.returnReason && action === "return" ? next.returnReason : undefined,
      ),
      await audit(p, `partnership.plan.${action}`, { year, version: existing.version, to: next.status }),
    ]);
    return { ...existing, ...next, rev: rev + 1, updatedAt: at };
  } catch (error) {
    if (error instanceof TransactionCanceled) throw stale();
    throw error;
  }
});

export const HistoryEntry = z
  .object({
    kind: z.enum(["plan", "report"]),
    year: z.string(),
    action: z.string(),
    version: z.number().optional(),
    from: z.string().optional(),
    to: z.string(),
    reason: z.string().optional(),
    actorName: z.string(),
    at: z.string(),
  })
  .meta({ id: "PartnershipHistoryEntry" });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Workflow history of the year's plan and report, oldest first. */
export const history = fn(z.object({ id: Id, year: SchoolYear }), async ({ id, year }): Promise<HistoryEntry[]> => {
  await readable(id);
  const { History } = entities();
  const rows = await Promise.all(
    (["plan", "report"] as const).map((kind) =>
      History.query.byPartnership({ partnershipId: id, kind, schoolYear: year }).go({ pages: "all" }),
    ),
  );
  return rows.flatMap((r) =>
    r.data.map((h) => ({
      kind: h.kind,
      year: h.schoolYear,
      action: h.action,
      ...(h.planVersion ? { version: h.planVersion } : {}),
      ...(h.from ? { from: h.from } : {}),
      to: h.to,
      ...(h.reason ? { reason: h.reason } : {}),
      actorName: h.actorName,
      at: h.at,
    })),
  );
});
