/**
 * The job domain's system entry: the job types with the implementations that need other system
 * entries (the upload sweep re-verifies files with the image libraries). Only the job worker and
 * the local pool import this; the API starts jobs from `jobTypes` and never runs them.
 */
import { sweep } from "../evidence/system";
// --- reports ---
import { reportJobTypes } from "../report/system";
import type { JobType } from "./define";
import { jobTypes } from "./registry";

const implementations: Record<string, JobType<never>["run"]> = {
  "sweep-uploads": async () => {
    const result = await sweep();
    // Uploads whose verification failed again stay for the next run; the job fails so the alarm rings.
    if (result.failed > 0) throw new Error(`sweep: ${result.failed} uploads could not be verified`);
    return result;
  },
  // --- privacy --- (loaded on first run: the S3 client and Scans are worker-only)
  "privacy-retention": async (ctx) => (await import("../privacy/retention-job")).runRetention(ctx),
  // --- reminders --- (loaded on first run: the run is worker-only code)
  reminders: async (ctx) => {
    const { runReminders } = await import("../reminder/system");
    const params = ctx.params as { provinces?: string[] };
    const result = await runReminders({
      asOf: ctx.asOf,
      ...(params.provinces ? { provinces: params.provinces } : {}),
      progress: (percent) => ctx.progress(percent),
    });
    return result;
  },
  // --- review: certificates --- (loaded on first run: pdfkit and qrcode are worker-only)
  "review-certificates": async (ctx) => (await import("../review/certificate-system")).runCertificates(ctx),
  // --- reports ---
  ...Object.fromEntries(reportJobTypes.map((t) => [t.type, t.run])),
};

/** Every job type, runnable. */
export const workerJobTypes: readonly JobType<never>[] = jobTypes.map((type) => {
  const run = implementations[type.type];
  return run ? ({ ...type, run } as JobType<never>) : type;
});
