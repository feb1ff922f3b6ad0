/**
 * The files of a partnership's yearly evaluation report: JSON, XLSX and a printable PDF (Turkish
 * letters in DejaVu Sans, a bar chart of indicator attainment), rendered by the report job from
 * the report's compiled figures and narrative with the yearly reports' renderers, stored in S3
 * under the partnership (`partnerships/<id>/<year>/r<rev>/`). Loaded on use by `compileNow`
 * only: exceljs, pdfkit and ECharts never reach the API's start-up code.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { isConditionFailure } from "../db";
import type { Json } from "../job/define";
import { renderPdf } from "../report/render/pdf";
import { type Document, renderJson } from "../report/render/text";
import { renderXlsx } from "../report/render/xlsx";
import type { Chart, Table } from "../report/section";
import { bucket, s3 } from "../storage/system";
import { now } from "../util/clock";
import type { PlanAttainment } from "./attainment";
import { entities } from "./entities";
import { type ChainStatus, chainStatusLabels, type Topic, topicLabels } from "./fields";
import type { Info as ReportInfo } from "./report";
import type { Stored } from "./store";

export const fileFormats = ["json", "xlsx", "pdf"] as const;
export type FileFormat = (typeof fileFormats)[number];
export const fileTypes: Record<FileFormat, string> = {
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** What the job compiles (`compileNow`); the files show exactly these figures. */
export type Compiled = {
  plan: { version: number; status: ChainStatus; items: number };
  attainment: PlanAttainment;
  activities: number;
  byItem: { itemId: string; title: string; topic: Topic; activities: { title: string; date: string }[] }[];
  unmet: string[];
  meetings?: { title: string; startsAt: string; mode: "online" | "in_person" }[];
};

export type StoredFiles = {
  rev: number;
  renderedAt: string;
  items: { format: FileFormat; key: string; size: number }[];
};

const narrativeTitles: Record<string, string> = {
  summary: "Genel değerlendirme",
  findings: "Bulgular",
  nextSteps: "Gelecek yıl için öneriler",
};

/** A percent (0–100) as the fraction the `percent` columns take. */
const fraction = (percent: number | null) => (percent === null ? null : percent / 100);

const trDateTime = (local: string) =>
  `${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)} ${local.slice(11, 16)}`;

/** The report as the yearly reports' renderers take it (pure). */
export function documentOf(p: Stored, report: ReportInfo, asOf: string): Document {
  const compiled = report.compiled as Compiled;
  const att = compiled.attainment;
  const names = p.schools.map((s) => s.name).join(" – ");
  const indicators: Table = {
    id: "indicators",
    title: "Göstergeler",
    columns: [
      { key: "item", title: "Plan maddesi", kind: "text", width: 22 },
      { key: "name", title: "Gösterge", kind: "text", width: 22 },
      { key: "unit", title: "Birim", kind: "text", width: 8 },
      { key: "owner", title: "Okul", kind: "text", width: 10 },
      { key: "baseline", title: "Başlangıç", kind: "number", width: 9 },
      { key: "target", title: "Hedef", kind: "number", width: 9 },
      { key: "value", title: "Gerçekleşen", kind: "number", width: 10 },
      { key: "percent", title: "Gerçekleşme", kind: "percent", width: 11 },
    ],
    rows: att.items.flatMap((item) =>
      item.indicators.map((ind) => ({
        item: item.title,
        name: ind.name,
        unit: ind.unit,
        owner: p.schools.find((s) => s.code === ind.owner)?.name ?? ind.owner,
        baseline: ind.baseline,
        target: ind.target,
        value: ind.value,
        percent: ind.percent / 100,
      })),
    ),
    // The plan's attainment (mean of its items' means), the figure the workspace shows.
    total: {
      item: "Plan geneli",
      name: null,
      unit: null,
      owner: null,
      baseline: null,
      target: null,
      value: null,
      percent: fraction(att.percent),
    },
  };
  const items: Table = {
    id: "items",
    title: "Plan maddeleri",
    columns: [
      { key: "title", title: "Plan maddesi", kind: "text", width: 30 },
      { key: "topic", title: "Konu başlığı", kind: "text", width: 34 },
      { key: "activities", title: "Ortak etkinlik", kind: "number", width: 10 },
      { key: "percent", title: "Gerçekleşme", kind: "percent", width: 10 },
    ],
    rows: [
      ...compiled.byItem.map((item) => ({
        title: item.title,
        topic: topicLabels[item.topic] ?? item.topic,
        activities: item.activities.length,
        percent: fraction(att.items.find((a) => a.itemId === item.itemId)?.percent ?? null),
      })),
      {
        title: "Plana bağlı olmayan",
        topic: "—",
        activities: compiled.activities - compiled.byItem.reduce((s, i) => s + i.activities.length, 0),
        percent: null,
      },
    ],
    total: {
      title: "Toplam",
      topic: null,
      activities: compiled.activities,
      percent: fraction(att.percent),
    },
  };
  const meetings: Table = {
    id: "meetings",
    title: "Toplantılar",
    columns: [
      { key: "startsAt", title: "Tarih ve saat", kind: "text", width: 14 },
      { key: "title", title: "Toplantı", kind: "text", width: 40 },
      { key: "mode", title: "Biçim", kind: "text", width: 12 },
    ],
    rows: (compiled.meetings ?? []).map((m) => ({
      startsAt: trDateTime(m.startsAt),
      title: m.title,
      mode: m.mode === "online" ? "Çevrim içi" : "Yüz yüze",
    })),
    total: { startsAt: "Toplam", title: String(compiled.meetings?.length ?? 0), mode: null },
  };
  const summary: Table = {
    id: "summary",
    title: "Özet",
    columns: [
      { key: "k", title: "Alan", kind: "text", width: 20 },
      { key: "v", title: "Değer", kind: "text", width: 50 },
    ],
    rows: [
      { k: "Ortak okullar", v: names },
      { k: "I. grup okul", v: p.schools.find((s) => s.code === p.leadSchool)?.name ?? p.leadSchool },
      ...p.schools.map((s) => ({ k: `Koordinatör (${s.name})`, v: p.coordinators[s.code]?.name ?? "—" })),
      { k: "Plan sürümü", v: `${compiled.plan.version} (${chainStatusLabels[compiled.plan.status]})` },
      { k: "Rapor durumu", v: chainStatusLabels[report.status] },
    ],
  };
  const narrative: Table = {
    id: "narrative",
    title: "Değerlendirme",
    columns: [
      { key: "part", title: "Bölüm", kind: "text", width: 14 },
      { key: "text", title: "Metin", kind: "text", width: 60 },
    ],
    // One row per paragraph: a PDF table row must fit on a page.
    rows: Object.entries(narrativeTitles).flatMap(([key, title]) =>
      ((report.narrative as Record<string, string | undefined>)[key] ?? "")
        .split(/\n\s*\n/)
        .map((text) => text.trim())
        .filter(Boolean)
        .map((text, i) => ({ part: i === 0 ? title : "", text })),
    ),
  };
  const chart: Chart = {
    id: "attainment",
    title: "Göstergelerin gerçekleşme oranı (%)",
    labels: att.items.flatMap((i) =>
      i.indicators.map((ind) => (ind.name.length > 28 ? `${ind.name.slice(0, 27)}…` : ind.name)),
    ),
    series: [{ name: "Gerçekleşme (%)", values: att.items.flatMap((i) => i.indicators.map((ind) => ind.percent)) }],
  };
  const json = {
    partnershipId: p.id,
    schools: p.schools.map((s) => ({ code: s.code, name: s.name, province: s.province })),
    status: report.status,
    rev: report.rev,
    compiled: compiled as unknown as Json,
    narrative: report.narrative as Json,
  } as Json;
  return {
    title: "Okul Ortaklığı Değerlendirme Raporu",
    scope: { type: "partnership", id: p.id, name: names },
    year: report.year,
    asOf,
    sections: [
      { id: "partnership", title: "Ortaklık ve değerlendirme", json, tables: [summary, narrative], charts: [] },
      {
        id: "attainment",
        title: "Göstergeler ve gerçekleşme",
        json: null,
        tables: [indicators, items],
        charts: [chart],
      },
      { id: "meetings", title: "Toplantılar", json: null, tables: [meetings], charts: [] },
    ],
  };
}

/** Renders and stores the report's files; records them on the report (figures unchanged). */
export async function renderFiles(p: Stored, report: ReportInfo, asOf: string): Promise<StoredFiles> {
  const doc = documentOf(p, report, asOf);
  const prefix = `partnerships/${p.id}/${report.year}/r${report.rev}/`;
  const rendered: [FileFormat, () => Promise<string | Buffer>][] = [
    ["json", async () => renderJson(doc)],
    ["xlsx", () => renderXlsx(doc)],
    ["pdf", () => renderPdf(doc)],
  ];
  const items: StoredFiles["items"] = [];
  for (const [format, render] of rendered) {
    const body = await render();
    const key = `${prefix}rapor.${format}`;
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: fileTypes[format] }));
    items.push({ format, key, size: typeof body === "string" ? Buffer.byteLength(body) : body.length });
  }
  const files: StoredFiles = { rev: report.rev, renderedAt: now().toISOString(), items };
  // Derived output, not a user edit: no rev bump, and only while the report is still that revision.
  try {
    await entities()
      .Report.patch({ partnershipId: p.id, schoolYear: report.year })
      .set({ files })
      .where((a, { eq }) => eq(a.rev, report.rev))
      .go();
  } catch (error) {
    // Edited meanwhile: these files show an older revision; the next compile renders the new one.
    if (!isConditionFailure(error)) throw error;
  }
  return files;
}
