/**
 * Staff import of one school from CSV (`ad_soyad,eposta,rol`): each valid row becomes a user
 * (found or created by folded e-mail) holding a school role; re-running the same file changes
 * nothing. Invalid rows are reported with their file line number (the header is line 1).
 */
import { parse } from "csv-parse/sync";
import * as z from "zod";
import { assert } from "../access";
import type { Role, Scope } from "../actor";
import { Audit } from "../audit";
import { asciiSlug, School } from "../org";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { normalizeEmail } from "../util/text";
import { grantable } from "./assignment";
import { placeOrFail } from "./scope";
import { Email, Name, provision } from "./user";

export const importLimits = { bytes: 1024 * 1024, rows: 2000 } as const;

const fold = (value: string) => asciiSlug(value).replace(/-/g, "");

/** Column → accepted header spellings after folding (Ad Soyad, AD_SOYAD, E-posta, Görevi…). */
const columns = {
  name: ["adsoyad", "adisoyadi", "isim", "name"],
  email: ["eposta", "epostaadresi", "email", "mail"],
  role: ["rol", "rolu", "gorev", "gorevi", "role"],
} as const;

/** School roles by folded spelling, Turkish or code. */
const roles = new Map<string, Role>([
  ["ogretmen", "teacher"],
  ["teacher", "teacher"],
  ["mudur", "principal"],
  ["okulmuduru", "principal"],
  ["muduryardimcisi", "principal"],
  ["principal", "principal"],
  ["komisyon", "school_commission"],
  ["komisyonuyesi", "school_commission"],
  ["okulprojekomisyonu", "school_commission"],
  ["okulprojekomisyonuuyesi", "school_commission"],
  ["schoolcommission", "school_commission"],
]);

export const ImportInput = z.object({
  school: School.Code,
  csv: z.string(),
  schoolYear: SchoolYear.optional(),
});

export const RowError = z.object({ line: z.number().int(), code: z.string(), message: z.string() });
export const Report = z
  .object({
    rows: z.number().int(),
    created: z.number().int(),
    granted: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(RowError),
  })
  .meta({ id: "StaffImportReport" });
export type Report = z.infer<typeof Report>;

type Row = { line: number; name: string; email: string; role: Role };

function parseRows(csv: string): { rows: Row[]; errors: z.infer<typeof RowError>[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      delimiter: [",", ";"],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new VisibleError("input", "invalid_csv", `CSV okunamadı: ${(error as Error).message}`);
  }
  const header = records.shift();
  if (!header) throw new VisibleError("input", "empty_file", "Dosya boş.");
  if (records.length > importLimits.rows) {
    throw new VisibleError("too_large", "too_large", `Bir dosyada en çok ${importLimits.rows} satır olabilir.`);
  }
  const folded = header.record.map(fold);
  const index = Object.fromEntries(
    Object.entries(columns).map(([column, accepts]) => [
      column,
      folded.findIndex((h) => (accepts as readonly string[]).includes(h)),
    ]),
  ) as Record<keyof typeof columns, number>;
  const missing = Object.entries(index).filter(([, i]) => i < 0);
  if (missing.length > 0) {
    throw new VisibleError("input", "missing_columns", "Başlık satırında ad_soyad, eposta ve rol sütunları olmalı.", {
      missing: missing.map(([column]) => column),
    });
  }
  const rows: Row[] = [];
  const errors: z.infer<typeof RowError>[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const cell = (column: keyof typeof columns) => record[index[column]] ?? "";
    const name = Name.safeParse(cell("name"));
    const email = Email.safeParse(cell("email"));
    const role = roles.get(fold(cell("role")));
    if (!name.success) errors.push({ line, code: "invalid_name", message: "Ad soyad 2–120 karakter olmalı." });
    else if (!email.success) errors.push({ line, code: "invalid_email", message: "Geçersiz e-posta adresi." });
    else if (!role) {
      errors.push({ line, code: "invalid_role", message: "Rol öğretmen, müdür (yardımcısı) ya da komisyon olmalı." });
    } else rows.push({ line, name: name.data, email: email.data, role });
  }
  return { rows, errors };
}

/**
 * Imports a school's staff. Authorised as `user.import` on the school, and each row's role must
 * be one the caller may grant there. Rows are independent: a bad row does not stop the others.
 */
export const importCsv = fn(ImportInput, async ({ school, csv, schoolYear }): Promise<Report> => {
  const scope: Scope = { type: "school", id: school };
  assert("user.import", { place: await placeOrFail(scope) });
  if (Buffer.byteLength(csv, "utf8") > importLimits.bytes) {
    throw new VisibleError("too_large", "too_large", "Dosya en çok 1 MB olabilir.");
  }
  const { rows, errors } = parseRows(csv);
  const report: Report = { rows: rows.length + errors.length, created: 0, granted: 0, unchanged: 0, errors };
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${normalizeEmail(row.email)} ${row.role}`;
    if (seen.has(key)) {
      report.unchanged += 1;
      continue;
    }
    seen.add(key);
    const grant = { role: row.role, scope, ...(schoolYear ? { schoolYear } : {}) };
    if (!(await grantable(grant))) {
      errors.push({ line: row.line, code: "forbidden_role", message: "Bu rolü verme yetkiniz yok." });
      continue;
    }
    try {
      const result = await provision(row, grant);
      if (result.created) report.created += 1;
      if (result.added) report.granted += 1;
      else report.unchanged += 1;
    } catch (error) {
      if (!(error instanceof VisibleError)) throw error;
      errors.push({ line: row.line, code: error.code, message: error.message });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  await Audit.record({
    action: "staff.import",
    entity: { type: "school", id: school },
    scope,
    data: { rows: report.rows, created: report.created, granted: report.granted, errors: errors.length },
  });
  return report;
});
