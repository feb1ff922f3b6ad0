/**
 * Runs one of the bench's child scripts in a fresh Node process (so its time and peak RSS are its
 * own) and returns the JSON object it prints on its last line of standard output.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

export function runChild<T>(root: string, script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, "bench", script), ...args], {
      cwd: root,
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`${script} ${args.join(" ")} exited with ${code}`));
      else resolve(JSON.parse(line) as T);
    });
  });
}
