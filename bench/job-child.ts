/**
 * One CSV import in a fresh process, so its peak RSS is the import's own:
 * `node --import tsx bench/job-child.ts schools|staff <rows> <province|school>`. Prints one JSON
 * line: rows, written, errors, ms, DynamoDB calls, two baselines measured just before (the median
 * single PutItem round trip, and the time per item of school-sized PutItems 25 in flight), the RSS
 * once everything is loaded and the peak RSS.
 */
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { dynamo } from "../packages/core/src/db";
import { config } from "../packages/core/src/util/config";
import { importSchools, importStaff } from "./imports";
import { median } from "./lib/result";

const [kind, rowsText, target] = process.argv.slice(2);
const rows = Number(rowsText);
if ((kind !== "schools" && kind !== "staff") || !rows || !target) {
  throw new Error("usage: job-child.ts schools|staff <rows> <province|school>");
}

const levels = [
  ["İlkokul", "İlkokul"],
  ["Ortaokul", "Ortaokul"],
  ["Lise", "Anadolu Lisesi"],
  ["Okul Öncesi", "Anaokulu"],
] as const;

/** A schools CSV of `rows` new schools over the province's 20 bench districts. */
function schoolsCsv(): string {
  const lines = ["kurum_kodu,okul_adi,kademe,tur,ilce,eposta,telefon,adres"];
  for (let i = 0; i < rows; i++) {
    const [level, type] = levels[i % levels.length] as (typeof levels)[number];
    const code = String(90_000_000 + i);
    const district = `Aktarım İlçe ${(i % 20) + 1}`;
    lines.push(
      `${code},"${district} ${i + 1}. ${type}",${level},${type},${district},${code}@meb.k12.tr,0224 555 ${String(i % 100).padStart(2, "0")} ${String(i % 97).padStart(2, "0")},"Cumhuriyet Mah. Okul Sok. No:${i + 1}"`,
    );
  }
  return lines.join("\n");
}

/** A staff CSV of `rows` new people (teachers, some principals and commission members). */
function staffCsv(): string {
  const roles = ["öğretmen", "öğretmen", "öğretmen", "komisyon üyesi", "müdür yardımcısı"];
  const lines = ["ad_soyad,eposta,rol"];
  for (let i = 0; i < rows; i++)
    lines.push(`Personel Kişi ${i + 1},personel${i + 1}@aktarim.meb.gov.tr,${roles[i % roles.length]}`);
  return lines.join("\n");
}

const csv = kind === "schools" ? schoolsCsv() : staffCsv();

// Baseline: one small PutItem round trip to the same table, measured now.
const puts: number[] = [];
for (let i = 0; i < 40; i++) {
  const started = performance.now();
  await dynamo().send(
    new PutItemCommand({
      TableName: config().tableName,
      Item: { pk: { S: `bench#put#${kind}#${i}` }, sk: { S: "-" }, n: { N: String(i) } },
    }),
  );
  if (i >= 10) puts.push(performance.now() - started);
}

// Baseline for imports that write rows 25 at a time: the same number of school-sized items with
// both index keys, written directly with conditional PutItems 25 in flight; time per item.
const direct = Math.min(rows, 250);
const directStarted = performance.now();
for (let at = 0; at < direct; at += 25) {
  await Promise.all(
    Array.from({ length: Math.min(25, direct - at) }, (_, j) => {
      const code = `bench-direct-${kind}-${at + j}`;
      return dynamo().send(
        new PutItemCommand({
          TableName: config().tableName,
          Item: {
            pk: { S: `$bench#school_1#code_${code}` },
            sk: { S: "$school_1" },
            gsi1pk: { S: `$bench#districtid_16-aktarim-ilce-${j % 20}` },
            gsi1sk: { S: `$school_1#code_${code}` },
            gsi2pk: { S: "$bench#provincecode_16" },
            gsi2sk: { S: `$school_1#districtid_16-aktarim-ilce-${j % 20}#code_${code}` },
            name: { S: `Aktarım İlçe ${j % 20} ${at + j}. Anadolu Lisesi` },
            email: { S: `${code}@meb.k12.tr` },
            address: { S: "Cumhuriyet Mah. Okul Sok. No:1" },
            version: { N: "1" },
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    }),
  );
}
const directMs = (performance.now() - directStarted) / direct;

// Count the import's DynamoDB calls (reported per row next to the time).
let calls = 0;
dynamo().middlewareStack.add(
  (next) => async (args) => {
    calls += 1;
    return next(args);
  },
  { step: "initialize", name: "benchCounter" },
);

const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const report = kind === "schools" ? await importSchools(target, csv) : await importStaff(target, csv);
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    kind,
    rows,
    ...report,
    ms,
    putMs: median(puts),
    directMs,
    calls,
    rssBefore,
    peakRss: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
process.exit(0);
