/**
 * A Query prepared once and run many times, for the reads every request makes (the caller's
 * account). ElectroDB builds a collection Query by assembling a chain over each of the
 * collection's entities, ≈ 150–250 µs of CPU a call here (BENCHMARKS.md, API overhead), although
 * for a given key the parameters never change. `prepared` keeps them per key (bounded) and runs
 * them through the DocumentClient; the caller still parses items with its entities (`parse`),
 * so the stored shape and formatting stay ElectroDB's.
 */
import { type NativeAttributeValue, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { electro } from "./index";
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
  let cache: { config: ReturnType<typeof electro>; queries: Map<string, QueryCommandInput> } | undefined;
  return async (key) => {
    const config = electro();
    if (!cache || cache.config.table !== config.table || cache.config.client !== config.client) {
      cache = { config, queries: new Map() };
    }
    let input = cache.queries.get(key);
    if (!input) {
      input = build(key).params() as QueryCommandInput;
      if (cache.queries.size >= maxKeys) cache.queries.delete(cache.queries.keys().next().value as string);
      cache.queries.set(key, input);
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
