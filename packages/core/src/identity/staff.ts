/**
 * Staff import of one school from CSV (`ad_soyad,eposta,rol`): each valid row becomes a user
 * (found or created by folded e-mail) holding a school role; re-running the same file changes
 * nothing. Invalid rows are reported with their file line number (the header is line 1).
 */
import * as z from "zod";
import { assert } from "../access";
import type { Role, Scope } from "../actor";
import { Audit } from "../audit";
import { defineJob } from "../job/define";
import * as Job from "../job/job";
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

/** Parses a staff file; the CSV parser is loaded here, so it stays out of the API's cold start. */
async function parseRows(csv: string): Promise<{ rows: Row[]; errors: z.infer<typeof RowError>[] }> {
  const { parse } = await import("csv-parse/sync");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      // Lines starting with # are notes (the template's allowed values and example row).
      comment: "#",
      comment_no_infix: true,
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

/** Parameters of the staff import job (the rows travel with the job). */
export const JobParams = z.object({ school: School.Code, schoolYear: SchoolYear.optional(), rows: z.number().int() });

type State = Omit<Report, "rows"> & { done: number };

/** Rows provisioned at once: each is a few reads and writes plus an invitation e-mail. */
const concurrency = 5;
/** Rows between checkpoints. */
const step = 50;

/**
 * The staff import job: provisions each row (user found or created by e-mail, role granted,
 * invitation e-mailed when the role is new), `concurrency` rows at a time, saving a checkpoint
 * every `step` rows. Provisioning is idempotent, so a resumed run repeats at most one step
 * without effect (no second e-mail: a role already held sends none).
 */
export const staffImport = defineJob({
  type: "staff-import",
  title: "Okul kadrosu içe aktarma",
  params: JobParams,
  action: "user.import",
  startable: false,
  scope: (params) => ({ type: "school", id: params.school }),
  place: (params) => placeOrFail({ type: "school", id: params.school }),
  run: async (ctx) => {
    const { school, schoolYear } = ctx.params;
    const scope: Scope = { type: "school", id: school };
    const rows = await ctx.rows<Row>();
    const state: State = (ctx.checkpoint as State | undefined) ?? {
      done: 0,
      created: 0,
      granted: 0,
      unchanged: 0,
      errors: [],
    };
    while (state.done < rows.length) {
      const slice = rows.slice(state.done, state.done + step);
      for (let at = 0; at < slice.length; at += concurrency) {
        await Promise.all(
          slice.slice(at, at + concurrency).map(async (row) => {
            const grant = { role: row.role, scope, ...(schoolYear ? { schoolYear } : {}) };
            try {
              const result = await provision(row, grant);
              if (result.created) state.created += 1;
              if (result.added) state.granted += 1;
              else state.unchanged += 1;
            } catch (error) {
              if (!(error instanceof VisibleError)) throw error;
              state.errors.push({ line: row.line, code: error.code, message: error.message });
            }
          }),
        );
      }
      state.done += slice.length;
      await ctx.progress((100 * state.done) / rows.length, state);
    }
    state.errors.sort((a, b) => a.line - b.line);
    await Audit.record({
      action: "staff.import",
      entity: { type: "school", id: school },
      scope,
      data: {
        jobId: ctx.jobId,
        rows: rows.length,
        created: state.created,
        granted: state.granted,
        errors: state.errors.length,
      },
    });
    const { done: _done, ...report } = state;
    return { rows: rows.length, ...report };
  },
});

/**
 * Imports a school's staff. Authorised as `user.import` on the school, and each row's role must
 * be one the caller may grant there. The whole file is checked here: any bad row rejects it with
 * a 400 listing the rows by line, nothing written. A valid file starts the `staff-import` job
 * (repeated address + role rows are provisioned once).
 */
export const importCsv = fn(ImportInput, async ({ school, csv, schoolYear }): Promise<Job.Info> => {
  const scope: Scope = { type: "school", id: school };
  assert("user.import", { place: await placeOrFail(scope) });
  if (Buffer.byteLength(csv, "utf8") > importLimits.bytes) {
    throw new VisibleError("too_large", "too_large", "Dosya en çok 1 MB olabilir.");
  }
  const { rows, errors } = await parseRows(csv);
  const allowed = new Map<Role, boolean>();
  const seen = new Set<string>();
  const unique: Row[] = [];
  for (const row of rows) {
    const grant = { role: row.role, scope, ...(schoolYear ? { schoolYear } : {}) };
    if (!allowed.has(row.role)) allowed.set(row.role, await grantable(grant));
    if (!allowed.get(row.role)) {
      errors.push({ line: row.line, code: "forbidden_role", message: "Bu rolü verme yetkiniz yok." });
      continue;
    }
    const key = `${normalizeEmail(row.email)} ${row.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(row);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    throw new VisibleError(
      "input",
      "invalid_rows",
      `Dosyada ${errors.length} hatalı satır var; kimse eklenmedi. Satırları düzeltip dosyayı tekrar yükleyin.`,
      { errors },
    );
  }
  if (unique.length === 0) throw new VisibleError("input", "empty_file", "Dosyada kişi satırı yok.");
  const { job } = await Job.start(staffImport, {
    params: { school, rows: unique.length, ...(schoolYear ? { schoolYear } : {}) },
    rows: unique,
  });
  return job;
});
