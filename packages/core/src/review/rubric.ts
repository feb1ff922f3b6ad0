/**
 * Rubrics per province, school year and award area: criteria with a Turkish title, guidance,
 * weight, maximum and optional minimum. Versioned: a round pins the version it uses when it is
 * created; once a round using a version has opened (the first moment a score can exist) the
 * version is frozen and a change makes a new version. Scores record the version they used.
 */
import * as z from "zod";
import { assert } from "../access";
import { istanbulMinute } from "../access/conditions";
import { Area } from "../activity/fields";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, transact } from "../db";
import { Province } from "../org";
import { now } from "../util/clock";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { entities } from "./entities";

export const Criterion = z
  .object({
    id: z.string().regex(/^[a-z0-9_]{1,32}$/, { message: "Ölçüt kimliği küçük harf, rakam ve _ olmalı." }),
    title: z.string().trim().min(1).max(200),
    guidance: z.string().trim().max(1000).optional(),
    weight: z.number().positive().max(100),
    max: z.number().int().min(1).max(100),
    min: z.number().min(0).optional(),
  })
  .refine((c) => c.min === undefined || c.min <= c.max, { message: "En az puan en çok puanı aşamaz.", path: ["min"] })
  .meta({ id: "ReviewCriterion" });
export type Criterion = z.infer<typeof Criterion>;

export const Criteria = z
  .array(Criterion)
  .min(1)
  .max(20)
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, {
    message: "Ölçüt kimlikleri tekrar edemez.",
  });

export const Info = z
  .object({
    province: Province.Code,
    year: SchoolYear,
    area: Area,
    version: z.number().int(),
    criteria: z.array(Criterion),
    frozen: z.boolean(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: "ReviewRubric" });
export type Info = z.infer<typeof Info>;

const pad = (v: number) => String(v).padStart(4, "0");

type Row = { provinceCode: string; schoolYear: string; area: string; version: string; criteria: unknown };

/** All versions of a rubric, oldest first (a handful). */
async function versions(province: string, year: string, area: string): Promise<Row[]> {
  const { data } = await entities()
    .Rubric.query.byArea({ provinceCode: province, schoolYear: year, area })
    .go({ pages: "all" });
  return data;
}

/** Has a round that pins this rubric version opened (so a score may exist)? */
async function frozen(province: string, year: string, area: string, version: number): Promise<boolean> {
  const { data } = await entities()
    .Round.query.byYear({ provinceCode: province, schoolYear: year })
    .go({ pages: "all" });
  const minute = istanbulMinute();
  return data.some((r) => (r.rubrics as Record<string, number>)[area] === version && r.opensAt <= minute);
}

async function toInfo(row: Row & { updatedAt: string; updatedBy: string }): Promise<Info> {
  const version = Number(row.version);
  return {
    province: row.provinceCode,
    year: row.schoolYear,
    area: row.area as Area,
    version,
    criteria: row.criteria as Criterion[],
    frozen: await frozen(row.provinceCode, row.schoolYear, row.area, version),
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** The latest version of a rubric (system use: rounds pin it; no access check). */
export async function latest(province: string, year: string, area: string) {
  const list = await versions(province, year, area);
  return list[list.length - 1] as (Row & { updatedAt: string; updatedBy: string }) | undefined;
}

/** One version's criteria (system use). */
export async function criteriaOf(province: string, year: string, area: string, version: number) {
  const { data } = await entities()
    .Rubric.get({ provinceCode: province, schoolYear: year, area, version: pad(version) })
    .go();
  return (data?.criteria as Criterion[] | undefined) ?? [];
}

export const Key = z.object({ province: Province.Code, year: SchoolYear, area: Area });

/** A rubric's versions, newest first (readers of the review domain). */
export const history = fn(Key, async ({ province, year, area }): Promise<Info[]> => {
  assert("review.read", { place: { province }, schoolYear: year });
  const list = await versions(province, year, area);
  return Promise.all(list.reverse().map((r) => toInfo(r as Row & { updatedAt: string; updatedBy: string })));
});

export const SaveInput = Key.extend({ criteria: Criteria });

/**
 * Saves a rubric: edits the latest version in place while no round using it has opened,
 * otherwise (or when there is none yet) writes the next version. Returns what was stored.
 */
export const save = fn(SaveInput, async ({ province, year, area, criteria }): Promise<Info> => {
  assert("review.manage", { place: { province }, schoolYear: year });
  const user = useUser();
  const current = await latest(province, year, area);
  const currentVersion = current ? Number(current.version) : 0;
  const inPlace = current !== undefined && !(await frozen(province, year, area, currentVersion));
  const version = inPlace ? currentVersion : currentVersion + 1;
  const at = now().toISOString();
  const row = {
    provinceCode: province,
    schoolYear: year,
    area,
    version: pad(version),
    criteria,
    updatedAt: at,
    updatedBy: user.userId,
  };
  await transact([
    put(inPlace ? entities().Rubric.put(row) : entities().Rubric.create(row)),
    await Audit.entry({
      action: inPlace ? "review.rubric.update" : "review.rubric.version",
      entity: { type: "rubric", id: `${province}-${year}-${area}` },
      scope: { type: "province", id: province },
      data: { version, criteria: criteria.length },
    }),
  ]);
  return { province, year, area, version, criteria, frozen: false, updatedAt: at, updatedBy: user.userId };
});

/** Refuses when a rubric is missing for an area a round needs. */
export function missing(area: string): VisibleError {
  return new VisibleError(
    "conflict",
    "rubric_missing",
    `${area} alanı için bu yılın değerlendirme ölçütleri tanımlanmamış.`,
  );
}
