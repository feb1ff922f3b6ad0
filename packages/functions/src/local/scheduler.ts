/**
 * The local stand-in for EventBridge Scheduler: every registry job runs on its cron in
 * Europe/Istanbul, in this process. The event is `{ job, time }` — what the stack's schedules
 * send as input (`time` = the scheduled time, ISO 8601).
 */
import { VisibleError } from "@bigep/core/util/error";
import { log } from "@bigep/core/util/log";
import { Cron } from "croner";
import { type ScheduledJob, scheduledJobs } from "../jobs/registry";
import { type Invocation, importHandler, invoke, type Loader } from "./lambda";

export const timeZone = "Europe/Istanbul";

/** The EventBridge-style cron of a job as a croner schedule (weekdays 1–7 = Sunday–Saturday, `?` = any). */
export function cronOf(job: Pick<ScheduledJob, "cron">, fn?: () => Promise<void>): Cron {
  const { minute, hour, day = "*", month = "*", weekDay = "*" } = job.cron;
  const options = { timezone: timeZone, alternativeWeekdays: true, mode: "5-part" as const, protect: true };
  const pattern = `${minute} ${hour} ${day} ${month} ${weekDay}`;
  return fn ? new Cron(pattern, options, fn) : new Cron(pattern, options);
}

/** When the job runs next after `from` (an instant). */
export function nextRun(job: Pick<ScheduledJob, "cron">, from = new Date()): Date | null {
  return cronOf(job).nextRun(from);
}

function run(job: ScheduledJob, time: Date, load: Loader): Promise<Invocation> {
  return invoke(job.name, job.entry, { job: job.name, time: time.toISOString() }, load);
}

/** Run every job on its schedule until `stop()`; a job that is still running is not started again. */
export function startScheduler(options: { jobs?: ScheduledJob[]; load?: Loader } = {}) {
  const { jobs = scheduledJobs, load = importHandler } = options;
  const crons = jobs.map((job) => {
    const cron = cronOf(job, async () => {
      await run(job, new Date(), load);
    });
    log().info("job scheduled", { job: job.name, next: cron.nextRun()?.toISOString() });
    return cron;
  });
  return {
    stop: () => {
      for (const cron of crons) cron.stop();
    },
  };
}

/** Run the scheduled job `name` now, as its schedule would; 404 for an unknown job. */
export async function runJobNow(name: string, options: { jobs?: ScheduledJob[]; load?: Loader } = {}) {
  const job = (options.jobs ?? scheduledJobs).find((j) => j.name === name);
  if (!job) throw new VisibleError("not_found", "job_not_found", "Böyle bir zamanlanmış iş yok.");
  return run(job, new Date(), options.load ?? importHandler);
}
