/**
 * The local stand-in for SQS + the worker Lambda: a bounded in-process pool installed as the
 * jobs queue. Each message is handled as the worker would (`Job.system.process`, system actor);
 * an attempt that failed with attempts left is sent again after a short delay (SQS's visibility
 * timeout), so retries and resume-from-checkpoint behave as in AWS.
 */
import { randomUUID } from "node:crypto";
import { withActor } from "@bigep/core/actor";
import { Job, type JobType, type Message, useQueue } from "@bigep/core/job";
import { workerJobTypes } from "@bigep/core/system/job";
import { log } from "@bigep/core/util/log";

export type PoolOptions = {
  /** Jobs running at once (2 cores are shared here; jobs are I/O bound). */
  concurrency?: number;
  /** Delay before a failed attempt is retried, per attempt so far. */
  retryDelayMs?: number;
  types?: readonly JobType<never>[];
};

export function startJobPool(options: PoolOptions = {}) {
  const { concurrency = 2, retryDelayMs = 2_000, types = workerJobTypes } = options;
  const waiting: { message: Message; receives: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let stopped = false;
  let idle: (() => void)[] = [];

  const settle = () => {
    if (running === 0 && waiting.length === 0 && timers.size === 0) {
      for (const done of idle) done();
      idle = [];
    }
  };

  const pump = () => {
    while (!stopped && running < concurrency && waiting.length > 0) {
      const next = waiting.shift()!;
      running++;
      void handle(next).finally(() => {
        running--;
        pump();
        settle();
      });
    }
  };

  const handle = async ({ message, receives }: { message: Message; receives: number }) => {
    const reason = "jobId" in message ? `job ${message.jobId}` : `schedule ${message.type}`;
    try {
      const outcome = await withActor({ actor: { type: "system", reason }, requestId: randomUUID() }, () =>
        Job.system.process(message, types),
      );
      if (outcome.status === "retry") later({ jobId: outcome.jobId }, receives);
    } catch (error) {
      // The worker itself failed (not the job's code): as SQS would, deliver again a few times.
      log().error("job worker error", { message, error: error as Error });
      if (receives < 5) later(message, receives);
    }
  };

  const later = (message: Message, receives: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      waiting.push({ message, receives: receives + 1 });
      pump();
      settle();
    }, retryDelayMs * receives);
    timers.add(timer);
  };

  const remove = useQueue({
    send: async (message) => {
      waiting.push({ message, receives: 1 });
      queueMicrotask(pump);
    },
  });

  return {
    /**
     * Delivers again the jobs a previous run of the local stack left queued or running (their
     * messages lived in that process's memory). Returns how many.
     */
    resume: async () => {
      const ids = await withActor({ actor: { type: "system", reason: "resume jobs" }, requestId: randomUUID() }, () =>
        Job.system.unfinished(),
      );
      for (const jobId of ids) waiting.push({ message: { jobId }, receives: 1 });
      queueMicrotask(pump);
      return ids.length;
    },
    /** Resolves when nothing is running, waiting or due for retry. */
    idle: () =>
      new Promise<void>((done) => {
        idle.push(done);
        queueMicrotask(settle);
      }),
    stop: () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      remove();
    },
  };
}
