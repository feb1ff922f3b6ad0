/**
 * House rule: no DynamoDB Scan in the product (Queries on named indexes; the infra test also
 * grants no role `dynamodb:Scan`, so a Scan would fail in AWS). Reads the product sources — every
 * package's `src`, the CDK app and scripts, tests excluded — for the SDK's `ScanCommand` and ElectroDB's
 * `.scan`. Tests may Scan their own throwaway tables to count what is there.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("no Scan in product code", () => {
  it("no product source uses ScanCommand or an ElectroDB .scan", () => {
    // Prepare
    const packages = readdirSync(join(root, "packages")).map((name) => join(root, "packages", name, "src"));
    const files = [...packages, join(root, "infra"), join(root, "scripts")].flatMap((dir) => {
      try {
        return sources(dir);
      } catch {
        return [];
      }
    });

    // Act
    const offenders = files
      .filter((file) => /\bScanCommand\b|\.scan\b(?!\w)/.test(readFileSync(file, "utf8")))
      .map((file) => relative(root, file));

    // Assess: many files were read (the walk works), none scans
    expect(files.length).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
