// Tests need Debian tools: Chromium (browser tests), exiftool and poppler (the independent readers
// of evidence metadata). Install the missing ones in one apt-get (as root), or stop with one line.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const tools = [
  { path: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", pkg: "chromium" },
  { path: "/usr/bin/exiftool", pkg: "libimage-exiftool-perl" },
  { path: "/usr/bin/pdftoppm", pkg: "poppler-utils" },
  { path: "/usr/bin/pdfinfo", pkg: "poppler-utils" },
];
const missing = [...new Set(tools.filter((t) => !existsSync(t.path)).map((t) => t.pkg))];
if (missing.length) {
  if (process.getuid?.() === 0) {
    console.log(`Eksik araçlar (${missing.join(", ")}); apt-get ile kuruluyor…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`, {
      stdio: "inherit",
    });
  } else {
    console.error(
      `Tests need ${missing.join(", ")}: run 'sudo apt-get install -y ${missing.join(" ")}' and try again.`,
    );
    process.exit(1);
  }
}
