/**
 * One DynamoDB transaction from ElectroDB operations: pass each operation's `.params()` (a
 * create/put/patch/update/delete), tagged with its kind. All or nothing, at most 100 items.
 */
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "./index";

export type TransactItem =
  | { put: Record<string, unknown> }
  | { update: Record<string, unknown> }
  | { delete: Record<string, unknown> }
  | { check: Record<string, unknown> };

let document: { client: ReturnType<typeof dynamo>; doc: DynamoDBDocumentClient } | undefined;

function documentClient(): DynamoDBDocumentClient {
  const client = dynamo();
  if (document?.client !== client) {
    document = {
      client,
      doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    };
  }
  return document.doc;
}

/** Fields ElectroDB adds to single-item params that a transaction item does not take. */
function clean(params: Record<string, unknown>): Record<string, unknown> {
  const { ReturnValues: _r, ...rest } = params;
  return rest;
}

/** Commits the items in one TransactWriteItems call; a failed condition fails all of them. */
export async function transact(items: TransactItem[]): Promise<void> {
  if (items.length === 0) return;
  if (items.length > 100) throw new Error(`A transaction holds at most 100 items, got ${items.length}`);
  await documentClient().send(
    new TransactWriteCommand({
      TransactItems: items.map((item) => {
        if ("put" in item) return { Put: clean(item.put) } as never;
        if ("update" in item) return { Update: clean(item.update) } as never;
        if ("delete" in item) return { Delete: clean(item.delete) } as never;
        return { ConditionCheck: clean(item.check) } as never;
      }),
    }),
  );
}
