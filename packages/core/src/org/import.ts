/**
 * Parsing and row validation of the schools and districts CSV files (no database access;
 * `School.importCsv` and `District.importCsv` write the rows). Line numbers are file lines:
 * the header is line 1.
 */
import type * as z from "zod";
import { VisibleError } from "../util/error";
import type * as District from "./district";
import {
  Address,
  Code,
  Email,
  type Level,
  levelLabels,
  Name,
  Phone,
  type SchoolType,
  typeLabels,
  typeLevelMessage,
  typeMatchesLevel,
} from "./fields";
import { asciiSlug } from "./slug";

/** Bounds of one import: a province's schools fit comfortably. */
export const limits = { bytes: 2 * 1024 * 1024, rows: 5000 } as const;

export type RowError = { line: number; code: string; message: string };
export type Row = {
  line: number;
  code: string;
  name: string;
  level: Level;
  type: SchoolType;
  districtId: string;
  email: string;
  /** `undefined` when the file has no such column (keep), `null` when the cell is empty (clear). */
  phone: string | null | undefined;
  address: string | null | undefined;
};

type ColumnSpec = { name: string; accepts: readonly string[]; required: boolean };

/** Canonical column names (as shown to people) and the folded header spellings accepted for each. */
const columns = {
  code: { name: "kurum_kodu", accepts: ["kurumkodu"], required: true },
  name: { name: "okul_adi", accepts: ["okuladi", "kurumadi"], required: true },
  level: { name: "kademe", accepts: ["kademe"], required: true },
  type: { name: "tur", accepts: ["tur", "turu", "kurumturu"], required: true },
  district: { name: "ilce", accepts: ["ilce", "ilceadi"], required: true },
  email: { name: "eposta", accepts: ["eposta", "email"], required: true },
  phone: { name: "telefon", accepts: ["telefon"], required: false },
  address: { name: "adres", accepts: ["adres"], required: false },
} as const satisfies Record<string, ColumnSpec>;
type Column = keyof typeof columns;

const districtColumns = {
  province: { name: "il_kodu", accepts: ["ilkodu", "plaka", "plakakodu"], required: true },
  name: { name: "ilce_adi", accepts: ["ilceadi", "ilce"], required: true },
} as const satisfies Record<string, ColumnSpec>;

const fold = (value: string) => asciiSlug(value).replace(/-/g, "");

function lookup<T extends string>(labels: Record<T, string>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [key, label] of Object.entries(labels) as [T, string][]) {
    map.set(fold(key), key);
    map.set(fold(label), key);
  }
  return map;
}
const levels = lookup(levelLabels);
const types = lookup(typeLabels);

/** Parses the CSV and validates each row; districts are those of the province being imported. */
/** The CSV parser, loaded when a file is read (it stays out of the API's cold start). */
const csvParse = async () => (await import("csv-parse/sync")).parse;

export async function parseSchools(
  csv: string,
  districts: District.Info[],
): Promise<{ rows: Row[]; errors: RowError[] }> {
  const { records, cellOf } = await readTable(csv, columns);
  const byName = new Map<string, string>();
  for (const d of districts) {
    byName.set(fold(d.name), d.id);
    byName.set(fold(d.id), d.id);
  }

  const rows: Row[] = [];
  const errors: RowError[] = [];
  const firstLine = new Map<string, number>();
  for (const { cells, line } of records) {
    const result = validate((column) => cellOf(cells, column), byName);
    if (result.error) {
      errors.push({ line, ...result.error });
      continue;
    }
    const { row } = result;
    const first = firstLine.get(row.code);
    if (first !== undefined) {
      errors.push({
        line,
        code: "duplicate_in_file",
        message: `Kurum kodu ${row.code} dosyada ${first}. satırda da var.`,
      });
      continue;
    }
    firstLine.set(row.code, line);
    rows.push({ line, ...row });
  }
  return { rows, errors };
}

/** A districts CSV (`il_kodu,ilce_adi`): rows (not yet validated), missing and duplicate rows by line. */
export async function parseDistricts(csv: string): Promise<{
  rows: { line: number; province: string; name: string }[];
  errors: RowError[];
}> {
  const { records, cellOf } = await readTable(csv, districtColumns);
  const rows: { line: number; province: string; name: string }[] = [];
  const errors: RowError[] = [];
  const firstLine = new Map<string, number>();
  for (const { cells, line } of records) {
    const province = cellOf(cells, "province") ?? "";
    const name = cellOf(cells, "name") ?? "";
    const key = `${province}-${asciiSlug(name)}`;
    const first = firstLine.get(key);
    if (!province || !name) errors.push({ line, code: "missing_field", message: "Eksik alan: il_kodu, ilce_adi." });
    else if (first !== undefined) {
      errors.push({ line, code: "duplicate_in_file", message: `Bu ilçe dosyada ${first}. satırda da var.` });
    } else {
      firstLine.set(key, line);
      rows.push({ line, province, name });
    }
  }
  return { rows, errors };
}

/** Checks the bounds, reads the records and maps the header onto the expected columns. */
async function readTable<C extends string>(csv: string, spec: Record<C, ColumnSpec>) {
  if (Buffer.byteLength(csv, "utf8") > limits.bytes) {
    throw new VisibleError("too_large", "too_large", "Dosya en çok 2 MB olabilir.");
  }
  const records = await read(csv);
  const header = records.shift();
  if (!header) throw new VisibleError("input", "empty_file", "Dosya boş.");
  if (records.length > limits.rows) {
    throw new VisibleError("too_large", "too_large", `Bir dosyada en çok ${limits.rows} satır olabilir.`);
  }
  const index = headerIndex(header.cells, spec);
  const cellOf = (cells: string[], column: C) => {
    const at = index[column];
    return at === undefined ? undefined : (cells[at] ?? "").trim();
  };
  return { records, cellOf };
}

/** CSV records with the file line each starts on; blank lines (and rows of empty cells) dropped. */
async function read(csv: string): Promise<{ cells: string[]; line: number }[]> {
  const parse = await csvParse();
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse yields `{ record, info }` per row; its types do not model that option.
    parsed = parse(csv, {
      bom: true,
      // Lines starting with # are notes (the template's allowed values and example row).
      comment: "#",
      comment_no_infix: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new VisibleError("input", "invalid_csv", `Dosya CSV olarak okunamadı${line ? ` (${line}. satır)` : ""}.`);
  }
  return parsed
    .filter(({ record }) => record.some((cell) => cell.trim() !== ""))
    .map(({ record, info }) => ({
      cells: record,
      // `info.lines` is the line a record ends on; quoted cells may span lines.
      line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    }));
}

function headerIndex<C extends string>(header: string[], spec: Record<C, ColumnSpec>): Partial<Record<C, number>> {
  const index: Partial<Record<C, number>> = {};
  const names = Object.keys(spec) as C[];
  header.forEach((cell, at) => {
    const folded = fold(cell);
    const column = names.find((c) => index[c] === undefined && spec[c].accepts.includes(folded));
    if (column) index[column] = at;
  });
  const missing = names.filter((c) => spec[c].required && index[c] === undefined);
  if (missing.length > 0) {
    const list = missing.map((c) => spec[c].name);
    throw new VisibleError("input", "missing_columns", `Başlık satırında eksik sütun: ${list.join(", ")}.`, {
      missing: list,
    });
  }
  return index;
}

type Check<T> = { value: T; error?: undefined } | { error: Omit<RowError, "line"> };

function validate(
  cell: (column: Column) => string | undefined,
  districts: Map<string, string>,
): { row: Omit<Row, "line">; error?: undefined } | { error: Omit<RowError, "line"> } {
  const missing = (Object.keys(columns) as Column[]).filter((c) => columns[c].required && !cell(c));
  if (missing.length > 0) {
    return {
      error: { code: "missing_field", message: `Eksik alan: ${missing.map((c) => columns[c].name).join(", ")}.` },
    };
  }
  const value = (column: Column) => cell(column) ?? "";
  const fail = (code: string, message: string) => ({ error: { code, message } });
  const check = <T>(schema: z.ZodType<T>, column: Column, code: string): Check<T> => {
    const parsed = schema.safeParse(value(column));
    if (parsed.success) return { value: parsed.data };
    return fail(code, `${columns[column].name}: ${parsed.error.issues[0]?.message ?? "geçersiz"}`);
  };
  const optional = (column: "phone" | "address", schema: z.ZodType<string>): Check<string | null | undefined> => {
    const raw = cell(column);
    if (raw === undefined) return { value: undefined };
    if (raw === "") return { value: null };
    return check(schema, column, `invalid_${column}`);
  };

  if (!Code.safeParse(value("code")).success) {
    return fail("invalid_code", `Geçersiz kurum kodu "${value("code")}": 6–8 haneli bir sayı olmalı.`);
  }
  const name = check(Name, "name", "invalid_name");
  if (name.error) return name;
  const level = levels.get(fold(value("level")));
  if (!level) return fail("invalid_level", `Bilinmeyen kademe "${value("level")}".`);
  const type = types.get(fold(value("type")));
  if (!type) return fail("invalid_type", `Bilinmeyen kurum türü "${value("type")}".`);
  if (!typeMatchesLevel({ level, type })) return fail("invalid_type", typeLevelMessage);
  const districtId = districts.get(fold(value("district")));
  if (!districtId) return fail("unknown_district", `Bu ilde "${value("district")}" adlı ilçe yok.`);
  const email = check(Email, "email", "invalid_email");
  if (email.error) return email;
  const phone = optional("phone", Phone);
  if (phone.error) return phone;
  const address = optional("address", Address);
  if (address.error) return address;
  const row = { code: value("code"), name: name.value, level, type, districtId, email: email.value };
  return { row: { ...row, phone: phone.value, address: address.value } };
}
