/**
 * The KVKK periodic destruction job, declared without its work: the run (privacy/retention-job.ts,
 * with the S3 client and its Queries over every province and day) lives in the worker's system entry, so the API never loads it.
 */
import * as z from "zod";
import { defineJob } from "../job/define";

export const retentionJob = defineJob({
  type: "privacy-retention",
  title: "Saklama süresi dolan kişisel verilerin imhası",
  params: z.object({}),
  action: "job.run",
  scope: () => ({ type: "national", id: "" }),
  place: async () => ({}),
  run: async () => {
    throw new Error("privacy-retention runs only in the job worker (workerJobTypes)");
  },
});
