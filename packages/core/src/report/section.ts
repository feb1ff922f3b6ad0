/**
 * What a report section is. Each domain contributes one (activities here; reviews and
 * partnerships plug in with one file under `sections/` and one line in `sections/index.ts`).
 *
 * A section is an accumulator: the compiler streams the pages of its `segments` (named,
 * paginated reads of one scope and year) into `add`, checkpointing the state between pages, and
 * at the end asks the section for its JSON, tables (XLSX sheets, CSV blocks, PDF tables) and
 * charts. State must be plain JSON and bounded by the shape of the scope (districts, schools,
 * categories), never by the number of items, so a checkpoint stays small.
 */
import type { ScopeType } from "../actor";
import type { Json } from "../job/define";

/** The scope and year a report covers, with what the compiler already knows of the scope. */
export type Target = {
  scope: { type: ScopeType; id: string };
  year: string;
  /** Districts of the scope (province: all of them; district: itself; school: its own), id → name. */
  districts: Map<string, string>;
  /** Schools known for the scope, code → name and level (for grouping by school level). */
  schools: Map<string, { name: string; level: string; districtId: string }>;
};

/** One page of a segment: items, and the cursor of the next page (null at the end). */
export type PageResult = { items: unknown[]; cursor: string | null };

/** A named paginated read (one Query on a named index); `key` is stable across runs. */
export type Segment = { key: string; page(cursor: string | null, limit: number): Promise<PageResult> };

/** A table: it becomes an XLSX sheet, a CSV block and a PDF table. */
export type Table = {
  /** Stable id (sheet and CSV block order follow the section's order). */
  id: string;
  /** Turkish title (≤ 31 characters: it is also the sheet name). */
  title: string;
  columns: { key: string; title: string; kind: "text" | "number" | "percent" | "date"; width?: number }[];
  rows: Record<string, string | number | null>[];
  /** A total row (numbers summed by the section, so every format shows the same figure). */
  total?: Record<string, string | number | null>;
};

/** A chart: an ECharts-ready bar chart of labelled values (the web draws the same spec). */
export type Chart = {
  id: string;
  title: string;
  labels: string[];
  series: { name: string; values: number[] }[];
};

export type ReportSection<S extends Json = Json> = {
  /** Stable id, the key of the section in the JSON document. */
  id: string;
  /** Turkish title. */
  title: string;
  /** The reads that feed the section for this target, in a stable order. */
  segments(target: Target): Segment[];
  /** A fresh state. */
  empty(): S;
  /** Folds one item of `segment` into the state (mutates and returns it). */
  add(state: S, item: unknown, segment: string, target: Target): S;
  /** Folds another state of the same section (a province's, into the national one). */
  merge(into: S, other: S): S;
  /** The section's JSON: deterministic (sorted keys, Turkish collation for names). */
  json(state: S, target: Target, previous: Json | undefined): Json;
  tables(state: S, target: Target, previous: Json | undefined): Table[];
  charts(state: S, target: Target): Chart[];
};

/** Declares a section (keeps `S` inferred). */
export function defineSection<S extends Json>(section: ReportSection<S>): ReportSection<S> {
  return section;
}
