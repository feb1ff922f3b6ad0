/**
 * Every background job, declared once. The CDK stack (infra/) creates one Lambda per entry
 * with these schedules and bucket events; the local runtime runs the same handlers on the
 * same schedules and on s3rver's upload events.
 */
export type ScheduledJob = {
  name: string;
  description: string;
  /** Cron fields evaluated in Europe/Istanbul (EventBridge Scheduler time zone). */
  cron: { minute: string; hour: string; day?: string; month?: string; weekDay?: string };
  /** Module path from the repository root; it exports `handler`. */
  entry: string;
  /** What the function may touch, for least-privilege grants. */
  grants: ("table:read" | "table:write" | "bucket:read" | "bucket:write" | "bucket:delete" | "mail:send")[];
};

export type BucketEventJob = {
  name: string;
  description: string;
  /** Object key prefix that triggers the job on ObjectCreated. */
  prefix: string;
  entry: string;
  grants: ScheduledJob["grants"];
};

export const scheduledJobs: ScheduledJob[] = [
  {
    name: "sweep-uploads",
    description: "Marks evidence whose upload never arrived as abandoned (daily, 03:30 Istanbul).",
    cron: { minute: "30", hour: "3" },
    entry: "packages/functions/src/jobs/sweep-uploads.ts",
    grants: ["table:read", "table:write", "bucket:delete"],
  },
];

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
