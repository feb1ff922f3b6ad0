/**
 * The API bundle as the stack builds it (esbuild with infra/functions.ts settings): what it must
 * not carry, and its size. Timings: scripts/api-cold-start.ts.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { bundleSettings, initialBytes, requestLoads, splitBundleOptions } from "./functions";

const root = fileURLToPath(new URL("..", import.meta.url));

async function bundle(entry: string): Promise<{ code: string; inputs: string[]; bytes: number }> {
  const settings = bundleSettings(root);
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    outfile: "index.mjs",
    metafile: true,
    logLevel: "silent",
    ...settings,
    banner: { js: settings.banner },
  });
  const code = result.outputFiles[0]!.text;
  // The modules whose code made it into the output (the metafile's inputs also list tree-shaken ones).
  const output = Object.values((result.metafile as Metafile).outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  return { code, inputs, bytes: Buffer.byteLength(code) };
}

/** The API as infra/api.ts builds it: code-split, in memory. */
async function splitApi() {
  const outdir = join(root, ".data/bundle-test");
  const result = await build({
    ...splitBundleOptions(root, "packages/functions/src/api/lambda.ts", outdir),
    write: false,
  });
  const outputs = (result.metafile as Metafile).outputs;
  const entry = Object.keys(outputs).find((path) => path.endsWith("bundle-test/index.mjs")) as string;
  const code = result.outputFiles.filter((f) => f.path.endsWith(".mjs")).map((f) => f.text);
  const inputs = Object.values(outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  const loaded = initialBytes(outputs, entry);
  // The modules a cold start compiles: the inputs of the entry and of its static chunks.
  const initialInputs = loaded.files.flatMap((file) =>
    Object.entries(outputs[file]?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  const inputsOf = (files: string[]) =>
    files.flatMap((file) =>
      Object.entries(outputs[file]?.inputs ?? {})
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
  const requests = requestLoads(root, outputs, entry).map((load) => ({ ...load, inputs: inputsOf(load.files) }));
  return { code: code.join("\n"), inputs, initial: loaded.initial, total: loaded.total, initialInputs, requests };
}

let api: Awaited<ReturnType<typeof splitApi>>;
let verify: Awaited<ReturnType<typeof bundle>>;

beforeAll(async () => {
  [api, verify] = await Promise.all([splitApi(), bundle("packages/functions/src/jobs/verify-evidence.ts")]);
}, 120_000);

describe("API bundle", () => {
  test("holds no sharp, no croner, nothing of the local runtime and no system entry", () => {
    const forbidden = api.inputs.filter((path) =>
      /node_modules\/(sharp|croner|file-type)\/|packages\/functions\/src\/local\/|packages\/core\/src\/[^/]+\/system\.ts|evidence\/inspect\.ts/.test(
        path,
      ),
    );
    expect(forbidden).toEqual([]);
    expect(api.code).not.toMatch(/["']sharp["']/);
  });

  test("carries one locale of zod, not all of them", () => {
    // index.js is the re-export list `zod/locales` names (no messages of its own); the locales are the rest.
    const locales = api.inputs.filter((path) => path.includes("zod/v4/locales/") && !path.endsWith("/index.js"));
    expect(locales.map((path) => path.replace(/.*locales\//, "")).sort()).toEqual(["en.js", "tr.js"]);
  });

  test("a cold start loads the entry only; any one request at most 1 MB; the S3, SES and SQS clients only when used", () => {
    // Issue 8's budget is 1 MB. The whole app is ≈ 1.17 MB since reviews, partnerships, calendars
    // and reports landed, so the Lambda loads one domain's routes per request (api/parts.ts).
    const domains = api.requests.filter((load) => load.prefix !== "*whole");
    const heaviest = domains.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log(
      `API bundle: entry ${(api.initial / 1024).toFixed(0)} KB; heaviest request ${heaviest.prefix} ${(heaviest.bytes / 1024).toFixed(0)} KB; ${(api.total / 1024).toFixed(0)} KB in all`,
    );
    expect(api.initial).toBeLessThanOrEqual(64 * 1024);
    expect(domains.length).toBeGreaterThanOrEqual(19);
    expect(domains.filter((load) => load.bytes > 1_000_000).map((load) => load.prefix)).toEqual([]);
    // Each prefix loads less than the whole app: otherwise the manifest splits nothing.
    const whole = api.requests.find((load) => load.prefix === "*whole")?.bytes ?? 0;
    expect(heaviest.bytes).toBeLessThan(whole);
    const eager = domains.flatMap((load) =>
      load.inputs
        .filter((path) =>
          /@aws-sdk\/(client-s3|client-sesv2|client-sqs|s3-presigned-post|s3-request-presigner)\//.test(path),
        )
        .map((path) => `${load.prefix}: ${path}`),
    );
    expect(eager).toEqual([]);
    expect(api.initialInputs.filter((path) => /zod|electrodb|@aws-sdk/.test(path))).toEqual([]);
  });
});

describe("verification bundle", () => {
  test("loads sharp lazily, from its own install beside the bundle", () => {
    expect(verify.code).toMatch(/import\(["']sharp["']\)/);
    expect(verify.inputs.some((path) => path.includes("node_modules/sharp/"))).toBe(false);
  });
});
