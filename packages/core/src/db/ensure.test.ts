/**
 * A local table created before an index was added (an existing `.data/`) gains the missing
 * indexes when the runtime starts, and keeps its items.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { expect, test } from "vitest";
import { startDynamo } from "../../../functions/src/local/dynamo";
import { ensureTable, table } from "./index";

/** The table definition before the audit views of districts and provinces (gsi1–gsi3 only). */
const old = ["gsi1", "gsi2", "gsi3"];

test("ensureTable adds the indexes an existing table lacks and keeps its data", async () => {
  // Prepare: a table as the old definition created it, with one item
  const name = `old-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  // Its own DynamoDB Local: the shared one serves every test file's tables at once and then
  // builds a new index only slowly (over two minutes seen in a full run; 2 s alone).
  const local = await startDynamo();
  const db = new DynamoDBClient({ endpoint: local.endpoint, region: "eu-central-1" });
  const attrs = ["pk", "sk", ...old.flatMap((i) => [`${i}pk`, `${i}sk`])];
  await db.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: attrs.map((a) => ({ AttributeName: a, AttributeType: "S" })),
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: old.map((i) => ({
        IndexName: i,
        KeySchema: [
          { AttributeName: `${i}pk`, KeyType: "HASH" },
          { AttributeName: `${i}sk`, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    }),
  );
  await db.send(new PutItemCommand({ TableName: name, Item: { pk: { S: "keep" }, sk: { S: "me" } } }));

  try {
    // Act: twice, as a second start would
    await ensureTable(name, db);
    await ensureTable(name, db);

    // Assess: every index of the definition is there and ACTIVE; the item survived
    const { Table } = await db.send(new DescribeTableCommand({ TableName: name }));
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i.IndexStatus]);
    expect(indexes.sort()).toEqual(table.indexes.map((i) => [i.name, "ACTIVE"]).sort());
    expect(table.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(["byDistrict", "byProvince"]));
    const { Item } = await db.send(
      new GetItemCommand({ TableName: name, Key: { pk: { S: "keep" }, sk: { S: "me" } } }),
    );
    expect(Item).toBeDefined();
  } finally {
    await db.send(new DeleteTableCommand({ TableName: name }));
    await local.stop();
  }
}, 180_000); // DynamoDB Local builds each new index in turn; slow on a busy machine
