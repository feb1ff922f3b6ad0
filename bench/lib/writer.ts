/**
 * Bulk writes for seeding: items go out in BatchWriteItem calls of 25 with a bounded number in
 * flight, and unprocessed items are retried with backoff. Items must already be in their final
 * stored shape (the seeder builds them with the ElectroDB entities' `put(...).params()`).
 */
import { DescribeTableCommand, type DynamoDBClient, UpdateTableCommand } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

type Item = Record<string, unknown>;

export class BatchWriter {
  private readonly doc: DynamoDBDocumentClient;
  private buffer: Item[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private failure: unknown;
  /** Items acknowledged by DynamoDB so far. */
  written = 0;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
    private readonly concurrency = 8,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Queue one item; waits while `concurrency` batches are in flight (backpressure). */
  async put(item: Item): Promise<void> {
    if (this.failure) throw this.failure;
    this.buffer.push(item);
    if (this.buffer.length >= 25) await this.dispatch();
  }

  /** Send what is buffered and wait for every batch in flight. */
  async flush(): Promise<void> {
    if (this.buffer.length > 0) await this.dispatch();
    await Promise.all(this.inflight);
    if (this.failure) throw this.failure;
  }

  private async dispatch(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    while (this.inflight.size >= this.concurrency) await Promise.race(this.inflight);
    const task = this.send(batch)
      .catch((error) => {
        this.failure ??= error;
      })
      .finally(() => this.inflight.delete(task));
    this.inflight.add(task);
  }

  private async send(items: Item[]): Promise<void> {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === 10) throw new Error(`BatchWriteItem: ${pending.length} items still unprocessed after 10 tries`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const result = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
      const unprocessed = result.UnprocessedItems?.[this.table] ?? [];
      this.written += pending.length - unprocessed.length;
      pending = unprocessed as typeof pending;
    }
  }
}

/**
 * Run a bulk load with the table's stream switched off, then switch it back on as it was.
 *
 * DynamoDB Local emulates a stream synchronously: every put also builds and stores a stream
 * record with both images, on the same single SQLite thread that does every write. Measured
 * here, that was about a third of DynamoDB Local's CPU per seeded item. In AWS a stream costs
 * the write path nothing, nothing consumes the stream locally, and a bulk load's records are of
 * no use to a future consumer anyway (as with DynamoDB's import from S3, which writes none).
 * The stream is back on (same view type) before the benchmarks run.
 */
export async function withStreamPaused<T>(client: DynamoDBClient, table: string, load: () => Promise<T>): Promise<T> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  const spec = Table?.StreamSpecification;
  if (!spec?.StreamEnabled) return load();
  await client.send(new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: false } }));
  try {
    return await load();
  } finally {
    await client.send(
      new UpdateTableCommand({
        TableName: table,
        StreamSpecification: { StreamEnabled: true, StreamViewType: spec.StreamViewType ?? "NEW_AND_OLD_IMAGES" },
      }),
    );
  }
}
