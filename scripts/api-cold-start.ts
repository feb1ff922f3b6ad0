/**
 * API bundle budget (issue 8): bundles the API entry with the deploy settings (infra/functions.ts),
 * prints its size, then times 15 fresh `node` processes that import it and answer one
 * `GET /api/health` (a Function URL event), against 15 bare `node` processes in the same run.
 * Budgets: ≤ 1 MB minified; median import + first request ≤ bare node + 60 ms.
 *
 *   npx tsx scripts/api-cold-start.ts [runs=15] [--compare other/index.mjs]
 *
 * `--compare` times another API bundle in the same run (e.g. one built from an older commit).
 * Bundles are written under .data/bench/ so that, as in Lambda, a `sharp` import would resolve.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { initialBytes, requestLoads, splitBundleOptions } from "../infra/functions";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const compareAt = args.indexOf("--compare");
const compare = compareAt >= 0 ? resolve(args[compareAt + 1] ?? "") : undefined;
const runs = Number(args.find((a, i) => /^\d+$/.test(a) && i !== compareAt + 1) ?? 15);
const dir = join(root, ".data/bench");
mkdirSync(dir, { recursive: true });
const outfile = join(dir, "index.mjs");
// Built as infra/api.ts builds it: code-split; `size` is what a cold start loads.
const result = await build(splitBundleOptions(root, "packages/functions/src/api/lambda.ts", dir));
const outputs = result.metafile?.outputs ?? {};
const entryKey = Object.keys(outputs).find((path) => resolve(path) === outfile) as string;
const size = initialBytes(outputs, entryKey).initial;
// What the heaviest single request loads on top (one domain's routes: api/parts.ts).
const heaviest = requestLoads(root, outputs, entryKey)
  .filter((load) => load.prefix !== "*whole")
  .reduce((a, b) => (b.bytes > a.bytes ? b : a));

const event = {
  version: "2.0",
  rawPath: "/api/health",
  rawQueryString: "",
  headers: { host: "localhost" },
  requestContext: { http: { method: "GET", path: "/api/health", sourceIp: "127.0.0.1" }, requestId: "bench" },
  isBase64Encoded: false,
};
// CPU time of the whole process (user + system), printed last: far less disturbed than wall
// time when other work shares the machine.
const cpu = "{ const u = process.cpuUsage(); console.log((u.user + u.system) / 1000); }";

function probeFor(bundle: string, name: string): string {
  const probe = join(dir, `${name}.mjs`);
  writeFileSync(
    probe,
    `const { handler } = await import(${JSON.stringify(bundle)});
const res = await handler(${JSON.stringify(event)}, { awsRequestId: "bench" });
if (res.statusCode !== 200) { console.error(res); process.exit(1); }
${cpu}`,
  );
  return probe;
}
const probe = probeFor(outfile, "probe");
const compareProbe = compare ? probeFor(compare, "probe-compare") : undefined;

const env = { ...process.env, BIGEP_STAGE: "bench", AWS_REGION: "eu-central-1", BIGEP_TABLE: "t", BIGEP_BUCKET: "b" };
const cpuTimes = new Map<string, number[]>();
function time(args: string[], series: string): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${r.stderr}`);
  const lines = String(r.stdout).trim().split("\n");
  cpuTimes.set(series, [...(cpuTimes.get(series) ?? []), Number(lines.at(-1))]);
  return ms;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const bare: number[] = [];
const api: number[] = [];
const other: number[] = [];
// Interleaved, so a busy moment of the machine hits all series alike.
for (let i = 0; i < runs; i++) {
  bare.push(time(["-e", cpu], "bare"));
  api.push(time([probe], "api"));
  if (compareProbe) other.push(time([compareProbe], "compare"));
}
const over = median(api) - median(bare);
const cpuOf = (series: string) => median(cpuTimes.get(series) ?? []);
const cpuOver = (series: string) =>
  `CPU ${cpuOf(series).toFixed(0)} ms (+${(cpuOf(series) - cpuOf("bare")).toFixed(0)})`;
console.log(
  `API bundle: entry ${(size / 1024).toFixed(0)} KB; heaviest request (${heaviest.prefix}) ${(heaviest.bytes / 1000).toFixed(0)} kB minified (budget 1000 kB)`,
);
console.log(`bare node: median ${median(bare).toFixed(0)} ms wall, CPU ${cpuOf("bare").toFixed(0)} ms, of ${runs}`);
console.log(
  `import + GET /api/health: median ${median(api).toFixed(0)} ms wall (+${over.toFixed(0)} ms; budget +60 ms), ${cpuOver("api")}`,
);
if (compare) {
  console.log(
    `compared bundle (${(statSync(compare).size / 1024).toFixed(0)} KB): median ${median(other).toFixed(0)} ms wall (+${(median(other) - median(bare)).toFixed(0)} ms), ${cpuOver("compare")}`,
  );
}
