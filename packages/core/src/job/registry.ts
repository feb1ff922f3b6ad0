/**
 * Every job type, declared once. The worker (SQS in AWS, the local pool) runs these; the API
 * starts them by name through the access policy; schedules (packages/functions/src/jobs/registry.ts)
 * name them.
 */
import * as z from "zod";
import { staffImport } from "../identity/staff";
import { schoolImport } from "../org/import-job";
// --- partnership ---
import { reportJob as partnershipReport } from "../partnership/report-job";
import { retentionJob } from "../privacy/job";
// --- reminders ---
import { remindersJob } from "../reminder/job";
// --- reports ---
import { reportJob, yearlyReports } from "../report/job";
// --- review: certificates ---
import { reviewCertificates } from "../review/certificate";
// --- review ---
import { reviewAssign } from "../review/job";
import { defineJob, type JobType } from "./define";

/** Daily: evidence whose upload never arrived becomes `rejected` (and any late object is deleted). */
export const sweepUploads = defineJob({
  type: "sweep-uploads",
  title: "Yarım kalan yüklemeleri temizleme",
  params: z.object({}),
  action: "job.run",
  scope: () => ({ type: "national", id: "" }),
  place: async () => ({}),
  // The sweep verifies uploads (image libraries): it runs only where the system entry is
  // loaded — the job worker and the local pool use `workerJobTypes` from `@bigep/core/system/job`.
  run: async () => {
    throw new Error("sweep-uploads runs only in the job worker (workerJobTypes)");
  },
});

export const jobTypes: readonly JobType<never>[] = [
  schoolImport as JobType<never>,
  staffImport as JobType<never>,
  sweepUploads as JobType<never>,
  // --- privacy (issue 15) ---
  retentionJob as JobType<never>,
  // --- reminders ---
  remindersJob as JobType<never>,
  // --- review ---
  reviewAssign as JobType<never>,
  // --- review: certificates ---
  reviewCertificates as JobType<never>,
  // --- reports ---
  reportJob as JobType<never>,
  yearlyReports as JobType<never>,
  // --- partnership ---
  partnershipReport as JobType<never>,
];

/** A job type by name, or undefined. */
export function jobType(name: string): JobType<unknown> | undefined {
  return jobTypes.find((t) => t.type === name) as JobType<unknown> | undefined;
}
