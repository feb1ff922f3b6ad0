/**
 * Jobs: background work with a record (status, progress, checkpoint, attempts, result).
 * `Job.start/get/list` go through the access policy; `Job.system` is the worker's entry.
 * `jobTypes` is the one registry of job types.
 */
export { defineJob, type JobType, type Json, type RunContext } from "./define";
export * as Job from "./job";
export { Message, type Queue, queue, useQueue } from "./queue";
export { jobType, jobTypes } from "./registry";
