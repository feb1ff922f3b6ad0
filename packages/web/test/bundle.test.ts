/**
 * The web bundle imports core only through its browser-safe entry (`@bigep/core/shared`): it is
 * built here with the app's own Vite config and a plugin that records every import the bundler
 * resolves, then the modules that landed in the output are checked.
 */
import { resolve, sep } from "node:path";
import { build, type Plugin, type Rollup } from "vite";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const webSrc = resolve(root, "src") + sep;
const coreSrc = resolve(import.meta.dirname, "../../core/src") + sep;
const sharedEntry = resolve(coreSrc, "shared/index.ts");

describe("web bundle", () => {
  it("reaches core only through @bigep/core/shared, and bundles no AWS SDK or Node module", async () => {
    // Prepare: record (importer → resolved module) for every import of the web's own files
    const edges: { from: string; to: string }[] = [];
    const recorder: Plugin = {
      name: "record-imports",
      enforce: "pre",
      async resolveId(source, importer, options) {
        if (!importer?.startsWith(webSrc)) return null;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (resolved) edges.push({ from: importer, to: resolved.id });
        return resolved;
      },
    };

    // Act
    const output = (await build({
      root,
      configFile: resolve(root, "vite.config.ts"),
      logLevel: "silent",
      plugins: [recorder],
      build: { write: false, sourcemap: false },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[];

    // Assess
    const chunks = (Array.isArray(output) ? output : [output])
      .flatMap((o) => o.output)
      .filter((c): c is Rollup.OutputChunk => c.type === "chunk");
    const bundled = chunks.flatMap((c) => Object.keys(c.modules));
    const deep = edges.filter((e) => e.to.startsWith(coreSrc) && e.to !== sharedEntry);
    expect(deep).toEqual([]);
    expect(edges.some((e) => e.to === sharedEntry)).toBe(true);
    expect(bundled.filter((id) => /@aws-sdk|electrodb|^node:|\0node:/.test(id))).toEqual([]);
    // Core modules with server-only concerns (the request context, the policy table) stay out.
    const serverOnly = ["actor/index.ts", "access/index.ts", "db/", "identity/index.ts"].map((p) =>
      resolve(coreSrc, p),
    );
    expect(bundled.filter((id) => serverOnly.some((p) => id.startsWith(p)))).toEqual([]);
    expect(chunks.some((c) => c.code.includes("AsyncLocalStorage"))).toBe(false);
  }, 300_000);
});
