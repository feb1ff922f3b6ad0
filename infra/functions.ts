import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AssetHashType, CfnResource, DockerImage, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { LogLevel, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";

/**
 * Credential sources the SDK's default chain loads lazily (`import()`) after the environment:
 * in Lambda the role's credentials are always in the environment, so these are never reached,
 * yet esbuild would inline them (≈ 110 KB with the STS/SSO clients they carry). Left external,
 * they stay out of the bundle; reaching one would fail loudly ("Cannot find package").
 */
const lambdaUnusedCredentialProviders = [
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-web-identity",
  "@aws-sdk/credential-provider-login",
  "@aws-sdk/credential-provider-http",
  "@aws-sdk/nested-clients",
  "@aws-sdk/token-providers",
  "@smithy/credential-provider-imds",
];

/**
 * esbuild settings of every function bundle, shared with the bundle test and the cold-start
 * script (scripts/api-cold-start.ts), so what they measure is what deploys. `zod` resolves to
 * infra/bundling/zod: zod's entry without the namespaces that drag in every locale.
 */
export function bundleSettings(root: string) {
  return {
    format: "esm" as const,
    platform: "node" as const,
    mainFields: ["module", "main"],
    banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    minify: true,
    target: "node22",
    external: ["sharp", ...lambdaUnusedCredentialProviders],
    alias: { zod: join(root, "infra/bundling/zod"), jsonschema: join(root, "infra/bundling/jsonschema.cjs") },
  };
}

/**
 * esbuild options of a code-split function (the API): the entry becomes `index.mjs`, and every
 * dynamic `import()` (the S3 SDK and presigners, SES, SQS, PDF and spreadsheet work) becomes a
 * chunk under `chunks/` that Node loads on first use. A cold start compiles only the entry and
 * the chunks it imports statically: see `initialBytes`.
 */
export function splitBundleOptions(root: string, entry: string, outdir: string) {
  const settings = bundleSettings(root);
  return {
    ...settings,
    banner: { js: settings.banner },
    entryPoints: { index: join(root, entry) },
    bundle: true,
    splitting: true,
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    sourcemap: true,
    metafile: true,
    logLevel: "warning" as const,
  };
}

type Outputs = Record<string, { bytes: number; imports: { path: string; kind: string }[]; entryPoint?: string }>;

/**
 * What a cold start loads of a split bundle: the entry output and, transitively, the chunks it
 * imports statically (dynamic imports load later, when a request needs them). Bytes, excluding
 * source maps. `entryOutput` is the entry's key in the metafile's outputs.
 */
export function initialBytes(
  outputs: Outputs,
  entryOutput: string,
): { initial: number; total: number; files: string[] } {
  const seen = new Set<string>();
  const stack = [entryOutput];
  while (stack.length) {
    const path = stack.pop() as string;
    if (seen.has(path) || !outputs[path]) continue;
    seen.add(path);
    for (const i of outputs[path].imports) if (i.kind === "import-statement") stack.push(i.path);
  }
  let initial = 0;
  let total = 0;
  for (const [path, output] of Object.entries(outputs)) {
    if (path.endsWith(".map")) continue;
    total += output.bytes;
    if (seen.has(path)) initial += output.bytes;
  }
  return { initial, total, files: [...seen] };
}

/**
 * What one cold request loads of the split API bundle, per prefix of the Lambda's route manifest
 * (`packages/functions/src/api/parts.ts`): the entry, the shared app (`compose.ts`), the secrets
 * loader and the prefix's route modules, each with the chunks it imports statically. `"*whole"` is
 * the whole app (`app.ts`), which only the OpenAPI document and the docs page load. Bytes,
 * excluding source maps; the manifest's `import("./routes/…")` lines name the route modules.
 */
export function requestLoads(
  root: string,
  outputs: Outputs,
  entryOutput: string,
): { prefix: string; bytes: number; files: string[] }[] {
  const api = "packages/functions/src/api";
  const byEntry = new Map<string, string>();
  for (const [path, output] of Object.entries(outputs)) if (output.entryPoint) byEntry.set(output.entryPoint, path);
  const chunkOf = (source: string) => {
    const chunk = byEntry.get(source);
    if (!chunk) throw new Error(`${source} is not a chunk of its own: is it still imported with import()?`);
    return chunk;
  };
  const closure = (starts: string[]) => {
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length) {
      const path = stack.pop() as string;
      if (seen.has(path) || !outputs[path]) continue;
      seen.add(path);
      for (const i of outputs[path].imports) if (i.kind === "import-statement") stack.push(i.path);
    }
    const files = [...seen];
    return { bytes: files.reduce((n, path) => n + (outputs[path]?.bytes ?? 0), 0), files };
  };
  const shared = [entryOutput, chunkOf(`${api}/compose.ts`), chunkOf("packages/core/src/util/secrets.ts")];
  const manifest = readFileSync(join(root, api, "parts.ts"), "utf8");
  const loads = [...manifest.matchAll(/^ {2}"(\/api\/[^"]+)": async \(\) =>([\s\S]*?)(?=^ {2}"\/api|^};)/gm)].map(
    ([, prefix, body]) => {
      const routes = [...(body ?? "").matchAll(/import\("\.\/(routes\/[^"]+)"\)/g)].map((m) =>
        chunkOf(`${api}/${m[1]}.ts`),
      );
      return { prefix: prefix as string, ...closure([...shared, ...routes]) };
    },
  );
  if (loads.length === 0) throw new Error("no prefixes read from parts.ts");
  loads.push({ prefix: "*whole", ...closure([entryOutput, chunkOf(`${api}/app.ts`), ...shared.slice(2)]) });
  return loads;
}

/**
 * What every function of the stack shares: nodejs22.x on arm64, memory, timeout, reserved
 * concurrency, source-mapped stack traces and a log group of its own with bounded retention.
 */
function houseProps(scope: Construct, id: string, options: Omit<FunctionOptions, "bundleSharp">) {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: logs.RetentionDays.ONE_MONTH,
    removalPolicy: options.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  return {
    description: options.description,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: options.memorySize ?? 1024,
    timeout: options.timeout ?? Duration.seconds(30),
    ...(options.reservedConcurrency ? { reservedConcurrentExecutions: options.reservedConcurrency } : {}),
    logGroup,
    environment: { ...options.environment, NODE_OPTIONS: "--enable-source-maps" },
  };
}

/** Files read at run time from `config().codeRoot` (the docs page's assets), copied beside the bundle. */
const apiAssets = [{ pkg: "swagger-ui-dist", files: ["swagger-ui.css", "swagger-ui-bundle.js"] }];

/**
 * A code-split Node.js Lambda (the API): esbuild runs locally at synth (no Docker), splitting on
 * dynamic imports, which `NodejsFunction` cannot do (it bundles to one file). Same runtime,
 * architecture, log group and settings as `nodeFunction`; the asset hash is the output's.
 */
export function splitFunction(scope: Construct, id: string, options: Omit<FunctionOptions, "bundleSharp">) {
  const code = lambda.Code.fromAsset(options.root, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: local bundling always succeeds (esbuild is a dependency of this repository).
      image: DockerImage.fromRegistry("public.ecr.aws/docker/library/node:22"),
      local: {
        tryBundle(outputDir: string) {
          const { buildSync } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
          buildSync(splitBundleOptions(options.root, options.entry, outputDir));
          const require = createRequire(join(options.root, "package.json"));
          for (const asset of apiAssets) {
            const from = dirname(require.resolve(`${asset.pkg}/package.json`));
            mkdirSync(join(outputDir, asset.pkg), { recursive: true });
            for (const file of asset.files) copyFileSync(join(from, file), join(outputDir, asset.pkg, file));
          }
          return true;
        },
      },
    },
  });
  return new lambda.Function(scope, id, {
    code,
    handler: "index.handler",
    ...houseProps(scope, id, options),
  });
}

export type FunctionOptions = {
  /** Repository root; `entry` is relative to it. */
  root: string;
  entry: string;
  description: string;
  environment: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  /** Concurrency kept for this function alone (and its ceiling). */
  reservedConcurrency?: number;
  /** Ship `sharp` (linux-arm64 build) with the bundle when the code imports it. */
  bundleSharp: boolean;
  protect: boolean;
};

/**
 * A Node.js Lambda with the house defaults: nodejs22.x on arm64, one minified ESM bundle with
 * source maps, the AWS SDK bundled (loads faster than the runtime's copy), a log group with
 * bounded retention.
 *
 * `sharp` is never bundled by esbuild (it loads a native binary). With `bundleSharp`, any
 * bundle that still imports it gets the linux-arm64 build of the workspace's sharp version
 * npm-installed beside `index.mjs` (so ESM resolution finds it; layers are not on the ESM
 * resolution path). That install needs the npm registry (or npm's cache).
 */
export function nodeFunction(scope: Construct, id: string, options: FunctionOptions): NodejsFunction {
  const sharpVersion = options.bundleSharp ? workspaceSharpVersion(options.root) : undefined;
  const settings = bundleSettings(options.root);
  return new NodejsFunction(scope, id, {
    entry: join(options.root, options.entry),
    handler: "handler",
    ...houseProps(scope, id, options),
    projectRoot: options.root,
    depsLockFilePath: join(options.root, "package-lock.json"),
    bundling: {
      format: OutputFormat.ESM,
      mainFields: settings.mainFields,
      banner: settings.banner,
      minify: settings.minify,
      logLevel: LogLevel.WARNING,
      sourceMap: true,
      target: settings.target,
      externalModules: settings.external,
      esbuildArgs: { "--alias:zod": settings.alias.zod },
      commandHooks: sharpVersion
        ? {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (_input: string, output: string) => [
              `if grep -q '"sharp"' "${output}/index.mjs"; then npm install --prefix "${output}" --no-save --no-package-lock --no-audit --no-fund --prefer-offline --os=linux --cpu=arm64 --libc=glibc sharp@${sharpVersion}; fi`,
            ],
          }
        : undefined,
    },
  });
}

function workspaceSharpVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, "node_modules/sharp/package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * Log retention for every function of the stack that has no log group of ours: CDK's helper
 * functions (S3 notifications handler, auto-delete-objects provider, BucketDeployment) would
 * otherwise log into groups Lambda creates on first run, kept forever. Each gets a group with
 * the house retention, named in its logging config (Lambda advanced logging controls).
 */
export function retainHelperLogs(scope: Construct, protect: boolean): void {
  const stack = Stack.of(scope);
  let n = 0;
  for (const node of stack.node.findAll()) {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== "AWS::Lambda::Function") continue;
    if (node instanceof lambda.CfnFunction) {
      const config = node.loggingConfig as lambda.CfnFunction.LoggingConfigProperty | undefined;
      if (config?.logGroup) continue;
    }
    const logGroup = new logs.LogGroup(scope, `HelperLogs${++n}`, {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    node.addPropertyOverride("LoggingConfig.LogGroup", logGroup.logGroupName);
  }
}
