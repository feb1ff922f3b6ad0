import { afterEach, describe, expect, it, vi } from "vitest";
import * as z from "zod";
import { type Actor, type Grant, withActor } from "../actor";
import { VisibleError } from "../util/error";
import { log } from "../util/log";
import { defineJob, Job, type JobType } from ".";

const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);
const asUser = <T>(grants: Grant[], run: () => Promise<T>, userId = "usr_01JD0000000000000000000001") => {
  const actor: Actor = { type: "user", userId, email: "a@b.tr", name: "A", grants };
  return withActor({ actor, requestId: "t" }, run);
};

/** Counts to `items`, one checkpoint per item; `crash` makes an attempt throw when it reaches that item. */
function counter(options: { crash?: { at: number; attempts: number[] }; maxAttempts?: number; fail?: boolean }) {
  const processed: number[] = [];
  const type = defineJob({
    type: `count-${Math.random().toString(36).slice(2, 8)}`,
    title: "Sayaç",
    params: z.object({ items: z.number().int() }),
    action: "org.import",
    scope: () => ({ type: "province", id: "10" }),
    place: async () => ({ province: "10" }),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    run: async (ctx) => {
      if (options.fail) throw new Error("disk on fire at /var/lib/x");
      let next = (ctx.checkpoint as { next: number } | undefined)?.next ?? 0;
      while (next < ctx.params.items) {
        if (options.crash?.at === next && options.crash.attempts.includes(ctx.attempt)) {
          throw new Error("process killed");
        }
        processed.push(next);
        next++;
        await ctx.progress((100 * next) / ctx.params.items, { next });
      }
      return { count: processed.length };
    },
  });
  return { type, types: [type as JobType<never>], processed };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("jobs", () => {
  it("a job killed half way resumes from its checkpoint and does not redo finished work", async () => {
    // Prepare: the first attempt dies on item 5 of 10, right after saving the checkpoint at 50 %
    const { type, types, processed } = counter({ crash: { at: 5, attempts: [1] } });
    const { job } = await system(() => Job.start(type, { params: { items: 10 }, enqueue: false }));

    // Act
    const first = await system(() => Job.system.execute(job.id, types));
    const halfway = await system(() => Job.get(job.id));
    const second = await system(() => Job.system.execute(job.id, types));
    const done = await system(() => Job.get(job.id));

    // Assess
    expect(first.status).toBe("retry");
    expect(halfway).toMatchObject({ status: "queued", progress: 50, attempts: 1 });
    expect(second.status).toBe("succeeded");
    expect(processed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(done).toMatchObject({ status: "succeeded", progress: 100, attempts: 2, result: { count: 10 } });
    expect(done.error).toBeUndefined();
    expect(done.finishedAt).toBeDefined();
  });

  it("a job that keeps failing ends failed with a Turkish message and the alarm log line, detail only in the log", async () => {
    // Prepare
    const errors = vi.spyOn(log(), "error");
    const { type, types } = counter({ fail: true, maxAttempts: 2 });
    const { job } = await system(() => Job.start(type, { params: { items: 3 }, enqueue: false }));

    // Act
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await system(() => Job.system.execute(job.id, types))).status);
    const failed = await system(() => Job.get(job.id));

    // Assess
    expect(outcomes).toEqual(["retry", "failed", "skipped"]);
    expect(failed).toMatchObject({ status: "failed", attempts: 2 });
    expect(failed.error).toBe("İş beklenmeyen bir hata nedeniyle tamamlanamadı; teknik ekip bilgilendirildi.");
    expect(JSON.stringify(failed)).not.toContain("disk on fire");
    const alarms = errors.mock.calls.filter(([message]) => message === "job.failed");
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1]).toMatchObject({ jobId: job.id, type: type.type, attempts: 2 });
    expect(alarms[0]?.[1]).toMatchObject({ error: expect.objectContaining({ message: "disk on fire at /var/lib/x" }) });
  });

  it("starts once per key: a second start (even a concurrent one) returns the first job", async () => {
    // Prepare
    const { type } = counter({});
    const start = (key: string) => system(() => Job.start(type, { params: { items: 1 }, key, enqueue: false }));

    // Act
    const first = await start("2026-03-10T00:30:00.000Z");
    const again = await start("2026-03-10T00:30:00.000Z");
    const racing = await Promise.all([1, 2, 3, 4].map(() => start("2026-03-11T00:30:00.000Z")));
    const other = await start("2026-03-12T00:30:00.000Z");

    // Assess
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    expect(new Set(racing.map((r) => r.job.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    expect(other.job.id).not.toBe(first.job.id);
  });

  it("runs one attempt at a time: a second delivery while a run holds the job is skipped", async () => {
    // Prepare
    let release!: () => void;
    const gate = new Promise<void>((done) => {
      release = done;
    });
    const slow = defineJob({
      type: "slow",
      title: "Yavaş",
      params: z.object({}),
      action: "job.run",
      scope: () => ({ type: "national", id: "" }),
      place: async () => ({}),
      run: async () => {
        await gate;
        return { ok: true };
      },
    });
    const types = [slow as JobType<never>];
    const { job } = await system(() => Job.start(slow, { params: {}, enqueue: false }));

    // Act
    const running = system(() => Job.system.execute(job.id, types));
    await vi.waitFor(async () => expect((await system(() => Job.get(job.id))).status).toBe("running"));
    const duplicate = await system(() => Job.system.execute(job.id, types));
    release();

    // Assess
    expect(duplicate.status).toBe("skipped");
    expect((await running).status).toBe("succeeded");
  });

  it("a schedule tick starts its job keyed by the scheduled time, as of that Istanbul day", async () => {
    // Prepare: 22:30 UTC on 9 March is 01:30 on 10 March in Istanbul
    const { type, types } = counter({});
    const tick = { type: type.type, params: { items: 2 }, scheduledAt: "2026-03-09T22:30:00.000Z" };

    // Act
    const first = await system(() => Job.system.process(tick, types));
    const repeat = await system(() => Job.system.process(tick, types));
    const job = await system(() => Job.get(first.jobId));

    // Assess
    expect(first.status).toBe("succeeded");
    expect(repeat).toEqual({ jobId: first.jobId, status: "skipped" });
    expect(job).toMatchObject({ asOf: "2026-03-10", status: "succeeded" });
  });

  it("starting asks the job type's action where the job sits; reading is for its starter or job readers there", async () => {
    // Prepare
    const { type } = counter({});
    const officer: Grant = { role: "province_officer", scope: { type: "province", id: "10" } };
    const teacher: Grant = { role: "teacher", scope: { type: "school", id: "710204" } };
    const elsewhere: Grant = { role: "province_officer", scope: { type: "province", id: "71" } };

    // Act
    const { job } = await asUser([officer], () => Job.start(type, { params: { items: 1 }, enqueue: false }));
    const denied = await asUser([teacher], () => Job.start(type, { params: { items: 1 } })).catch((e: unknown) => e);
    const anonymous = await Job.start(type, { params: { items: 1 } }).catch((e: unknown) => e);
    const hidden = await asUser([elsewhere], () => Job.get(job.id), "usr_01JD0000000000000000000002").catch(
      (e: unknown) => e,
    );
    const listed = await asUser([officer], () => Job.list({ scope: { type: "province", id: "10" } }));

    // Assess
    expect(job.createdBy).toEqual({ id: "usr_01JD0000000000000000000001", name: "A" });
    expect(denied).toMatchObject({ kind: "forbidden" });
    expect(anonymous).toBeInstanceOf(VisibleError);
    expect((anonymous as VisibleError).kind).toBe("auth");
    expect(hidden).toMatchObject({ kind: "not_found", code: "job_not_found" });
    expect(listed.items.map((j) => j.id)).toContain(job.id);
  });
});
