import { App, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { describe, expect, it } from "vitest";
import { Analytics } from "./analytics";

describe("analytics (optional)", () => {
  it("defines the Glue table over DynamoDB exports and an Athena workgroup writing into its own bucket", () => {
    // Prepare
    const stack = new Stack(new App(), "T", { env: { account: "111111111111", region: "eu-central-1" } });
    const table = new dynamodb.Table(stack, "Table", {
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
    });

    // Act
    new Analytics(stack, "Analytics", { stage: "prod", table });
    const template = Template.fromStack(stack);

    // Assess
    template.hasResourceProperties("AWS::Glue::Database", { DatabaseInput: { Name: "bigep_prod_export" } });
    template.hasResourceProperties("AWS::Glue::Table", {
      DatabaseName: "bigep_prod_export",
      TableInput: Match.objectLike({
        Name: "items",
        StorageDescriptor: Match.objectLike({
          SerdeInfo: Match.objectLike({ SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" }),
          Columns: [Match.objectLike({ Name: "item", Type: Match.stringLikeRegexp("provinceCode:struct<S:string>") })],
        }),
      }),
    });
    template.hasResourceProperties("AWS::Athena::WorkGroup", { Name: "prod-analytics" });
    expect(Object.keys(template.findResources("AWS::S3::Bucket"))).toHaveLength(1);
  });
});
