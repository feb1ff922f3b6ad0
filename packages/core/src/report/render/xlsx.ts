/**
 * The XLSX rendering: exceljs' streaming writer (rows are committed as they are written), one
 * sheet per table after a cover sheet; bold shaded header, frozen header row, numbers as numbers,
 * percentages as numbers with a % format, the report date as a date, column widths. exceljs is
 * loaded on use: only the report job pays for it.
 */
import { PassThrough } from "node:stream";
import type { Document } from "./text";

const headerFill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } } as const;

/** Excel forbids these in sheet names; names are at most 31 characters and unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[\\/?*[\]:]/g, " ").slice(0, 31);
  let name = base;
  for (let n = 2; used.has(name.toLocaleLowerCase("tr")); n++) name = `${base.slice(0, 28)} ${n}`;
  used.add(name.toLocaleLowerCase("tr"));
  return name;
}

export async function renderXlsx(doc: Document): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "BİGEP Platformu";
  // A fixed date, so the same data gives the same workbook contents.
  workbook.created = new Date(`${doc.asOf}T00:00:00Z`);
  workbook.modified = workbook.created;
  const used = new Set<string>();

  const cover = workbook.addWorksheet(sheetName("Rapor", used));
  cover.columns = [
    { header: "Alan", key: "k", width: 24 },
    { header: "Değer", key: "v", width: 48 },
  ];
  styleHeader(cover.getRow(1));
  cover.addRow({ k: "Kapsam", v: doc.scope.name }).commit();
  cover.addRow({ k: "Eğitim öğretim yılı", v: doc.year }).commit();
  const dated = cover.addRow({ k: "Rapor tarihi", v: new Date(`${doc.asOf}T00:00:00Z`) });
  dated.getCell("v").numFmt = "dd.mm.yyyy";
  dated.getCell("v").alignment = { horizontal: "left" };
  dated.commit();
  cover.commit();

  for (const section of doc.sections) {
    for (const table of section.tables) {
      const sheet = workbook.addWorksheet(sheetName(table.title, used), {
        views: [{ state: "frozen", ySplit: 1 }],
      });
      sheet.columns = table.columns.map((c) => ({
        header: c.title,
        key: c.key,
        width: c.width ?? Math.max(12, c.title.length + 2),
        ...(c.kind === "percent" ? { style: { numFmt: "0.0%" } } : {}),
        ...(c.kind === "date" ? { style: { numFmt: "dd.mm.yyyy" } } : {}),
      }));
      styleHeader(sheet.getRow(1));
      for (const row of table.rows) {
        sheet.addRow(cells(row, table.columns)).commit();
      }
      if (table.total) {
        const total = sheet.addRow(cells(table.total, table.columns));
        total.font = { bold: true };
        total.commit();
      }
      sheet.commit();
    }
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

function cells(
  row: Record<string, string | number | null>,
  columns: Document["sections"][number]["tables"][number]["columns"],
): Record<string, string | number | Date | null> {
  const out: Record<string, string | number | Date | null> = {};
  for (const c of columns) {
    const value = row[c.key] ?? null;
    out[c.key] = c.kind === "date" && typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value;
  }
  return out;
}

function styleHeader(row: import("exceljs").Row) {
  row.font = { bold: true };
  row.fill = headerFill;
  row.alignment = { vertical: "middle", wrapText: true };
  row.commit();
}
