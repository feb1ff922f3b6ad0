/**
 * The API bundle as the stack builds it (esbuild with infra/functions.ts settings): what it must
 * not carry, and its size. Timings: scripts/api-cold-start.ts.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { bundleSettings, initialBytes, splitBundleOptions } from "./functions";

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
  return { code: code.join("\n"), inputs, initial: loaded.initial, total: loaded.total, initialInputs };
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

  test("loads at most 1.18 MB at a cold start; the S3, SES and SQS clients only when used", () => {
    // What a cold start compiles: the entry and the chunks it imports statically; the SDK clients a
    // request may need later are chunks of their own. Issue 8's budget is 1 MB: met (966 KB) before
    // reviews, partnerships, calendars and reports landed; with them it is ≈ 1.11 MB, so `npm run
    // bench` reports the budget failing. This ceiling only stops further growth until the domains'
    // routes load on demand.
    console.log(
      `API bundle: ${(api.initial / 1024).toFixed(0)} KB at cold start, ${(api.total / 1024).toFixed(0)} KB in all`,
    );
    expect(api.initial).toBeLessThanOrEqual(1_180_000);
    const eager = api.initialInputs.filter((path) =>
      /@aws-sdk\/(client-s3|client-sesv2|client-sqs|s3-presigned-post|s3-request-presigner)\//.test(path),
    );
    expect(eager).toEqual([]);
  });
});

describe("verification bundle", () => {
  test("loads sharp lazily, from its own install beside the bundle", () => {
    expect(verify.code).toMatch(/import\(["']sharp["']\)/);
    expect(verify.inputs.some((path) => path.includes("node_modules/sharp/"))).toBe(false);
  });
});
