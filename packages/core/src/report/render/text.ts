/**
 * The JSON and CSV renderings of a compiled report. Both are pure functions of the document, so
 * the same data gives the same bytes (the JSON keys are ordered by the sections).
 */
import type { Json } from "../../job/define";
import type { Chart, Table } from "../section";

/** A compiled report, ready to render. */
export type Document = {
  /** The cover's title (default "Yıllık Rapor"; the partnership report names itself). */
  title?: string;
  scope: { type: string; id: string; name: string };
  year: string;
  asOf: string;
  sections: { id: string; title: string; json: Json; tables: Table[]; charts: Chart[] }[];
};

/** Version of the JSON schema (README: "Reports" section documents it). */
export const SCHEMA = "bigep.report/1";

export function renderJson(doc: Document): string {
  const body = {
    schema: SCHEMA,
    scope: doc.scope,
    year: doc.year,
    asOf: doc.asOf,
    sections: Object.fromEntries(doc.sections.map((s) => [s.id, s.json])),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** CSV field separator: `;`, what Excel expects in the Turkish locale (the decimal mark is `,`). */
export const CSV_SEPARATOR = ";";

function field(value: string | number | null | undefined, kind: Table["columns"][number]["kind"]): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "number") {
    text = kind === "percent" ? `${(value * 100).toFixed(1).replace(".", ",")}%` : String(value).replace(".", ",");
  } else text = value;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function line(cells: string[]): string {
  return `${cells.join(CSV_SEPARATOR)}\r\n`;
}

/**
 * One CSV file with every table as a block: its title, the header, the rows, the total row and
 * an empty line. UTF-8 with BOM, CRLF line ends, `;` separated.
 */
export function renderCsv(doc: Document): string {
  let out = "\uFEFF";
  out += line([
    field(`BİGEP yıllık raporu: ${doc.scope.name}`, "text"),
    field(doc.year, "text"),
    field(doc.asOf, "text"),
  ]);
  out += "\r\n";
  for (const section of doc.sections) {
    for (const table of section.tables) {
      out += line([field(`${section.title} / ${table.title}`, "text")]);
      out += line(table.columns.map((c) => field(c.title, "text")));
      for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
        out += line(table.columns.map((c) => field(row[c.key], c.kind)));
      }
      out += "\r\n";
    }
  }
  return out;
}
