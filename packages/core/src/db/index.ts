import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { Entity } from "electrodb";
import { config } from "../util/config";
import { table } from "./table";
import { TransactionCanceled } from "./tx";

/**
 * Every ElectroDB call runs with `originalErr`: without it ElectroDB builds an error object with
 * a stack trace on every `go()`, in case the call fails (≈ 60 µs of CPU each here, a sixth of a
 * point read's own cost: BENCHMARKS.md). A failure then reaches us as the SDK's own error, which
 * is what our handling reads anyway (its `name`, through `cause` chains: `isConditionFailure`,
 * `isTransient`). ElectroDB offers the option per call only, hence one wrapper of its `go`.
 */
const electroGo = Entity.prototype as unknown as { go(method: unknown, params: unknown, options?: object): unknown };
const go = electroGo.go;
if (typeof go !== "function") throw new Error("electrodb: Entity.prototype.go is gone; see db/index.ts");
electroGo.go = function (method, params, options = {}) {
  return go.call(this, method, params, { ...options, originalErr: true });
};

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
      // Bounded retries (jittered exponential backoff, the SDK's standard strategy); a connection
      // that cannot be made in 3 s is a TimeoutError, retried, then a 503 (util/transient.ts).
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 3_000 },
    });
    clientKey = key;
  }
  return client;
}

/** ElectroDB configuration: the client and the current table name. */
export function electro() {
  return { client: dynamo(), table: config().tableName };
}

/** An index of the definition as DynamoDB's create-table / update-table shape. */
function indexSpec(index: (typeof table.indexes)[number]): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: "HASH" },
      { AttributeName: index.sortKey, KeyType: "RANGE" },
    ],
    Projection: { ProjectionType: "ALL" },
  };
}

const keyAttributes = () =>
  [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((a) => ({
    AttributeName: a,
    AttributeType: "S" as const,
  }));

/**
 * Create the table if it does not exist (local runtime and tests; AWS uses the CDK stack).
 * Same key schema and indexes as the stack, pay-per-request, TTL on. An existing table (a local
 * `.data/` from before an index was added) gains the indexes it lacks, one UpdateTable at a time
 * (DynamoDB creates one index per update), each waited for until ACTIVE.
 */
export async function ensureTable(name = config().tableName, db = dynamo()): Promise<void> {
  try {
    await db.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: keyAttributes(),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: "HASH" },
          { AttributeName: table.sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: table.indexes.map(indexSpec),
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
  await addMissingIndexes(name, db);
}

async function addMissingIndexes(name: string, db: DynamoDBClient): Promise<void> {
  for (const index of table.indexes) {
    const { Table } = await db.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.GlobalSecondaryIndexes?.some((i) => i.IndexName === index.name)) continue;
    const used = new Set<string>([index.partitionKey, index.sortKey]);
    try {
      await db.send(
        new UpdateTableCommand({
          TableName: name,
          AttributeDefinitions: keyAttributes().filter((a) => used.has(a.AttributeName)),
          GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
        }),
      );
    } catch (error) {
      // Another process (a second local start) is adding it, or the table is busy with another index.
      if (!(error instanceof ResourceInUseException) && (error as Error).name !== "ValidationException") throw error;
    }
    await untilActive(name, index.name, db);
  }
}

async function untilActive(name: string, indexName: string, db: DynamoDBClient): Promise<void> {
  for (let waited = 0; ; waited += 250) {
    const { Table } = await db.send(new DescribeTableCommand({ TableName: name }));
    const index = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === indexName);
    if (Table?.TableStatus === "ACTIVE" && index?.IndexStatus === "ACTIVE") return;
    if (waited > 120_000) throw new Error(`Index ${indexName} of ${name} is not ACTIVE after two minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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
