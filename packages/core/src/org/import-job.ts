/**
 * The school import job: writes a province's validated CSV rows (checked in the request by
 * `School.importCsv`) in transactions of `rowsPerTransaction` schools, each school with its
 * audit event, `concurrency` transactions at a time, saving progress and a checkpoint after
 * each step. Upserts by kurum kodu and skips unchanged rows, so a resumed or repeated run
 * changes nothing twice.
 */
import * as z from "zod";
import { Audit } from "../audit";
import { put, TransactionCanceled, type TxItem, transact, update } from "../db/tx";
import { defineJob } from "../job/define";
import { now } from "../util/clock";
import { log } from "../util/log";
import { entities } from "./entities";
import type { Row, RowError } from "./import";
import * as Province from "./province";
import type { Info } from "./school";
import { getMany, updateOf } from "./store";

/** 2 items (school + audit event) each: 50 fill a 100-item transaction. */
const rowsPerTransaction = 50;
/**
 * Transactions in flight at once. Measured on DynamoDB Local (1,000 schools): row-by-row puts
 * 40 s, transactions of 100 items 2 at a time 10 s, 8 at a time 5 s. Each school has its own
 * partition, so this is far from any per-partition limit in AWS.
 */
const concurrency = 8;
/** Errors kept on the report (a checkpoint is one item, at most 400 KB). */
const maxErrors = 200;

export const Params = z.object({ province: Province.Code, rows: z.number().int().min(0) });

export const Report = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    /** Rows that could not be written (a concurrent change), by file line. */
    errors: z.array(z.object({ line: z.number().int(), code: z.string(), message: z.string() })),
  })
  .meta({ id: "SchoolImportReport" });
export type Report = z.infer<typeof Report>;

type State = Report & { done: number };

type Planned = { line: number; items: TxItem[]; kind: "created" | "updated" };

export const schoolImport = defineJob({
  type: "school-import",
  title: "Okul içe aktarma",
  params: Params,
  action: "org.import",
  startable: false,
  scope: (params) => ({ type: "province", id: params.province }),
  place: async (params) => ({ province: params.province }),
  run: async (ctx) => {
    const { province } = ctx.params;
    const rows = await ctx.rows<Row>();
    const state: State = (ctx.checkpoint as State | undefined) ?? {
      done: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [],
    };
    const step = rowsPerTransaction * concurrency;
    while (state.done < rows.length) {
      const slice = rows.slice(state.done, state.done + step);
      const existing = await getMany(slice.map((row) => row.code));
      const planned: Planned[] = [];
      for (const row of slice) {
        const plan = planRow(row, existing.get(row.code), province, ctx.jobId);
        if (plan === "unchanged") state.unchanged++;
        else if ("code" in plan) addError(state, plan);
        else planned.push(plan);
      }
      const batches: Planned[][] = [];
      for (let at = 0; at < planned.length; at += rowsPerTransaction) {
        batches.push(planned.slice(at, at + rowsPerTransaction));
      }
      await Promise.all(batches.map((batch) => writeBatch(batch, state)));
      state.done += slice.length;
      await ctx.progress((100 * state.done) / rows.length, state);
    }
    state.errors.sort((a, b) => a.line - b.line);
    const { done: _done, ...report } = state;
    return report;
  },
});

function addError(state: State, error: RowError): void {
  if (state.errors.length < maxErrors) state.errors.push(error);
}

/** The transaction items for one row, or why it needs none. */
function planRow(
  row: Row,
  current: Info | undefined,
  province: string,
  jobId: string,
): Planned | RowError | "unchanged" {
  const { line, ...fields } = row;
  if (current && current.provinceCode !== province) {
    return { line, code: "other_province", message: `Kurum kodu ${row.code} başka bir ile kayıtlı.` };
  }
  const scope = { type: "school" as const, id: row.code };
  const place = { province, district: row.districtId, school: row.code };
  if (!current) {
    const at = now().toISOString();
    const { phone, address, ...rest } = fields;
    const school: Info = {
      ...rest,
      ...(phone ? { phone } : {}),
      ...(address ? { address } : {}),
      provinceCode: province,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    return {
      line,
      kind: "created",
      items: [
        put(entities().School.create(school)),
        Audit.entryAt({
          action: "school.create",
          entity: { type: "school", id: row.code },
          scope,
          place,
          data: { jobId },
        }),
      ],
    };
  }
  const change = updateOf(current, fields);
  if (!change) return "unchanged";
  return {
    line,
    kind: "updated",
    items: [
      update(change.operation),
      Audit.entryAt({
        action: "school.update",
        entity: { type: "school", id: row.code },
        scope,
        place,
        data: { jobId },
      }),
    ],
  };
}

/**
 * One transaction for the batch; if a row's condition failed (a school created or changed
 * meanwhile), the batch is retried row by row so only that row is reported.
 */
async function writeBatch(batch: Planned[], state: State): Promise<void> {
  if (batch.length === 0) return;
  try {
    await transact(batch.flatMap((plan) => plan.items));
    for (const plan of batch) state[plan.kind]++;
    return;
  } catch (error) {
    if (!(error instanceof TransactionCanceled)) throw error;
    log().info("import batch conflicted; writing row by row", { rows: batch.length });
  }
  for (const plan of batch) {
    try {
      await transact(plan.items);
      state[plan.kind]++;
    } catch (error) {
      if (!(error instanceof TransactionCanceled)) throw error;
      addError(state, {
        line: plan.line,
        code: "conflict",
        message: "Okul bu sırada başkası tarafından değiştirildi; dosyayı tekrar yükleyin.",
      });
    }
  }
}
