/**
 * Cold start: every Lambda bundle built as `infra/functions.ts` builds it (esbuild, ESM, minified,
 * node22 target, the createRequire banner, sharp external, source maps beside), its raw and gzip
 * size, whether a native image library is inside the API bundle, and the time a fresh Node
 * process needs to import the API bundle and answer one request — against a bare `node -e ''`,
 * measured interleaved in the same run.
 *
 * The request: the bundle's exported `handler` is invoked with a Lambda Function URL event
 * (payload 2.0) for GET /api/health, exactly as Lambda would; the process then exits.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { bundleSettings, initialBytes, requestLoads, splitBundleOptions } from "../infra/functions";
import { bucketEventJobs, worker } from "../packages/functions/src/jobs/registry";
import { info, maxResult, median, type Result } from "./lib/result";

const group = "cold start";
const bundleGroup = "bundles";

/** Budgets of the issue: API bundle ≤ 1 MB minified; import + first request ≤ bare node + 60 ms. */
export const budgets = { apiBytes: 1_000_000, coldDeltaMs: 60 };

export type Entry = { name: string; entry: string };

/** The API function and every job function of the registry (what the CDK stack creates). */
export function lambdaEntries(): Entry[] {
  return [
    { name: "api", entry: "packages/functions/src/api/lambda.ts" },
    { name: "jobs-worker", entry: worker.entry },
    ...bucketEventJobs.map((job) => ({ name: job.name, entry: job.entry })),
  ];
}

/**
 * Bundle one entry as the stack does (infra/functions.ts): the API code-split (its cold start
 * loads the entry and its static chunks: `raw` counts those), every job function as one file.
 */
export async function bundle(root: string, entry: Entry, outDir: string) {
  const dir = join(outDir, entry.name);
  const outfile = join(dir, "index.mjs");
  let raw: number;
  let gzip: number;
  let inputs: string[];
  let text: string;
  let loads: string | undefined;
  if (entry.name === "api") {
    const result = await build(splitBundleOptions(root, entry.entry, dir));
    const outputs = result.metafile?.outputs ?? {};
    const key = Object.keys(outputs).find((path) => resolve(path) === resolve(outfile)) as string;
    // A cold start loads the entry; each request then loads one domain (api/parts.ts). The figure
    // is the heaviest single request: what the slowest first request of a container compiles.
    const entryBytes = initialBytes(outputs, key).initial;
    const perRequest = requestLoads(root, outputs, key);
    const domains = perRequest.filter((load) => load.prefix !== "*whole");
    const heaviest = domains.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const whole = perRequest.find((load) => load.prefix === "*whole");
    const files = heaviest.files.map((path) => readFileSync(resolve(path)));
    raw = heaviest.bytes;
    gzip = files.reduce((n, file) => n + gzipSync(file).length, 0);
    // Every chunk is checked for native image code, not only the heaviest request's.
    inputs = Object.values(outputs).flatMap((output) => Object.keys(output.inputs ?? {}));
    text = Object.keys(outputs)
      .filter((path) => path.endsWith(".mjs"))
      .map((path) => readFileSync(resolve(path), "utf8"))
      .join("\n");
    loads = `heaviest request ${heaviest.prefix}; entry alone ${(entryBytes / 1024).toFixed(0)} KiB; lightest request ${(Math.min(...domains.map((d) => d.bytes)) / 1024).toFixed(0)} KiB; the whole app (OpenAPI document, docs page) ${((whole?.bytes ?? 0) / 1024).toFixed(0)} KiB`;
  } else {
    const settings = bundleSettings(root);
    const result = await build({
      ...settings,
      banner: { js: settings.banner },
      entryPoints: [join(root, entry.entry)],
      bundle: true,
      sourcemap: true,
      outfile,
      metafile: true,
      logLevel: "silent",
    });
    const code = readFileSync(outfile);
    raw = code.length;
    gzip = gzipSync(code).length;
    inputs = Object.keys(result.metafile.inputs);
    text = code.toString("utf8");
  }
  // Bundled image libraries (sharp's JS or its @img binaries), or an import of the external sharp.
  const nativeImage =
    inputs.some((path) => /node_modules\/(sharp|@img)\//.test(path)) ||
    /(from|import\(|require\()\s*["']sharp["']/.test(text);
  return { outfile, raw, gzip, nativeImage, inputs: inputs.length, loads };
}

function time(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args[0]} … exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

/** A Function URL event (payload format 2.0) for GET `path`. */
function functionUrlEvent(path: string) {
  const host = "bench.lambda-url.eu-central-1.on.aws";
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host, "user-agent": "bigep-bench", "x-forwarded-proto": "https", accept: "application/json" },
    requestContext: {
      accountId: "anonymous",
      apiId: "bench",
      domainName: host,
      domainPrefix: "bench",
      http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bigep-bench" },
      requestId: "bench",
      routeKey: "$default",
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

export async function coldStart(root: string, options: { runs: number }): Promise<Result[]> {
  const results: Result[] = [];
  // Inside the repository's node_modules, so a bundle that still imports the external sharp finds
  // it as it would in Lambda (the stack installs sharp beside such a bundle).
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, "bigep-bundles-"));
  try {
    let api: Awaited<ReturnType<typeof bundle>> | undefined;
    for (const entry of lambdaEntries()) {
      const built = await bundle(root, entry, outDir);
      if (entry.name === "api") api = built;
      const note = `${built.inputs} input files; gzip ${(built.gzip / 1024).toFixed(0)} KiB${built.loads ? `; ${built.loads}` : ""}`;
      results.push(
        entry.name === "api"
          ? maxResult(
              bundleGroup,
              "api bundle: most one request loads (minified)",
              built.raw,
              "bytes",
              budgets.apiBytes,
              note,
            )
          : info(bundleGroup, `${entry.name} bundle (minified)`, built.raw, "bytes", null, note),
        info(bundleGroup, `${entry.name} bundle (gzip)`, built.gzip, "bytes"),
      );
    }
    if (!api) throw new Error("no API entry");
    results.push({
      group: bundleGroup,
      name: "api bundle: native image library inside",
      value: api.nativeImage ? 1 : 0,
      unit: "count",
      baseline: null,
      ratio: null,
      budget: "= 0",
      pass: !api.nativeImage,
      note: "sharp or @img/* in the bundle's inputs, or an import of the external sharp",
    });

    // A local/test stage: loadSecrets() has no secret ARN to fetch, so no AWS call at cold start.
    const env = {
      PATH: process.env.PATH,
      BIGEP_STAGE: "test",
      AWS_REGION: "eu-central-1",
      AWS_ACCESS_KEY_ID: "bench",
      AWS_SECRET_ACCESS_KEY: "bench",
      BIGEP_TABLE: "bench-cold",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    const script = (path: string, status: number) =>
      [
        `const { handler } = await import(${JSON.stringify(pathToFileURL(api.outfile).href)});`,
        `const response = await handler(${JSON.stringify(functionUrlEvent(path))}, { awsRequestId: "bench", getRemainingTimeInMillis: () => 29000 });`,
        `if (response.statusCode !== ${status}) { console.error(JSON.stringify(response)); process.exit(3); }`,
      ].join("\n");
    const bare = ["-e", ""];
    const health = ["--input-type=module", "-e", script("/api/health", 200)];
    // A first request that loads a domain: anonymous, so it ends in the gate's 401 without a table.
    const domain = ["--input-type=module", "-e", script("/api/activities/act_01JD0000000000000000000000", 401)];
    // One untimed run of each fills the file cache; then interleaved, so drift hits all alike.
    for (const args of [bare, health, domain]) await time(args, env);
    const bareMs: number[] = [];
    const healthMs: number[] = [];
    const domainMs: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      bareMs.push(await time(bare, env));
      healthMs.push(await time(health, env));
      domainMs.push(await time(domain, env));
    }
    const base = median(bareMs);
    const value = median(healthMs);
    const first = median(domainMs);
    /** A figure against bare node; `budgetMs` over it, or none (information). */
    const overBare = (name: string, value: number, budgetMs: number | null, note: string): Result => ({
      group,
      name,
      value: Number(value.toFixed(1)),
      unit: "ms",
      baseline: Number(base.toFixed(1)),
      ratio: Number((value / base).toFixed(3)),
      budget: budgetMs === null ? null : `≤ baseline + ${budgetMs} ms`,
      pass: budgetMs === null || value - base <= budgetMs,
      note: `${note}; +${(value - base).toFixed(1)} ms over bare node`,
    });
    results.push(
      info(group, "bare node -e ''", base, "ms", null, `median of ${options.runs} fresh processes`),
      overBare(
        "api: import bundle + answer GET /api/health",
        value,
        budgets.coldDeltaMs,
        `median of ${options.runs} fresh processes, interleaved with the baseline; handler invoked with a Function URL event; the entry answers the probe without loading a domain`,
      ),
      overBare(
        "api: import bundle + first request of a domain",
        first,
        null,
        "GET /api/activities/{id} without a session (401 from the gate): loads the shared app and the activities routes; no budget in the issue, shown so the health figure is not read as the whole cold start",
      ),
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return results;
}
