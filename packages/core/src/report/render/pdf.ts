/// <reference path="./vendor.d.ts" />
/**
 * The PDF rendering: a cover, then each section with its charts (ECharts SVG drawn as vectors by
 * svg-to-pdfkit) and tables, page numbers in the footer. DejaVu Sans (`fonts` from
 * `@bigep/core/render`) renders the Turkish letters. pdfkit and the chart library load on use.
 */
import { fonts } from "../../render";
import { chartSize, chartSvg } from "../chart";
import type { Table } from "../section";
import type { Document } from "./text";

const margin = 48;

export async function renderPdf(doc: Document): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const { default: SVGtoPDF } = await import("svg-to-pdfkit");
  const created = new Date(`${doc.asOf}T00:00:00Z`);
  const pdf = new PDFDocument({
    size: "A4",
    margin,
    bufferPages: true,
    info: {
      Title: `${doc.title ?? "BİGEP yıllık raporu"} — ${doc.scope.name} ${doc.year}`,
      Author: "BİGEP Platformu",
      CreationDate: created,
    },
  });
  pdf.registerFont("regular", fonts.regular);
  pdf.registerFont("bold", fonts.bold);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => pdf.on("end", resolve));

  // Cover
  pdf.font("bold").fontSize(26).text("BİGEP", { align: "center" }).moveDown(0.5);
  pdf.fontSize(18).text("Başarıyı İzleme ve Geliştirme Projesi", { align: "center" }).moveDown(2);
  pdf
    .fontSize(20)
    .text(doc.title ?? "Yıllık Rapor", { align: "center" })
    .moveDown(1);
  pdf.font("regular").fontSize(14).text(doc.scope.name, { align: "center" });
  pdf.text(`${doc.year} eğitim öğretim yılı`, { align: "center" });
  pdf
    .fontSize(11)
    .moveDown(2)
    .text(`Rapor tarihi: ${doc.asOf.split("-").reverse().join(".")}`, { align: "center" });

  for (const section of doc.sections) {
    pdf.addPage();
    pdf.font("bold").fontSize(16).text(section.title).moveDown(0.5);
    for (const chart of section.charts) {
      ensureSpace(pdf, chartSize.height + 10);
      const svg = await chartSvg(chart);
      SVGtoPDF(pdf, svg, margin, pdf.y, {
        width: chartSize.width,
        height: chartSize.height,
        fontCallback: (_family, bold) => (bold ? "bold" : "regular"),
        warningCallback: () => {},
      });
      pdf.y += chartSize.height + 10;
      pdf.x = margin;
    }
    for (const table of section.tables) drawTable(pdf, table);
  }

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.height - margin / 2 - 10;
    // Writing in the margin must not move the cursor to a new page.
    const saved = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font("regular")
      .fontSize(8)
      .text(`Sayfa ${i + 1} / ${range.count}`, margin, bottom, {
        width: pdf.page.width - 2 * margin,
        align: "center",
        lineBreak: false,
      });
    pdf.page.margins.bottom = saved;
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

function ensureSpace(pdf: PDFKit.PDFDocument, height: number) {
  if (pdf.y + height > pdf.page.height - margin) pdf.addPage();
}

function format(value: string | number | null | undefined, kind: Table["columns"][number]["kind"]): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "number") return value;
  if (kind === "percent") return `%${(value * 100).toLocaleString("tr-TR", { maximumFractionDigits: 1 })}`;
  return value.toLocaleString("tr-TR");
}

function drawTable(pdf: PDFKit.PDFDocument, table: Table) {
  const width = pdf.page.width - 2 * margin;
  const weights = table.columns.map((c) => c.width ?? 12);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / sum) * width);
  const rowHeight = (cells: string[], font: string) => {
    pdf.font(font).fontSize(8);
    return Math.max(...cells.map((text, i) => pdf.heightOfString(text, { width: (widths[i] ?? 40) - 6 }))) + 6;
  };
  const drawRow = (cells: string[], font: string, shade?: string) => {
    const h = rowHeight(cells, font);
    if (pdf.y + h > pdf.page.height - margin) pdf.addPage();
    const y = pdf.y;
    if (shade) pdf.rect(margin, y, width, h).fill(shade).fillColor("black");
    let x = margin;
    cells.forEach((text, i) => {
      const w = widths[i] ?? 40;
      const numeric = table.columns[i]?.kind !== "text";
      pdf
        .font(font)
        .fontSize(8)
        .text(text, x + 3, y + 3, { width: w - 6, align: numeric ? "right" : "left" });
      x += w;
    });
    pdf
      .moveTo(margin, y + h)
      .lineTo(margin + width, y + h)
      .lineWidth(0.3)
      .strokeColor("#999999")
      .stroke();
    pdf.x = margin;
    pdf.y = y + h;
  };
  ensureSpace(pdf, 60);
  pdf.moveDown(0.5);
  pdf.font("bold").fontSize(11).text(table.title, margin).moveDown(0.3);
  drawRow(
    table.columns.map((c) => c.title),
    "bold",
    "#dce6f1",
  );
  for (const row of table.rows)
    drawRow(
      table.columns.map((c) => format(row[c.key], c.kind)),
      "regular",
    );
  if (table.total)
    drawRow(
      table.columns.map((c) => format(table.total?.[c.key], c.kind)),
      "bold",
      "#f2f2f2",
    );
  pdf.moveDown(0.5);
}
