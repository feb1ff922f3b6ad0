/**
 * Every public entry of core (each domain's `index.ts` and `system.ts`) and every function entry
 * loads on its own, as the first import of a fresh process. ES modules evaluate an import cycle in
 * whatever order the first import walks it, so a cycle can pass every test that happens to import
 * in a kind order and still break a Lambda, a job child or a script that starts elsewhere (the
 * report bench's child once died with "Cannot access 'ScopeText' before initialization").
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const core = join(root, "packages/core/src");

function entries(): string[] {
  const found: string[] = [];
  for (const dir of readdirSync(core, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of ["index.ts", "system.ts"]) {
      if (readdirSync(join(core, dir.name)).includes(name)) found.push(join(core, dir.name, name));
    }
  }
  found.push(join(core, "job/registry.ts"));
  const functions = join(root, "packages/functions/src");
  found.push(join(functions, "api/app.ts"), join(functions, "api/lambda.ts"));
  for (const name of readdirSync(join(functions, "jobs"))) {
    if (name.endsWith(".ts") && !name.endsWith(".test.ts")) found.push(join(functions, "jobs", name));
  }
  return found;
}

/** Imports `file` as the first module of a new process; resolves with its stderr when it fails. */
function importAlone(file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", `await import(${JSON.stringify(pathToFileURL(file).href)});`],
      {
        cwd: root,
        env: { ...process.env, BIGEP_STAGE: "test", AWS_REGION: "eu-central-1" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => resolve(code === 0 ? undefined : stderr.split("\n").slice(0, 6).join("\n")));
  });
}

describe("import order", () => {
  it("loads every core and function entry as the first import of a fresh process", async () => {
    // Prepare
    const files = entries();
    expect(files.length).toBeGreaterThan(25);

    // Act: two at a time (two cores here)
    const failures: string[] = [];
    const queue = [...files];
    await Promise.all(
      [0, 1].map(async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          const error = await importAlone(file);
          if (error) failures.push(`${file.slice(root.length + 1)}: ${error}`);
        }
      }),
    );

    // Assess
    expect(failures).toEqual([]);
  }, 300_000);
});
