import * as z from "zod";
import { assert } from "../access";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import type { Page } from "../util/page";
import { compareTr } from "../util/text";
import { entities, isConditionFailure } from "./entities";
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

/** Creates a district; 409 when the province already has a district of that (folded) name. */
export const create = fn(CreateInput, async ({ province, name }): Promise<Info> => {
  const id = idOf(province, name);
  assert("org.write", { place: { province, district: id } });
  const item = { id, provinceCode: province, name, createdAt: now().toISOString() };
  try {
    await entities().District.create(item).go();
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
