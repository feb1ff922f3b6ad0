/**
 * SST v2 app: mounts the plain CDK constructs from infra/ (no logic here). `npx sst deploy
 * --stage prod`; settings come from cdk.json's context (see infra/README.md).
 */
import type { SSTConfig } from "sst";
import { platformProps } from "./infra/context";
import { Platform } from "./infra/platform";

export default {
  config() {
    return { name: "bigep", region: "eu-central-1" };
  },
  stacks(app) {
    app.stack(function Bigep({ stack }) {
      // SST runs this from the project root.
      new Platform(stack, "Platform", platformProps(stack.node, app.stage, process.cwd()));
    });
  },
} satisfies SSTConfig;
