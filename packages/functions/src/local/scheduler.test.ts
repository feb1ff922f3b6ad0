import type { Message } from "@bigep/core/job";
import { jobType } from "@bigep/core/job/registry";
import { describe, expect, it } from "vitest";
import { type Schedule, schedules } from "../jobs/registry";
import { nextRun, runScheduleNow, startScheduler } from "./scheduler";

const job = (cron: Schedule["cron"], name = "test-job"): Schedule => ({
  name,
  description: "test",
  cron,
  job: "sweep-uploads",
  params: { sample: 1 },
});

describe("local scheduler", () => {
  it("computes the next run in Istanbul time: 03:30 there is 00:30 UTC", () => {
    // Prepare
    const daily = job({ minute: "30", hour: "3" });

    // Act
    const beforeThatNight = nextRun(daily, new Date("2026-03-10T12:00:00Z"));
    const justBefore = nextRun(daily, new Date("2026-03-11T00:29:00Z"));

    // Assess
    expect(beforeThatNight?.toISOString()).toBe("2026-03-11T00:30:00.000Z");
    expect(justBefore?.toISOString()).toBe("2026-03-11T00:30:00.000Z");
  });

  it("reads weekdays the EventBridge way (1 = Sunday, 2 = Monday) and `?` as any", () => {
    // Prepare: 2026-03-10 is a Tuesday
    const mondays = job({ minute: "0", hour: "9", day: "?", weekDay: "2" });
    const firstOfMonth = job({ minute: "0", hour: "8", day: "1", weekDay: "?" });

    // Act
    const monday = nextRun(mondays, new Date("2026-03-10T12:00:00Z"));
    const first = nextRun(firstOfMonth, new Date("2026-03-10T12:00:00Z"));

    // Assess
    expect(monday?.toISOString()).toBe("2026-03-16T06:00:00.000Z");
    expect(first?.toISOString()).toBe("2026-04-01T05:00:00.000Z");
  });

  it("fires a schedule now by sending its job with the scheduled time (whole minute), 404 for an unknown one", async () => {
    // Prepare
    const sent: Message[] = [];
    const send = async (message: Message) => {
      sent.push(message);
    };
    const list = [job({ minute: "30", hour: "3" }, "nightly")];

    // Act
    const message = await runScheduleNow("nightly", { schedules: list, send });
    const unknown = runScheduleNow("missing", { schedules: list, send });

    // Assess
    expect(sent).toEqual([message]);
    expect(message).toMatchObject({ type: "sweep-uploads", params: { sample: 1 } });
    const at = new Date((message as { scheduledAt: string }).scheduledAt);
    expect(at.getUTCSeconds() + at.getUTCMilliseconds()).toBe(0);
    expect(Math.abs(Date.now() - at.getTime())).toBeLessThan(61_000);
    await expect(unknown).rejects.toMatchObject({ kind: "not_found" });
  });

  it("schedules every registry entry, and each names a registered job type", () => {
    // Act
    const scheduler = startScheduler({ send: async () => {} });
    scheduler.stop();

    // Assess
    expect(schedules.length).toBeGreaterThan(0);
    for (const s of schedules) expect(nextRun(s)).toBeInstanceOf(Date);
    for (const s of schedules) expect(jobType(s.job)?.type).toBe(s.job);
  });
});
