/**
 * Joint activities of a partnership (owned by the pair, not by one school) linked to plan
 * items, and indicator actuals with their date (and optionally the joint activity or evidence
 * they come from). People of either school record them.
 */
import * as z from "zod";
import { assert } from "../access";
import { type Grant, useUser } from "../actor";
import { Audit } from "../audit";
import { put, transact } from "../db";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId } from "../util/id";
import type { ActualPoint } from "./attainment";
import { entities } from "./entities";
import { Id, IndicatorId, ItemId, Person, SchoolYear, type StoredItem, WorkId } from "./fields";
import { readable } from "./partnership";
import { resourceOf, type Stored } from "./store";

export const WorkInfo = z
  .object({
    id: WorkId,
    partnershipId: z.string(),
    year: SchoolYear,
    itemId: ItemId.optional(),
    title: z.string(),
    description: z.string().optional(),
    date: z.string(),
    schools: z.array(z.string()),
    people: z.array(Person),
    ownerName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "PartnershipWork" });
export type WorkInfo = z.infer<typeof WorkInfo>;

export const WorkInput = z.object({
  id: Id,
  year: SchoolYear,
  itemId: ItemId.optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).optional(),
  date: z.iso.date(),
  schools: z
    .array(z.string().regex(/^\d{6,8}$/))
    .min(1)
    .max(2),
  people: z.array(Person).max(60).default([]),
});

/** Items of the year's current plan (the newest version); undefined when there is no plan. */
async function planItems(id: string, year: string): Promise<StoredItem[] | undefined> {
  const { data } = await entities()
    .Plan.query.byYear({ partnershipId: id, schoolYear: year })
    .go({ order: "desc", limit: 1 });
  return data[0]?.items as StoredItem[] | undefined;
}

function members(p: Stored, schools: readonly string[]) {
  const codes = p.schools.map((s) => s.code);
  if (!schools.every((s) => codes.includes(s))) {
    throw new VisibleError("input", "not_member", "Seçilen okul bu ortaklığın okulu değil.", [{ path: ["schools"] }]);
  }
}

/** The member school the author holds a role at (the first one, in the partnership's order). */
function postingSchool(p: Stored, grants: readonly Grant[]): string {
  const school = p.schools.find((s) => grants.some((g) => g.scope.type === "school" && g.scope.id === s.code));
  return school?.code ?? p.leadSchool;
}

function auditOf(p: Stored, action: string, data: Record<string, unknown>) {
  return Audit.entry({
    action,
    entity: { type: "partnership", id: p.id },
    scope: { type: "partnership", id: p.id },
    data,
  });
}

/** Records a joint activity of the year (linked to a plan item when given). Activity + audit: one transaction. */
export const createWork = fn(WorkInput, async ({ id, year, ...input }): Promise<WorkInfo> => {
  const user = useUser();
  const p = await readable(id);
  assert("partnership.work.write", resourceOf(p));
  members(p, input.schools);
  if (input.itemId) {
    const items = await planItems(id, year);
    if (!items?.some((i) => i.id === input.itemId)) {
      throw new VisibleError("input", "unknown_item", "Plan maddesi bulunamadı.", [{ path: ["itemId"] }]);
    }
  }
  const at = now().toISOString();
  const workId = createId("jointWork");
  const row = {
    ...input,
    partnershipId: id,
    schoolYear: year,
    workId,
    ownerId: user.userId,
    ownerName: user.name,
    postingSchool: postingSchool(p, user.grants),
    createdAt: at,
  };
  await transact([
    put(entities().Work.create(row)),
    await auditOf(p, "partnership.work.create", { year, workId, itemId: input.itemId }),
  ]);
  return {
    id: workId,
    partnershipId: id,
    year,
    ...(input.itemId ? { itemId: input.itemId } : {}),
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    date: input.date,
    schools: input.schools,
    people: input.people,
    ownerName: user.name,
    createdAt: at,
  };
});

/** Joint activities of a year; no access check (the domain's readers check first). */
export async function worksOf(id: string, year: string): Promise<WorkInfo[]> {
  const { data } = await entities().Work.query.byYear({ partnershipId: id, schoolYear: year }).go({ pages: "all" });
  return data.map((w) => ({
    id: w.workId,
    partnershipId: w.partnershipId,
    year: w.schoolYear,
    ...(w.itemId ? { itemId: w.itemId } : {}),
    title: w.title,
    ...(w.description ? { description: w.description } : {}),
    date: w.date,
    schools: w.schools as string[],
    people: (w.people as WorkInfo["people"] | undefined) ?? [],
    ownerName: w.ownerName,
    createdAt: w.createdAt,
  }));
}

/** Joint activities of a year, newest date first. */
export const listWork = fn(z.object({ id: Id, year: SchoolYear }), async ({ id, year }) => {
  await readable(id);
  return (await worksOf(id, year)).sort((a, b) => b.date.localeCompare(a.date));
});

export const ActualInput = z.object({
  id: Id,
  year: SchoolYear,
  indicatorId: IndicatorId,
  date: z.iso.date(),
  value: z.number().finite(),
  note: z.string().trim().max(500).optional(),
  workId: WorkId.optional(),
  evidenceId: z.string().max(64).optional(),
});

export const ActualInfo = z
  .object({ id: z.string(), indicatorId: z.string(), date: z.string(), value: z.number(), note: z.string().optional() })
  .meta({ id: "PartnershipActual" });

/** Records an actual of an indicator of the year's current plan. Actual + audit: one transaction. */
export const recordActual = fn(ActualInput, async ({ id, year, ...input }): Promise<z.infer<typeof ActualInfo>> => {
  const user = useUser();
  const p = await readable(id);
  assert("partnership.work.write", resourceOf(p));
  const items = await planItems(id, year);
  if (!items?.some((i) => i.indicators.some((ind) => ind.id === input.indicatorId))) {
    throw new VisibleError("input", "unknown_indicator", "Gösterge bu yılın planında yok.", [
      { path: ["indicatorId"] },
    ]);
  }
  const actualId = createId("actual");
  await transact([
    put(
      entities().Actual.create({
        ...input,
        partnershipId: id,
        schoolYear: year,
        actualId,
        ownerId: user.userId,
        createdAt: now().toISOString(),
      }),
    ),
    await auditOf(p, "partnership.actual.record", { year, indicatorId: input.indicatorId, value: input.value }),
  ]);
  return {
    id: actualId,
    indicatorId: input.indicatorId,
    date: input.date,
    value: input.value,
    ...(input.note ? { note: input.note } : {}),
  };
});

/** The year's actuals (one Query over the partnership's year); no access check. */
export async function actualPoints(id: string, year: string): Promise<ActualPoint[]> {
  const { data } = await entities().Actual.query.byYear({ partnershipId: id, schoolYear: year }).go({ pages: "all" });
  return data.map((a) => ({ indicatorId: a.indicatorId, date: a.date, value: a.value }));
}
