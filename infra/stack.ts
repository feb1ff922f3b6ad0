import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Platform, type PlatformProps } from "./platform";
import { isProtectedStage } from "./stage";

export type BigepStackProps = StackProps & { platform: PlatformProps };

/** The platform as a plain CDK stack (`npx cdk deploy -c stage=…`). */
export class BigepStack extends Stack {
  readonly platform: Platform;

  constructor(scope: Construct, id: string, props: BigepStackProps) {
    super(scope, id, { terminationProtection: isProtectedStage(props.platform.stage), ...props });
    this.platform = new Platform(this, "Platform", props.platform);
  }
}
