import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { config } from "../util/config";
import { table } from "./table";
import { TransactionCanceled } from "./tx";

export { check, MAX_ITEMS, put, remove, TransactionCanceled, type TxItem, transact, update } from "./tx";
export { table };

let client: DynamoDBClient | undefined;
let clientKey: string | undefined;

/** The shared DynamoDB client, built from config (endpoint override for local stand-ins). */
export function dynamo(): DynamoDBClient {
  const c = config();
  const key = `${c.region}|${c.dynamoEndpoint ?? ""}`;
  if (!client || clientKey !== key) {
    client = new DynamoDBClient({
      region: c.region,
      ...(c.dynamoEndpoint ? { endpoint: c.dynamoEndpoint } : {}),
      maxAttempts: 3,
    });
    clientKey = key;
  }
  return client;
}

/** ElectroDB configuration: the client and the current table name. */
export function electro() {
  return { client: dynamo(), table: config().tableName };
}

/**
 * Create the table if it does not exist (local runtime and tests; AWS uses the CDK stack).
 * Same key schema and indexes as the stack, pay-per-request, TTL on.
 */
export async function ensureTable(name = config().tableName, db = dynamo()): Promise<void> {
  const attrs = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  try {
    await db.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attrs.map((a) => ({ AttributeName: a, AttributeType: "S" })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: "HASH" },
          { AttributeName: table.sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: table.indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: "HASH" },
            { AttributeName: i.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
    await db.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await db.send(new DescribeTableCommand({ TableName: name }));
}

/**
 * Memoise a domain's ElectroDB entities for the current table and client. Rebuilt when the
 * configuration changes, because tests use a table per file and the local runtime settles its
 * endpoints after start-up.
 */
export function bound<T>(build: (config: ReturnType<typeof electro>) => T): () => T {
  let cache: { config: ReturnType<typeof electro>; value: T } | undefined;
  return () => {
    const config = electro();
    if (!cache || cache.config.table !== config.table || cache.config.client !== config.client) {
      cache = { config, value: build(config) };
    }
    return cache.value;
  };
}

/** True for DynamoDB's failed-condition error, however ElectroDB or a transaction wraps it. */
export function isConditionFailure(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.name === "ConditionalCheckFailedException") return true;
    if (e instanceof TransactionCanceled && e.conditionFailed()) return true;
  }
  return false;
}
