import { describe, expect, it } from "vitest";
import { type ScheduledJob, scheduledJobs } from "../jobs/registry";
import { importHandler, type Loader } from "./lambda";
import { nextRun, runJobNow, startScheduler } from "./scheduler";

const job = (cron: ScheduledJob["cron"], name = "test-job"): ScheduledJob => ({
  name,
  description: "test",
  cron,
  entry: "test-entry.ts",
  grants: [],
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

  it("runs a job now with a Lambda-like context and reports a failure instead of throwing", async () => {
    // Prepare
    const calls: { event: unknown; remaining: number; name: string }[] = [];
    const ok: Loader = async () => async (event, context) => {
      calls.push({ event, remaining: context.getRemainingTimeInMillis(), name: context.functionName });
    };
    const failing: Loader = async () => async () => {
      throw new Error("boom");
    };
    const jobs = [job({ minute: "30", hour: "3" }, "nightly")];

    // Act
    const good = await runJobNow("nightly", { jobs, load: ok });
    const bad = await runJobNow("nightly", { jobs, load: failing });
    const unknown = runJobNow("missing", { jobs, load: ok });

    // Assess
    expect(good).toMatchObject({ name: "nightly", ok: true });
    expect(calls[0]?.event).toMatchObject({ job: "nightly", time: expect.any(String) });
    expect(calls[0]?.remaining).toBeGreaterThan(60_000);
    expect(calls[0]?.name).toContain("nightly");
    expect(bad).toMatchObject({ name: "nightly", ok: false, error: "boom" });
    await expect(unknown).rejects.toMatchObject({ kind: "not_found" });
  });

  it("schedules every registry job, and every registry entry exports a handler", async () => {
    // Act
    const scheduler = startScheduler();
    scheduler.stop();
    const handlers = await Promise.all(scheduledJobs.map((j) => importHandler(j.entry)));

    // Assess
    expect(scheduledJobs.length).toBeGreaterThan(0);
    for (const j of scheduledJobs) expect(nextRun(j)).toBeInstanceOf(Date);
    for (const handler of handlers) expect(handler).toBeTypeOf("function");
  });
});
