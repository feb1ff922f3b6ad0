/**
 * The background work the stack deploys, declared once (infra/ reads this file):
 * - `worker`: the SQS-triggered Lambda that runs every job type of the core registry
 *   (`@bigep/core/job` `jobTypes`); the API and the schedules put messages on its queue.
 * - `schedules`: EventBridge Scheduler entries (Europe/Istanbul) that put a job on the queue with
 *   their scheduled time; locally packages/functions/src/local/scheduler.ts does the same.
 * - `bucketEventJobs`: functions triggered by S3 object creation.
 */
export type Grant = "table:read" | "table:write" | "bucket:read" | "bucket:write" | "bucket:delete" | "mail:send";

/** Cron fields evaluated in Europe/Istanbul (EventBridge Scheduler time zone). */
export type Cron = { minute: string; hour: string; day?: string; month?: string; weekDay?: string };

/**
 * A schedule puts `{"type": job, "params": params, "scheduledAt": <aws.scheduler.scheduled-time>}`
 * on the jobs queue; the worker starts the job idempotently, keyed by type + scheduled time.
 */
export type Schedule = {
  name: string;
  description: string;
  cron: Cron;
  /** Job type (core registry). */
  job: string;
  params?: Record<string, unknown>;
};

export type BucketEventJob = {
  name: string;
  description: string;
  /** Object key prefix that triggers the job on ObjectCreated. */
  prefix: string;
  /** Module path from the repository root; it exports `handler`. */
  entry: string;
  grants: Grant[];
};

export const schedules: Schedule[] = [
  {
    name: "sweep-uploads",
    description: "Marks evidence whose upload never arrived as abandoned (daily, 03:30 Istanbul).",
    cron: { minute: "30", hour: "3" },
    job: "sweep-uploads",
  },
  // --- privacy (issue 15) ---
  {
    name: "privacy-retention",
    description:
      "KVKK periodic destruction: deletes or anonymises personal data past its retention period (monthly, 1st, 04:00 Istanbul).",
    cron: { minute: "0", hour: "4", day: "1" },
    job: "privacy-retention",
  },
  // --- reminders ---
  {
    name: "reminders",
    description: "Calendar reminders 14/7/3/1 days ahead and escalations after deadlines (daily, 07:00 Istanbul).",
    cron: { minute: "0", hour: "7" },
    job: "reminders",
  },
  // --- reports ---
  {
    name: "yearly-reports",
    description:
      "Compiles the reports of the school year just ended: national (fanned out per province) and every district (1 September, 02:00 Istanbul).",
    cron: { minute: "0", hour: "2", day: "1", month: "9" },
    job: "report-yearly",
  },
];

export const worker: {
  entry: "packages/functions/src/jobs/worker.ts";
  description: string;
  grants: Grant[];
  reservedConcurrency: number;
} = {
  entry: "packages/functions/src/jobs/worker.ts",
  description: "Runs queued jobs (imports, sweeps, scheduled work) with progress, checkpoints and retries.",
  // Imports write schools, users, roles and audit events and send invitations; the sweep
  // rejects evidence and deletes late uploads.
  // Reports write their files under reports/ (bucket:write).
  // --- review: certificates --- the `review-certificates` job (core registry) writes the award
  // PDFs under certificates/ and checks which exist (bucket:read, bucket:write).
  grants: ["table:read", "table:write", "bucket:read", "bucket:write", "bucket:delete", "mail:send"],
  // Jobs keep capacity of their own: an API flood cannot starve them (nor they the API).
  reservedConcurrency: 5,
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
