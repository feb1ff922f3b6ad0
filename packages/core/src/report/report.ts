/**
 * Report runs people read: the runs of a scope and year (`report.read` there), and a file of a
 * run through a short presigned GET — each download an audit event.
 */
import * as z from "zod";
import { assert } from "../access";
import { type Place, Scope } from "../actor";
import { Audit } from "../audit";
import { presignGet } from "../storage";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { idSchema } from "../util/id";
import { fromCursor, PageInput, type Page as PageOf, pageOf } from "../util/page";
import { type RunRow, runs } from "./entities";
import { type Format, formats } from "./job";

export const RunId = idSchema("job");
export const FormatSchema = z.enum(formats);

export const Run = z
  .object({
    id: z.string(),
    scope: Scope,
    scopeName: z.string(),
    year: z.string(),
    asOf: z.string(),
    createdAt: z.string(),
    files: z.array(z.object({ format: FormatSchema, size: z.number().int() })),
    totals: z.object({ activities: z.number().int(), evidence: z.number().int() }),
  })
  .meta({ id: "ReportRun" });
export type Run = z.infer<typeof Run>;
export const RunPage = pageOf(Run).meta({ id: "ReportRunPage" });

/** A chart of a run, as the PDF draws it (the web draws the same spec with the same options). */
export const ChartSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    labels: z.array(z.string()),
    series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
  })
  .meta({ id: "ReportChart" });

export const Detail = Run.extend({ charts: z.array(ChartSchema) }).meta({ id: "ReportRunDetail" });
export type Detail = z.infer<typeof Detail>;

function toRun(row: RunRow): Run {
  return {
    id: row.jobId,
    scope: { type: row.scopeType as Scope["type"], id: row.scopeId === "-" ? "" : row.scopeId },
    scopeName: row.scopeName,
    year: row.year,
    asOf: row.asOf,
    createdAt: row.createdAt,
    files: (row.files as { format: Format; size: number }[]).map(({ format, size }) => ({ format, size })),
    totals: row.totals as Run["totals"],
  };
}

export const ListInput = PageInput.extend({ scope: Scope, year: SchoolYear });

/** Finished report runs of a scope and year, newest first. */
export const list = fn(ListInput, async ({ scope, year, limit, cursor }): Promise<PageOf<Run>> => {
  const { placeOrFail } = await import("../identity/scope");
  assert("report.read", { place: await placeOrFail(scope) }, { hide: true });
  const page = await fromCursor(cursor, (start) =>
    runs()
      .query.byScopeYear({ scopeType: scope.type, scopeId: scope.id || "-", year })
      .go({ limit, cursor: start, order: "desc" }),
  );
  return { items: page.data.map(toRun), cursor: page.cursor };
});

/** A run the caller may read (404 `report_not_found` otherwise, so ids of other scopes stay unknown). */
async function readable(id: string): Promise<RunRow> {
  const { data: row } = await runs().get({ jobId: id }).go();
  if (!row) throw new VisibleError("not_found", "report_not_found", "Rapor bulunamadı.");
  try {
    assert("report.read", { place: row.place as Place }, { hide: true });
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "not_found") {
      throw new VisibleError("not_found", "report_not_found", "Rapor bulunamadı.");
    }
    throw error;
  }
  return row;
}

/** A run with its charts (the dashboard draws them: the screen and the files show the same figures). */
export const get = fn(RunId, async (id): Promise<Detail> => {
  const row = await readable(id);
  return { ...toRun(row), charts: (row.charts ?? []) as Detail["charts"] };
});

export const DownloadInput = z.object({ id: RunId, format: FormatSchema });

/** A short-lived link to one file of a run (404 outside the caller's scope); audited. */
export const download = fn(DownloadInput, async ({ id, format }) => {
  const row = await readable(id);
  const file = (row.files as { format: Format; key: string }[]).find((f) => f.format === format);
  if (!file) throw new VisibleError("not_found", "report_not_found", "Rapor bulunamadı.");
  const name = `bigep-rapor-${row.scopeType}-${row.scopeId === "-" ? "ulusal" : row.scopeId}-${row.year}.${format}`;
  const link = await presignGet(file.key, { fileName: name, expiresIn: 60 });
  await Audit.record({
    action: "report.download",
    entity: { type: "report", id },
    scope: { type: row.scopeType as Scope["type"], id: row.scopeId === "-" ? "" : row.scopeId },
    data: { format, year: row.year },
  });
  return link;
});
