// Browser tests need Debian's Chromium. Install it when missing (as root), or stop with one line.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(path)) {
  if (process.getuid?.() === 0) {
    console.log("Chromium yok; apt-get ile kuruluyor…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
      stdio: "inherit",
    });
  } else {
    console.error(`Browser tests need Chromium at ${path}: run 'sudo apt-get install -y chromium' and try again.`);
    process.exit(1);
  }
}
