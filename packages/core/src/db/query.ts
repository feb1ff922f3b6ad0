/**
 * Reads on every request's path, without an ElectroDB chain per call: the caller's account
 * (`prepared`) and a point read by id (`getByKeys`). ElectroDB builds each call's parameters by
 * assembling a chain (for a collection, one per entity), ≈ 150–250 µs of CPU for the account and
 * ≈ 35 µs plus its execution wrapper for a get (BENCHMARKS.md, API overhead), although for a given
 * key they never change. Keys still come from ElectroDB (the collection's own `params()`, the
 * entity's key conversions) and the caller parses the items with its entities (`parse`), so the
 * stored shape and formatting stay ElectroDB's.
 */
import { GetCommand, type NativeAttributeValue, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { bound, electro } from "./index";
import { table } from "./table";
import { documentClient } from "./tx";

type Item = Record<string, NativeAttributeValue>;

/** How many keys' parameters a process keeps; the oldest is dropped beyond it. */
const maxKeys = 10_000;

/**
 * A reader for `build(key)`'s Query: parameters built on the first read of a key, then reused;
 * each read pages to the end and returns the raw items. Rebuilt when the table or client changes
 * (tests use a table per file).
 */
export function prepared(build: (key: string) => { params(): object }): (key: string) => Promise<Item[]> {
  const queries = bound(() => new Map<string, QueryCommandInput>());
  return async (key) => {
    const cache = queries();
    let input = cache.get(key);
    if (!input) {
      input = build(key).params() as QueryCommandInput;
      if (cache.size >= maxKeys) cache.delete(cache.keys().next().value as string);
      cache.set(key, input);
    }
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand(start ? { ...input, ExclusiveStartKey: start } : input),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };
}

/**
 * One item by its table keys (as an entity's `fromComposite.toKeys` gives them; any index keys
 * beside the table's are ignored), raw, with the read consistency of ElectroDB's own get (the
 * default, eventually consistent). Undefined when absent.
 */
export async function getByKeys(keys: Record<string, unknown>): Promise<Item | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: electro().table,
      Key: { [table.partitionKey]: keys[table.partitionKey], [table.sortKey]: keys[table.sortKey] },
    }),
  );
  return Item;
}
