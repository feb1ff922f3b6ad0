/**
 * Jobs: background work with a record people can watch. A job is started once per key (the
 * key item is a conditional put), queued, then claimed by one run at a time (a conditional
 * update with a lease), which saves progress and a checkpoint as it goes. A failed attempt
 * leaves the job queued for the next delivery, which resumes from the checkpoint; after
 * `maxAttempts` it is `failed`, with a Turkish message on the record, the detail in the log and
 * the alarm line `job.failed`.
 */
import type { EntityItem } from "electrodb";
import * as z from "zod";
import { assert } from "../access";
import { actor, type Place, Scope } from "../actor";
import { isConditionFailure } from "../db";
import { put, TransactionCanceled, transact, update } from "../db/tx";
import { now } from "../util/clock";
import { istanbulDay } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema, KeySafe } from "../util/id";
import { log } from "../util/log";
import { fromCursor, PageInput, type Page as PageOf, pageOf } from "../util/page";
import type { JobType, Json, RunContext } from "./define";
import { entities, statuses } from "./entities";
import { type Message, queue } from "./queue";

export const Id = idSchema("job");
export const Status = z.enum(statuses);
export type Status = z.infer<typeof Status>;

/** An Istanbul calendar day, `YYYY-MM-DD`. */
export const Day = z.iso.date();

export const Info = z
  .object({
    id: z.string(),
    type: z.string(),
    title: z.string(),
    params: z.unknown(),
    scope: Scope,
    asOf: z.string(),
    status: Status,
    /** 0–100. */
    progress: z.number(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    /** Why the last attempt failed (Turkish; details are in the log). */
    error: z.string().optional(),
    /** The job's summary when it succeeded (e.g. an import report). */
    result: z.unknown().optional(),
    createdBy: z.object({ id: z.string(), name: z.string() }).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
  })
  .meta({ id: "Job" });
export type Info = z.infer<typeof Info>;
export const Page = pageOf(Info).meta({ id: "JobPage" });

type Item = EntityItem<ReturnType<typeof entities>["Job"]>;

/** Input rows are stored beside the job in chunks this size (well under 400 KB an item). */
const rowsPerChunk = 250;
/** How long a run holds a job without saving progress before another delivery may take it over. */
const leaseMs = 5 * 60_000;
/** Input rows and finished jobs' chunks expire after this. */
const chunkTtlSeconds = 7 * 86_400;

function toInfo(item: Item): Info {
  return {
    id: item.jobId,
    type: item.type,
    title: item.title,
    params: item.params,
    scope: { type: item.scopeType as Scope["type"], id: item.scopeId },
    asOf: item.asOf,
    status: item.status,
    progress: item.progress,
    attempts: item.attempts,
    maxAttempts: item.maxAttempts,
    ...(item.error ? { error: item.error } : {}),
    ...(item.result !== undefined ? { result: item.result } : {}),
    ...(item.createdBy ? { createdBy: { id: item.createdBy, name: item.createdByName ?? "" } } : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    ...(item.startedAt ? { startedAt: item.startedAt } : {}),
    ...(item.finishedAt ? { finishedAt: item.finishedAt } : {}),
  };
}

export type StartOptions<P> = {
  params: P;
  /** Idempotency key: a second start with the same type and key returns the first job. Default: a new one. */
  key?: string;
  /** The Istanbul day the job runs as of (replays); default today. */
  asOf?: string;
  /** Input rows, stored with the job (a validated file). */
  rows?: Json[];
  /** Do not enqueue (the caller runs it now, e.g. the worker handling a schedule). */
  enqueue?: boolean;
};

/**
 * Starts a job of `type` (authorised by its action on its place; the system may start any),
 * idempotent by key: `created` is false when the key had already started a job, which is returned.
 */
export async function start<P>(type: JobType<P>, options: StartOptions<P>): Promise<{ job: Info; created: boolean }> {
  const parsed = type.params.safeParse(options.params);
  if (!parsed.success) {
    throw new VisibleError("input", "invalid_input", "İş parametreleri geçersiz.", parsed.error.issues);
  }
  const params = parsed.data;
  const place: Place = await type.place(params);
  assert(type.action, { place });
  const key = options.key === undefined ? undefined : KeySafe.parse(options.key);
  const asOf = options.asOf === undefined ? istanbulDay(now()) : Day.parse(options.asOf);

  const jobId = createId("job");
  if (key) {
    const existing = await byKey(type.type, key);
    if (existing) return { job: existing, created: false };
  }
  const rows = options.rows ?? [];
  const chunks = Math.ceil(rows.length / rowsPerChunk);
  await writeChunks(jobId, rows);

  const caller = actor();
  const at = now().toISOString();
  const scope = type.scope(params);
  const item: Item = {
    jobId,
    type: type.type,
    title: type.title,
    key: key ?? jobId,
    params: params as Json,
    scopeType: scope.type,
    scopeId: scope.id,
    place,
    asOf,
    status: "queued",
    progress: 0,
    attempts: 0,
    maxAttempts: type.maxAttempts ?? 3,
    chunks,
    ...(caller.type === "user" ? { createdBy: caller.userId, createdByName: caller.name } : {}),
    createdAt: at,
    updatedAt: at,
  };
  const { Job, Key } = entities();
  try {
    await transact([put(Job.create(item)), put(Key.create({ type: type.type, key: key ?? jobId, jobId }))]);
  } catch (error) {
    if (!key || !isTransactionConflict(error)) throw error;
    // Another start with this key won the race; its job is the one.
    const existing = await byKey(type.type, key);
    if (existing) return { job: existing, created: false };
    throw error;
  }
  if (options.enqueue !== false) await queue().send({ jobId });
  log().info("job started", { jobId, type: type.type, key: item.key, asOf });
  return { job: toInfo(item), created: true };
}

function isTransactionConflict(error: unknown): boolean {
  return error instanceof TransactionCanceled || isConditionFailure(error);
}

async function byKey(type: string, key: string): Promise<Info | undefined> {
  const { data } = await entities().Key.get({ type, key }).go();
  if (!data) return undefined;
  const job = await load(data.jobId);
  return job ? toInfo(job) : undefined;
}

async function writeChunks(jobId: string, rows: Json[]): Promise<void> {
  if (rows.length === 0) return;
  const expiresAt = Math.floor(now().getTime() / 1000) + chunkTtlSeconds;
  const items = [];
  for (let at = 0, index = 0; at < rows.length; at += rowsPerChunk, index++) {
    // Through JSON, as the job will read them: `undefined` fields drop out (DynamoDB refuses them).
    const chunk = JSON.parse(JSON.stringify(rows.slice(at, at + rowsPerChunk))) as Json[];
    items.push({ jobId, index: String(index).padStart(5, "0"), rows: chunk, expiresAt });
  }
  const { unprocessed } = await entities().Chunk.put(items).go();
  if (unprocessed.length > 0) throw new VisibleError("busy", "busy", "Sistem şu anda yoğun, lütfen tekrar deneyin.");
}

async function readRows<T>(jobId: string): Promise<T[]> {
  const { data } = await entities().Chunk.query.byJob({ jobId }).go({ pages: "all" });
  return data.sort((a, b) => a.index.localeCompare(b.index)).flatMap((chunk) => chunk.rows as T[]);
}

async function load(jobId: string): Promise<Item | undefined> {
  const { data } = await entities().Job.get({ jobId }).go();
  return data ?? undefined;
}

/** A job by id, with progress and result: for the person who started it or who may read jobs there. */
export const get = fn(Id, async (id): Promise<Info> => {
  const item = await load(id);
  const caller = actor();
  const own = caller.type === "user" && item?.createdBy === caller.userId;
  if (!item) throw new VisibleError("not_found", "job_not_found", "İş bulunamadı.");
  if (!own) {
    try {
      assert("job.read", { place: item.place as Place }, { hide: true });
    } catch (error) {
      if (error instanceof VisibleError && error.kind === "not_found") {
        throw new VisibleError("not_found", "job_not_found", "İş bulunamadı.");
      }
      throw error;
    }
  }
  return toInfo(item);
});

export const ListInput = PageInput.extend({ scope: Scope });

/** Jobs filed under one scope, newest first (`job.read` there). */
export const list = fn(ListInput, async ({ scope, limit, cursor }): Promise<PageOf<Info>> => {
  // Loaded on use: identity depends on org, whose imports start jobs.
  const { placeOrFail } = await import("../identity/scope");
  assert("job.read", { place: await placeOrFail(scope) }, { hide: true });
  const page = await fromCursor(cursor, (start) =>
    entities()
      .Job.query.byScope({ scopeType: scope.type, scopeId: scope.id })
      .go({ limit, cursor: start, order: "desc" }),
  );
  return { items: page.data.map(toInfo), cursor: page.cursor };
});

/**
 * Cancels a queued or running job (`job.run` where it is filed, or the person who started it).
 * A running attempt notices at its next progress save and stops without writing more; a
 * checkpoint already saved stays on the record. Finished jobs cannot be canceled (409).
 */
export const cancel = fn(Id, async (id): Promise<Info> => {
  const item = await load(id);
  if (!item) throw new VisibleError("not_found", "job_not_found", "İş bulunamadı.");
  const caller = actor();
  const own = caller.type === "user" && item.createdBy === caller.userId;
  if (!own) {
    try {
      assert("job.run", { place: item.place as Place }, { hide: true });
    } catch (error) {
      if (error instanceof VisibleError && error.kind === "not_found") {
        throw new VisibleError("not_found", "job_not_found", "İş bulunamadı.");
      }
      throw error;
    }
  }
  const at = now().toISOString();
  // Loaded on use, as in `list`: audit depends on identity, which depends on org, whose imports start jobs.
  const { Audit } = await import("../audit");
  try {
    await transact([
      update(
        entities()
          .Job.patch({ jobId: id })
          .set({ status: "canceled", finishedAt: at, updatedAt: at })
          .remove(["runId", "leaseUntil"])
          .where((a, op) => `${op.eq(a.status, "queued")} OR ${op.eq(a.status, "running")}`),
      ),
      Audit.entryAt({
        action: "job.cancel",
        entity: { type: "job", id },
        scope: toInfo(item).scope,
        data: { type: item.type },
        place: item.place as Place,
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) {
      throw new VisibleError("conflict", "job_finished", "Bu iş zaten bitmiş; iptal edilemez.");
    }
    throw error;
  }
  return { ...toInfo(item), status: "canceled", finishedAt: at, updatedAt: at };
});

/** What one run did: `retry` means the attempt failed and the job waits for another delivery. */
export type Outcome = { jobId: string; status: "succeeded" | "failed" | "retry" | "skipped" };

/** Thrown inside a run whose job was taken over or canceled: stop, write nothing more. */
class Lost extends Error {}

/**
 * System entry: the worker's side of jobs (the SQS worker Lambda and the local pool call these,
 * under a system actor). Not reachable from the API.
 */
export const system = {
  /** Handles one queue message: a job id, or a schedule tick that starts its job (keyed by type + time). */
  async process(message: Message, types: readonly JobType<never>[]): Promise<Outcome> {
    if ("jobId" in message) return system.execute(message.jobId, types);
    const type = types.find((t) => t.type === message.type);
    if (!type) throw new Error(`Unknown job type ${message.type}`);
    const scheduled = new Date(message.scheduledAt);
    const { job } = await start(type as JobType<unknown>, {
      params: message.params ?? {},
      key: scheduled.toISOString(),
      asOf: istanbulDay(scheduled),
      enqueue: false,
    });
    return system.execute(job.id, types);
  },

  /**
   * Jobs left queued or running (local runtime only). In AWS a job's SQS message outlives any
   * restart; the local pool keeps its messages in memory, so on start it asks for these and
   * delivers them again (a running one is claimed once its lease has expired). Two Queries on the
   * `byStatus` index.
   */
  async unfinished(): Promise<string[]> {
    const ids: string[] = [];
    for (const status of ["queued", "running"] as const) {
      const found = await entities()
        .Job.query.byStatus({ status })
        .go({ pages: "all", attributes: ["jobId"] });
      ids.push(...found.data.map((item) => item.jobId));
    }
    return ids;
  },

  /** Claims the job and runs one attempt of it. */
  async execute(jobId: string, types: readonly JobType<never>[]): Promise<Outcome> {
    const runId = createId("job");
    const claimed = await claim(jobId, runId);
    if (!claimed) return { jobId, status: "skipped" };
    const type = types.find((t) => t.type === claimed.type) as JobType<unknown> | undefined;
    if (!type) return finishFailed(claimed, runId, new Error(`Unknown job type ${claimed.type}`), true);
    if (claimed.attempts > claimed.maxAttempts) {
      return finishFailed(claimed, runId, new Error("attempts exhausted (runs ended without finishing)"), true);
    }
    const context: RunContext<unknown> = {
      jobId,
      params: type.params.parse(claimed.params),
      asOf: claimed.asOf,
      checkpoint: claimed.checkpoint as Json | undefined,
      attempt: claimed.attempts,
      progress: (percent, checkpoint) => saveProgress(jobId, runId, percent, checkpoint),
      rows: () => readRows(jobId),
    };
    let result: Json;
    try {
      result = await type.run(context);
    } catch (error) {
      if (error instanceof Lost) return { jobId, status: "skipped" };
      return finishFailed(claimed, runId, error, claimed.attempts >= claimed.maxAttempts);
    }
    try {
      await entities()
        .Job.patch({ jobId })
        .set({
          status: "succeeded",
          progress: 100,
          result,
          finishedAt: now().toISOString(),
          updatedAt: now().toISOString(),
        })
        .remove(["runId", "leaseUntil", "error"])
        .where((a, op) => op.eq(a.runId, runId))
        .go();
    } catch (error) {
      if (isConditionFailure(error)) return { jobId, status: "skipped" };
      throw error;
    }
    log().info("job succeeded", { jobId, type: claimed.type, attempts: claimed.attempts });
    return { jobId, status: "succeeded" };
  },
};

/** Takes the job for this run: queued, or running under a lease that expired (a crashed run). */
async function claim(jobId: string, runId: string): Promise<Item | undefined> {
  const at = now();
  try {
    const { data } = await entities()
      .Job.patch({ jobId })
      .set({ status: "running", runId, leaseUntil: at.getTime() + leaseMs, updatedAt: at.toISOString() })
      .add({ attempts: 1 })
      .where(
        (a, op) =>
          `(${op.eq(a.status, "queued")}) OR (${op.eq(a.status, "running")} AND ${op.lt(a.leaseUntil, at.getTime())})`,
      )
      .go({ response: "all_new" });
    const item = data as Item;
    if (!item.startedAt) {
      await entities().Job.patch({ jobId }).set({ startedAt: at.toISOString() }).go();
      item.startedAt = at.toISOString();
    }
    return item;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

async function saveProgress(jobId: string, runId: string, percent: number, checkpoint?: Json): Promise<void> {
  const at = now();
  const progress = Math.max(0, Math.min(100, Math.round(percent)));
  try {
    await entities()
      .Job.patch({ jobId })
      .set({
        progress,
        ...(checkpoint !== undefined ? { checkpoint } : {}),
        leaseUntil: at.getTime() + leaseMs,
        updatedAt: at.toISOString(),
      })
      .where((a, op) => `${op.eq(a.runId, runId)} AND ${op.eq(a.status, "running")}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new Lost("job taken over or canceled");
    throw error;
  }
}

/** People read the message; the detail goes to the log only. */
function messageOf(error: unknown): string {
  if (error instanceof VisibleError) return error.message;
  return "İş beklenmeyen bir hata nedeniyle tamamlanamadı; teknik ekip bilgilendirildi.";
}

/** Ends this attempt: back to `queued` for the next delivery, or `failed` (with the alarm line). */
async function finishFailed(item: Item, runId: string, error: unknown, final: boolean): Promise<Outcome> {
  const at = now().toISOString();
  const message = messageOf(error);
  const detail = { jobId: item.jobId, type: item.type, attempts: item.attempts, error: error as Error };
  try {
    await entities()
      .Job.patch({ jobId: item.jobId })
      .set(
        final
          ? { status: "failed", error: message, finishedAt: at, updatedAt: at }
          : { status: "queued", error: message, updatedAt: at },
      )
      .remove(["runId", "leaseUntil"])
      .where((a, op) => op.eq(a.runId, runId))
      .go();
  } catch (cause) {
    if (isConditionFailure(cause)) return { jobId: item.jobId, status: "skipped" };
    throw cause;
  }
  if (final) {
    // Stable marker: the log metric filter and alarm match on it.
    log().error("job.failed", detail);
    return { jobId: item.jobId, status: "failed" };
  }
  log().warn("job attempt failed", detail);
  return { jobId: item.jobId, status: "retry" };
}
