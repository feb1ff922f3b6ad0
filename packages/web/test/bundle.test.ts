/**
 * The web bundle imports core only through its browser-safe entry (`@bigep/core/shared`): it is
 * built here with the app's own Vite config and a plugin that records every import the bundler
 * resolves, then the modules that landed in the output are checked, and that zod stays off the
 * activity pages' first paint.
 */
import { resolve, sep } from "node:path";
import { build, type Plugin, type Rollup } from "vite";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const webSrc = resolve(root, "src") + sep;
const coreSrc = resolve(import.meta.dirname, "../../core/src") + sep;
const sharedEntry = resolve(coreSrc, "shared/index.ts");

describe("web bundle", () => {
  it("reaches core only through @bigep/core/shared, bundles no AWS SDK or Node module, keeps zod off first paint", async () => {
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

    // The main script and what the activity list and form import statically (their first paint on
    // a phone, issue 9's Lighthouse budget) carry no zod: the form's check loads on first edit.
    const byName = new Map(chunks.map((c) => [c.fileName, c]));
    const firstPaint = (start: Rollup.OutputChunk) => {
      const seen = new Set<Rollup.OutputChunk>();
      const queue = [start];
      for (let chunk = queue.pop(); chunk; chunk = queue.pop()) {
        if (seen.has(chunk)) continue;
        seen.add(chunk);
        for (const name of chunk.imports) queue.push(byName.get(name) as Rollup.OutputChunk);
      }
      return [...seen].flatMap((c) => Object.keys(c.modules));
    };
    const pageChunk = (page: string) =>
      chunks.find((c) => c.facadeModuleId === resolve(webSrc, "pages", page)) as Rollup.OutputChunk;
    const starts = [chunks.find((c) => c.isEntry), pageChunk("Activities.tsx"), pageChunk("ActivityForm.tsx")];
    expect(starts.every(Boolean)).toBe(true);
    for (const start of starts as Rollup.OutputChunk[]) {
      expect(firstPaint(start).filter((id) => id.includes(`${sep}node_modules${sep}zod${sep}`))).toEqual([]);
    }
  }, 300_000);
});
