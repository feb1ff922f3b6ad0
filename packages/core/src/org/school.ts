import * as z from "zod";
import { assert } from "../access";
import type { Place } from "../actor";
import { Audit } from "../audit";
import { isConditionFailure, put, type TxItem, transact, update as updateItem } from "../db";
import type { Json } from "../job/define";
import * as Job from "../job/job";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { fromCursor, PageInput, type Page as PageOf, pageOf } from "../util/page";
import * as District from "./district";
import { entities } from "./entities";
import { Address, Code, Email, Level, Name, Phone, SchoolType, typeLevelMessage, typeMatchesLevel } from "./fields";
import { limits, parseSchools } from "./import";
import { schoolImport } from "./import-job";
import * as Province from "./province";
import { getMany, updateOf } from "./store";

export { Code, Level, levelLabels, SchoolType, typeLabels, typeLevel } from "./fields";

export const Info = z
  .object({
    code: Code,
    name: z.string(),
    level: Level,
    type: SchoolType,
    districtId: District.Id,
    provinceCode: Province.Code,
    email: z.string(),
    phone: z.string().optional(),
    address: z.string().optional(),
    /** Optimistic-locking version; the HTTP ETag. */
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "School" });
export type Info = z.infer<typeof Info>;

export const Page = pageOf(Info)
  .extend({
    /** On a district's first page: how many schools the district has in all (the list's real total). */
    total: z.number().int().optional(),
  })
  .meta({ id: "SchoolPage" });

/** The writable fields of a school; the province follows from the district. */
export type Fields = Pick<Info, "code" | "name" | "level" | "type" | "districtId" | "email" | "phone" | "address">;

/** Where a school sits, for access checks. */
export function placeOf(school: Pick<Info, "code" | "districtId" | "provinceCode">): Place {
  return { province: school.provinceCode, district: school.districtId, school: school.code };
}

export const CreateInput = z
  .object({
    code: Code,
    name: Name,
    level: Level,
    type: SchoolType,
    districtId: District.Id,
    email: Email,
    phone: Phone.optional(),
    address: Address.optional(),
  })
  .refine(typeMatchesLevel, { message: typeLevelMessage, path: ["type"] });

/** `null` clears an optional field; `version` is the one the editor read (If-Match). */
export const UpdateInput = z.object({
  code: Code,
  version: z.number().int().positive(),
  name: Name.optional(),
  level: Level.optional(),
  type: SchoolType.optional(),
  districtId: District.Id.optional(),
  email: Email.optional(),
  phone: Phone.nullable().optional(),
  address: Address.nullable().optional(),
});

async function districtOrFail(id: string): Promise<District.Info> {
  const district = await District.get(id);
  if (!district) throw new VisibleError("input", "unknown_district", "İlçe bulunamadı.", [{ path: ["districtId"] }]);
  return district;
}

/** School by kurum kodu, or undefined. Org data is public information: reads need no grant. */
export const get = fn(Code, async (code): Promise<Info | undefined> => {
  const { data } = await entities().School.get({ code }).go();
  return data ?? undefined;
});

/**
 * Creates a school; 409 when the kurum kodu is already registered (conditional put). The school
 * and its `school.create` event are one transaction.
 */
export const create = fn(CreateInput, async (input): Promise<Info> => {
  const district = await districtOrFail(input.districtId);
  const at = now().toISOString();
  const school: Info = { ...input, provinceCode: district.provinceCode, version: 1, createdAt: at, updatedAt: at };
  assert("org.write", { place: placeOf(school) });
  try {
    await transact([
      put(entities().School.create(school)),
      await Audit.entry({
        action: "school.create",
        entity: { type: "school", id: school.code },
        scope: { type: "school", id: school.code },
        // Not stored yet: the event's place comes from the school being written.
        place: placeOf(school),
        data: { name: school.name, districtId: school.districtId },
      }),
    ]);
  } catch (error) {
    if (isConditionFailure(error)) throw new VisibleError("conflict", "school_exists", "Bu kurum kodu zaten kayıtlı.");
    throw error;
  }
  return school;
});

export const ImportInput = z.object({ province: Province.Code, csv: z.string() });

export { Report as ImportReport } from "./import-job";
export { limits as importLimits };

/**
 * Imports a province's schools from CSV (UTF-8, header row; columns kurum_kodu, okul_adi,
 * kademe, tur, ilce, eposta, optional telefon, adres). The whole file is checked here: any bad
 * row (or a kurum kodu registered in another province) rejects the file with a 400 listing the
 * rows by line, and nothing is written. A valid file starts the `school-import` job, which
 * writes the rows in batches (upsert by kurum kodu, unchanged rows skipped) and reports counts.
 */
export const importCsv = fn(ImportInput, async (input): Promise<Job.Info> => {
  const { job } = await Job.start(schoolImport, await checkImport(input));
  return job;
});

/** Validates an import file (`org.import` on the province): the job's start options, or a 400 with the bad rows. */
export const checkImport = fn(ImportInput, async ({ province, csv }) => {
  assert("org.import", { place: { province } });
  const { items: districts } = await District.list({ province });
  const { rows, errors } = await parseSchools(csv, districts);
  const existing = await getMany(rows.map((row) => row.code));
  for (const row of rows) {
    const current = existing.get(row.code);
    if (current && current.provinceCode !== province) {
      errors.push({ line: row.line, code: "other_province", message: `Kurum kodu ${row.code} başka bir ile kayıtlı.` });
    }
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    throw new VisibleError(
      "input",
      "invalid_rows",
      `Dosyada ${errors.length} hatalı satır var; hiçbir okul yazılmadı. Satırları düzeltip dosyayı tekrar yükleyin.`,
      { errors },
    );
  }
  if (rows.length === 0) throw new VisibleError("input", "empty_file", "Dosyada okul satırı yok.");
  return { params: { province, rows: rows.length }, rows: rows as Json[] };
});

/**
 * Updates a school if `version` is still current (optimistic locking): 409 `stale_version`
 * otherwise. Moving a school to another district needs write access to both places. The change
 * and its `school.update` event (the changed fields, filed at the school's new place) are one
 * transaction: a failed condition stores neither.
 */
export const update = fn(UpdateInput, async ({ code, version, ...changes }): Promise<Info> => {
  const current = await get(code);
  if (!current) throw new VisibleError("not_found", "school_not_found", "Okul bulunamadı.");
  assert("org.write", { place: placeOf(current) });
  const district =
    changes.districtId && changes.districtId !== current.districtId
      ? await districtOrFail(changes.districtId)
      : undefined;
  if (district)
    assert("org.write", { place: placeOf({ code, districtId: district.id, provinceCode: district.provinceCode }) });
  const level = changes.level ?? current.level;
  const type = changes.type ?? current.type;
  if (!typeMatchesLevel({ level, type })) {
    throw new VisibleError("input", "invalid_input", typeLevelMessage, [{ path: ["type"], message: typeLevelMessage }]);
  }
  if (version !== current.version) throw stale();
  const patch = updateOf(current, { ...changes, code });
  if (!patch) return current;
  const change = { stored: patch.stored, item: updateItem(patch.operation) };
  const fields = editable.filter((key) => change.stored[key] !== current[key]);
  try {
    await transact([
      change.item,
      await Audit.entry({
        action: "school.update",
        entity: { type: "school", id: code },
        scope: { type: "school", id: code },
        place: placeOf(change.stored),
        data: {
          fields,
          version: change.stored.version,
          ...(change.stored.districtId !== current.districtId ? { fromDistrict: current.districtId } : {}),
        },
      }),
    ]);
  } catch (error) {
    throw isConditionFailure(error) ? stale() : error;
  }
  return change.stored;
});

function stale() {
  return new VisibleError(
    "conflict",
    "stale_version",
    "Kayıt siz düzenlerken değişti; sayfayı yenileyip tekrar deneyin.",
  );
}

/** The stored fields a change can touch (the audit event names those that changed). */
const editable = ["name", "level", "type", "districtId", "provinceCode", "email", "phone", "address"] as const;

const DistrictPage = PageInput.extend({ district: District.Id });
const ProvincePage = PageInput.extend({ province: Province.Code });

/**
 * Schools of a district, ordered by kurum kodu (the web sorts a page by name). The first page also
 * carries the district's total, counted on the same index reading only the key attribute (a
 * district has hundreds of schools at most). Public.
 */
export const byDistrict = fn(
  DistrictPage,
  async ({ district, limit, cursor }): Promise<PageOf<Info> & { total?: number }> => {
    const result = await fromCursor(cursor, (start) =>
      entities().School.query.byDistrict({ districtId: district }).go({ limit, cursor: start }),
    );
    if (cursor) return { items: result.data, cursor: result.cursor };
    const total = result.cursor
      ? (
          await entities()
            .School.query.byDistrict({ districtId: district })
            .go({ attributes: ["code"], pages: "all" })
        ).data.length
      : result.data.length;
    return { items: result.data, cursor: result.cursor, total };
  },
);

/** Schools of a province, ordered by district id then kurum kodu. Public. */
export const byProvince = fn(ProvincePage, async ({ province, limit, cursor }): Promise<PageOf<Info>> => {
  const result = await fromCursor(cursor, (start) =>
    entities().School.query.byProvince({ provinceCode: province }).go({ limit, cursor: start }),
  );
  return { items: result.data, cursor: result.cursor };
});
