/**
 * Every background job, declared once. The CDK stack (infra/) builds from `schedules`, `worker`
 * and `bucketEventJobs` only: EventBridge Scheduler puts `{ type, params, scheduledAt }` on the
 * jobs queue, one worker Lambda runs them; bucket events invoke their own function.
 *
 * (Minimal version of branch wave/8b; the job model's registry replaces it at merge, keeping
 * this contract.)
 */
export type Grant = "table:read" | "table:write" | "bucket:read" | "bucket:write" | "bucket:delete" | "mail:send";

/** Cron fields evaluated in Europe/Istanbul (EventBridge Scheduler time zone). */
export type Cron = { minute: string; hour: string; day?: string; month?: string; weekDay?: string };

/** A schedule that puts job `job` (with `params`) on the jobs queue. */
export type Schedule = { name: string; description: string; cron: Cron; job: string; params?: Record<string, unknown> };

export const schedules: Schedule[] = [
  {
    name: "sweep-uploads",
    description: "Verifies arrived uploads still pending and rejects those that never arrived (daily, 03:30 Istanbul).",
    cron: { minute: "30", hour: "3" },
    job: "sweep-uploads",
  },
];

/** The one function that runs queued jobs. */
export const worker = {
  entry: "packages/functions/src/jobs/worker.ts",
  description: "BİGEP job worker (SQS jobs queue)",
  grants: ["table:read", "table:write", "bucket:read", "bucket:write", "bucket:delete"] as Grant[],
  reservedConcurrency: 5,
} as const satisfies { entry: string; description: string; grants: Grant[]; reservedConcurrency: number };

export type BucketEventJob = {
  name: string;
  description: string;
  /** Object key prefix that triggers the job on ObjectCreated. */
  prefix: string;
  entry: string;
  grants: Grant[];
};

export const bucketEventJobs: BucketEventJob[] = [
  {
    name: "verify-evidence",
    description:
      "Checks each uploaded evidence file (size, type, SHA-256, EXIF/GPS) and makes it visible or rejects it.",
    prefix: "uploads/",
    entry: "packages/functions/src/jobs/verify-evidence.ts",
    grants: ["table:read", "table:write", "bucket:read", "bucket:write", "bucket:delete"],
  },
];

/** The local scheduler's form of `schedules` (one handler module per job); replaced by the local pool at merge. */
export type ScheduledJob = { name: string; description: string; cron: Cron; entry: string; grants: Grant[] };

export const scheduledJobs: ScheduledJob[] = [
  {
    name: "sweep-uploads",
    description: schedules[0]!.description,
    cron: schedules[0]!.cron,
    entry: "packages/functions/src/jobs/sweep-uploads.ts",
    grants: ["table:read", "table:write", "bucket:read", "bucket:delete"],
  },
];
