import * as z from "zod";
import { assert } from "../access";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { isConditionFailure, put, transact } from "../db";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import type { Page } from "../util/page";
import { compareTr } from "../util/text";
import { entities } from "./entities";
import { parseDistricts } from "./import";
import * as Province from "./province";
import { asciiSlug } from "./slug";

/** District id: plate code + ASCII slug of the name, e.g. "10-altieylul"; also its scope id. */
export const Id = z
  .string()
  .max(64)
  .regex(/^(0[1-9]|[1-7]\d|8[01])-[a-z0-9]+(-[a-z0-9]+)*$/, { message: "Geçersiz ilçe kimliği." });

export const Info = z
  .object({ id: Id, provinceCode: Province.Code, name: z.string(), createdAt: z.string() })
  .meta({ id: "District" });
export type Info = z.infer<typeof Info>;

/** The id a district of this province with this name gets. */
export function idOf(province: string, name: string): string {
  return `${province}-${asciiSlug(name)}`;
}

export const CreateInput = z.object({
  province: Province.Code,
  name: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .refine((name) => asciiSlug(name).length > 0, { message: "İlçe adı harf içermeli." }),
});

/**
 * Creates a district; 409 when the province already has a district of that (folded) name. The
 * district and its `district.create` event are one transaction.
 */
export const create = fn(CreateInput, async ({ province, name }): Promise<Info> => {
  const id = idOf(province, name);
  assert("org.write", { place: { province, district: id } });
  const item = { id, provinceCode: province, name, createdAt: now().toISOString() };
  try {
    await transact([
      put(entities().District.create(item)),
      await Audit.entry({
        action: "district.create",
        entity: { type: "district", id },
        scope: { type: "district", id },
        data: { name },
      }),
    ]);
  } catch (error) {
    if (isConditionFailure(error)) throw new VisibleError("conflict", "district_exists", "Bu ilçe zaten kayıtlı.");
    throw error;
  }
  return item;
});

/** District by id, or undefined. Org data is public information: reads need no grant. */
export const get = fn(Id, async (id): Promise<Info | undefined> => {
  const { data } = await entities()
    .District.get({ provinceCode: id.slice(0, 2), id })
    .go();
  return data ?? undefined;
});

/**
 * Districts of a province in Turkish alphabetical order. A province has at most 40 districts,
 * so the list is returned whole (`cursor` is always null). Public.
 */
export const list = fn(z.object({ province: Province.Code }), async ({ province }): Promise<Page<Info>> => {
  const { data } = await entities().District.query.byProvince({ provinceCode: province }).go({ pages: "all" });
  return { items: data.sort((a, b) => compareTr(a.name, b.name)), cursor: null };
});

export const ImportReport = z
  .object({
    created: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), code: z.string(), message: z.string() })),
  })
  .meta({ id: "DistrictImportReport" });
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * Imports districts from CSV (UTF-8, header `il_kodu,ilce_adi`); needs `org.import` for every
 * province in the file. Existing districts count as unchanged, so a repeat changes nothing.
 */
export const importCsv = fn(z.object({ csv: z.string() }), async ({ csv }): Promise<ImportReport> => {
  useUser(); // the grant check needs the provinces in the file; anonymous callers stop here
  const { rows, errors } = await parseDistricts(csv);
  const valid = rows.flatMap(({ line, ...row }) => {
    const parsed = CreateInput.safeParse(row);
    if (parsed.success) return [{ line, ...parsed.data }];
    const field = parsed.error.issues[0]?.path[0] === "province" ? "province" : "name";
    errors.push({
      line,
      code: `invalid_${field}`,
      message: `Geçersiz ${field === "province" ? "il kodu" : "ilçe adı"}.`,
    });
    return [];
  });
  for (const province of new Set(valid.map((row) => row.province))) assert("org.import", { place: { province } });
  const report: ImportReport = { created: 0, unchanged: 0, errors };
  for (let at = 0; at < valid.length; at += 25) {
    await Promise.all(
      valid.slice(at, at + 25).map(async ({ province, name }) => {
        const item = { id: idOf(province, name), provinceCode: province, name, createdAt: now().toISOString() };
        try {
          await entities().District.create(item).go();
          report.created++;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          report.unchanged++;
        }
      }),
    );
  }
  errors.sort((a, b) => a.line - b.line);
  return report;
});
