/**
 * One transaction per user action (DESIGN.md, wave 2): a domain operation collects the items of
 * its action — the business write, its history entry, its audit event, counters — and commits
 * them with one TransactWriteItems, so either all of them are stored or none is. A crash between
 * "the change" and "the record of the change" is impossible by construction.
 *
 * Items come from ElectroDB chains (`put(Entity.create(row))`, `update(Entity.patch(key).set(…))`,
 * `remove(Entity.delete(key))`, `check(Entity.patch(key).where(…))`) or from other domains'
 * item builders such as `Audit.entry(…)`.
 */
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { VisibleError } from "../util/error";
import { isTransient, retryAfterSeconds, withRetries } from "../util/transient";
import { dynamo } from "./index";

type Params = Record<string, unknown>;
/** One write of a transaction, in DocumentClient form (plain values, not attribute maps). */
export type TxItem = { Put: Params } | { Update: Params } | { Delete: Params } | { ConditionCheck: Params };

/** Anything ElectroDB can turn into request parameters (a create, patch, update, delete chain). */
type Chain = { params(): object };

/** DynamoDB's limit on items in one transaction. */
export const MAX_ITEMS = 100;

// TransactWriteItems rejects the per-request options single writes accept.
function strip(params: object): Params {
  const { ReturnValues: _r, ReturnConsumedCapacity: _c, ReturnItemCollectionMetrics: _m, ...rest } = params as Params;
  return rest;
}

/** A create/put chain as a transaction item (its `attribute_not_exists` condition included). */
export function put(chain: Chain): TxItem {
  return { Put: strip(chain.params()) };
}

/** A patch/update chain (with its `where` condition) as a transaction item. */
export function update(chain: Chain): TxItem {
  return { Update: strip(chain.params()) };
}

/** A delete/remove chain as a transaction item. */
export function remove(chain: Chain): TxItem {
  return { Delete: strip(chain.params()) };
}

/**
 * A condition that must hold on another item for the transaction to commit, written nowhere.
 * Built from an update chain's params (ElectroDB has no condition-check builder): its key and
 * condition are kept, the update itself dropped.
 */
export function check(chain: Chain): TxItem {
  const { TableName, Key, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = strip(
    chain.params(),
  );
  if (!ConditionExpression) throw new Error("check() needs a chain with a where(...) condition");
  const used = String(ConditionExpression);
  const names = Object.fromEntries(
    Object.entries((ExpressionAttributeNames ?? {}) as Params).filter(([k]) => used.includes(k)),
  );
  const values = Object.fromEntries(
    Object.entries((ExpressionAttributeValues ?? {}) as Params).filter(([k]) => used.includes(k)),
  );
  return {
    ConditionCheck: {
      TableName,
      Key,
      ConditionExpression,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

/**
 * A transaction was refused as a whole. `reasons[i]` is DynamoDB's code for item i
 * ("ConditionalCheckFailed", "TransactionConflict", "None", …), so the caller can tell which
 * invariant failed.
 */
export class TransactionCanceled extends Error {
  constructor(readonly reasons: string[]) {
    super(`Transaction cancelled: ${reasons.join(", ")}`);
    this.name = "TransactionCanceled";
  }

  /** True when item `index` (or any item, without an index) failed its condition. */
  conditionFailed(index?: number): boolean {
    return index === undefined
      ? this.reasons.includes("ConditionalCheckFailed")
      : this.reasons[index] === "ConditionalCheckFailed";
  }
}

let documents: { client: DynamoDBDocumentClient; base: unknown } | undefined;

/** The DocumentClient over the shared client (plain values in and out); private to `db`. */
export function documentClient(): DynamoDBDocumentClient {
  const base = dynamo();
  if (!documents || documents.base !== base) {
    documents = {
      base,
      client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    };
  }
  return documents.client;
}

/**
 * Commits all items or none. Throws `TransactionCanceled` (with per-item reasons) when a
 * condition fails or another transaction touched the same items; more than 100 items is a
 * programming error for a request (bulk work is a job that commits in chunks).
 */
export async function transact(items: readonly (TxItem | undefined | false)[]): Promise<void> {
  const list = items.filter((item): item is TxItem => Boolean(item));
  if (list.length === 0) return;
  if (list.length > MAX_ITEMS) {
    throw new VisibleError("too_large", "too_many_changes", "Tek seferde yapılabilecek değişiklik sınırı aşıldı.");
  }
  const once = async () => {
    try {
      await documentClient().send(
        new TransactWriteCommand({ TransactItems: list as TransactWriteCommandInput["TransactItems"] }),
      );
    } catch (error) {
      const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
      if (e.name === "TransactionCanceledException") {
        throw new TransactionCanceled((e.CancellationReasons ?? []).map((r) => r.Code ?? "None"));
      }
      throw error;
    }
  };
  // A cancellation caused only by a concurrent transaction on the same items wrote nothing and
  // may succeed a moment later (the SDK does not retry it): a few jittered tries, then 503.
  try {
    await withRetries(once, { attempts: 4, retryable: conflictOnly });
  } catch (error) {
    if (conflictOnly(error)) {
      throw new VisibleError(
        "busy",
        "busy",
        "Sistem şu anda yoğun, lütfen birazdan tekrar deneyin.",
        undefined,
        retryAfterSeconds,
      );
    }
    throw error;
  }
}

/** Cancelled by other transactions or throttling, with no condition failed: worth another try. */
function conflictOnly(error: unknown): boolean {
  return error instanceof TransactionCanceled && isTransient(error);
}
