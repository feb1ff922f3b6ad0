/** CDK app entry (`npx cdk synth|deploy -c stage=prod`); cdk.json points here. */
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { platformProps } from "./context";
import { BigepStack } from "./stack";

const app = new App();
const stage: string = app.node.tryGetContext("stage") ?? "dev";
new BigepStack(app, `bigep-${stage}`, {
  // Frankfurt unless `-c region=…`; the account is the CLI's current one (unresolved offline).
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: app.node.tryGetContext("region") ?? "eu-central-1" },
  platform: platformProps(app.node, stage, fileURLToPath(new URL("..", import.meta.url))),
});
