import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import { table as definition } from "../packages/core/src/db/table";

const string = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

/** The single table, built from the same definition the local bootstrap uses. */
export function createTable(scope: Construct, props: { protect: boolean }): dynamodb.Table {
  const table = new dynamodb.Table(scope, "Table", {
    partitionKey: string(definition.partitionKey),
    sortKey: string(definition.sortKey),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: definition.ttlAttribute,
    // Streams feed future projections (audit fan-out, search); both images keep that open.
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: props.protect,
    removalPolicy: props.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const index of definition.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: string(index.partitionKey),
      sortKey: string(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}
