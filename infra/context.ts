import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Node } from "constructs";
import type { PlatformProps } from "./platform";

const keys = ["mailIdentity", "mailFrom", "domainName", "certificateArn", "sharp", "alarmEmail"] as const;

/**
 * Platform settings from CDK context, shared by `cdk` (`-c key=value`, cdk.json) and SST (which
 * reads cdk.json's context too). Per-stage values live under `stages.<stage>` in cdk.json and
 * are overridden by top-level keys. `sharp=skip` leaves sharp out of the bundles (offline synth).
 */
export function platformProps(node: Node, stage: string, root: string): PlatformProps {
  const perStage = (node.tryGetContext("stages") as Record<string, Record<string, string>> | undefined)?.[stage] ?? {};
  const value = (key: (typeof keys)[number]): string | undefined => node.tryGetContext(key) ?? perStage[key];
  const webDist = join(root, "packages/web/dist");
  return {
    stage,
    root,
    webDist: existsSync(join(webDist, "index.html")) ? webDist : undefined,
    bundleSharp: value("sharp") !== "skip",
    mailIdentity: value("mailIdentity"),
    mailFrom: value("mailFrom"),
    domainName: value("domainName"),
    certificateArn: value("certificateArn"),
    alarmEmail: value("alarmEmail"),
  };
}
