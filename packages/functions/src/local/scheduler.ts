/**
 * The local stand-in for EventBridge Scheduler: every registry schedule fires on its cron in
 * Europe/Istanbul and puts its job on the jobs queue (the local pool) with the scheduled time —
 * the same message the stack's schedules send to SQS: `{ type, params, scheduledAt }`.
 */
import { type Message, queue } from "@bigep/core/job";
import { VisibleError } from "@bigep/core/util/error";
import { log } from "@bigep/core/util/log";
import { Cron } from "croner";
import { type Schedule, schedules } from "../jobs/registry";

export const timeZone = "Europe/Istanbul";

/** The EventBridge-style cron of a schedule as a croner schedule (weekdays 1–7 = Sunday–Saturday, `?` = any). */
export function cronOf(schedule: Pick<Schedule, "cron">, fn?: () => Promise<void>): Cron {
  const { minute, hour, day = "*", month = "*", weekDay = "*" } = schedule.cron;
  const options = { timezone: timeZone, alternativeWeekdays: true, mode: "5-part" as const, protect: true };
  const pattern = `${minute} ${hour} ${day} ${month} ${weekDay}`;
  return fn ? new Cron(pattern, options, fn) : new Cron(pattern, options);
}

/** When the schedule fires next after `from` (an instant). */
export function nextRun(schedule: Pick<Schedule, "cron">, from = new Date()): Date | null {
  return cronOf(schedule).nextRun(from);
}

export type Send = (message: Message) => Promise<void>;

/** The message a schedule sends for the tick at `time` (EventBridge's `<aws.scheduler.scheduled-time>`). */
export function messageOf(schedule: Schedule, time: Date): Message {
  const scheduledAt = new Date(Math.floor(time.getTime() / 60_000) * 60_000).toISOString();
  return { type: schedule.job, params: schedule.params ?? {}, scheduledAt };
}

const enqueue: Send = (message) => queue().send(message);

/** Fire every schedule on its cron until `stop()`. */
export function startScheduler(options: { schedules?: Schedule[]; send?: Send } = {}) {
  const { schedules: list = schedules, send = enqueue } = options;
  const crons = list.map((schedule) => {
    const cron = cronOf(schedule, async () => {
      try {
        await send(messageOf(schedule, new Date()));
      } catch (error) {
        log().error("schedule not sent", { schedule: schedule.name, error: error as Error });
      }
    });
    log().info("job scheduled", { schedule: schedule.name, job: schedule.job, next: cron.nextRun()?.toISOString() });
    return cron;
  });
  return {
    stop: () => {
      for (const cron of crons) cron.stop();
    },
  };
}

/** Fire the schedule `name` now, as its cron would; 404 for an unknown schedule. */
export async function runScheduleNow(name: string, options: { schedules?: Schedule[]; send?: Send } = {}) {
  const schedule = (options.schedules ?? schedules).find((s) => s.name === name);
  if (!schedule) throw new VisibleError("not_found", "schedule_not_found", "Böyle bir zamanlanmış iş yok.");
  const message = messageOf(schedule, new Date());
  await (options.send ?? enqueue)(message);
  return message;
}
