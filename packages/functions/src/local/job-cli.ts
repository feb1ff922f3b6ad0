/**
 * `npm run job -- <type> [--as-of YYYY-MM-DD] [--param k=v]…`: runs any job against the running
 * local stack (`npm start`), as the system, and follows it until it ends. The stack is found
 * through `.data/local.json` (written by start.ts while it runs; BIGEP_DATA_DIR moves it), or
 * BIGEP_API_URL. Values of `--param` are JSON when they parse as JSON (numbers, true/false),
 * text otherwise. Exit code 0 when the job succeeded, 1 otherwise.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

async function apiUrl(): Promise<string> {
  if (process.env.BIGEP_API_URL) return process.env.BIGEP_API_URL;
  const file = resolve(root, process.env.BIGEP_DATA_DIR ?? ".data", "local.json");
  try {
    return (JSON.parse(await readFile(file, "utf8")) as { api: string }).api;
  } catch {
    throw new Error(`Çalışan yerel sistem bulunamadı (${file} yok): önce "npm start".`);
  }
}

function paramsOf(pairs: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at < 1) throw new Error(`--param anahtar=değer biçiminde olmalı: "${pair}"`);
    const value = pair.slice(at + 1);
    try {
      params[pair.slice(0, at)] = JSON.parse(value);
    } catch {
      params[pair.slice(0, at)] = value;
    }
  }
  return params;
}

type JobView = { id: string; status: string; progress: number; error?: string; result?: unknown };

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { "as-of": { type: "string" }, param: { type: "string", multiple: true } },
  });
  const [type] = positionals;
  if (!type) throw new Error("Kullanım: npm run job -- <iş türü> [--as-of YYYY-MM-DD] [--param k=v]");
  const api = await apiUrl();
  const body = { params: paramsOf(values.param ?? []), ...(values["as-of"] ? { asOf: values["as-of"] } : {}) };
  const started = await fetch(`${api}/api/dev/jobs/${encodeURIComponent(type)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!started.ok) throw new Error(`${started.status}: ${await started.text()}`);
  let job = (await started.json()) as JobView;
  console.log(`${type}: ${job.id} başlatıldı`);
  let shown = -1;
  while (job.status === "queued" || job.status === "running") {
    await new Promise((done) => setTimeout(done, 500));
    const res = await fetch(`${api}/api/dev/job-status/${job.id}`);
    if (!res.ok) throw new Error(`${res.status}: ${await res.text()}`);
    job = (await res.json()) as JobView;
    if (job.progress !== shown) {
      shown = job.progress;
      console.log(`${job.status} %${job.progress}${job.error ? ` (son hata: ${job.error})` : ""}`);
    }
  }
  console.log(`${job.status}${job.error ? `: ${job.error}` : ""}`);
  if (job.result !== undefined) console.log(JSON.stringify(job.result, null, 2));
  return job.status === "succeeded" ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
