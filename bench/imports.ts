/**
 * The CSV imports as the benchmark runs them, kept in one place: the import operations validate
 * the file and start their job (as an administrator does through the API); the job runs in this
 * process through the same system entry the worker uses, and its report is read back.
 */
import { withActor } from "../packages/core/src/actor";
import { Staff } from "../packages/core/src/identity";
import { Job, useQueue } from "../packages/core/src/job";
import { workerJobTypes } from "../packages/core/src/job/system";
import { School } from "../packages/core/src/org";

const asSystem = <T>(work: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "bench import" }, requestId: "bench-import" }, work);

// Jobs run at once, in this process: the time measured is the import's own.
useQueue({ send: async (message) => void (await Job.system.process(message, workerJobTypes)) });

async function resultOf(job: Job.Info): Promise<Record<string, unknown>> {
  const done = await asSystem(() => Job.get(job.id));
  if (done.status !== "succeeded") throw new Error(`import job ${done.status}: ${done.error ?? ""}`);
  return done.result as Record<string, unknown>;
}

/** Import a province's schools CSV; returns the rows that landed and the rows refused. */
export async function importSchools(province: string, csv: string): Promise<{ written: number; errors: number }> {
  const report = await resultOf(await asSystem(() => School.importCsv({ province, csv })));
  return {
    written: Number(report.created) + Number(report.updated),
    errors: (report.errors as unknown[] | undefined)?.length ?? 0,
  };
}

/** Import one school's staff CSV; returns the people written and the rows refused. */
export async function importStaff(school: string, csv: string): Promise<{ written: number; errors: number }> {
  const report = await resultOf(await asSystem(() => Staff.importCsv({ school, csv })));
  return { written: Number(report.granted), errors: (report.errors as unknown[] | undefined)?.length ?? 0 };
}
