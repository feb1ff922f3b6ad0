/**
 * Jobs: background work with a record (status, progress, checkpoint, attempts, result).
 * `Job.start/get/list` go through the access policy; `Job.system` is the worker's entry.
 * `jobTypes`, the one registry of job types, is `@bigep/core/job/registry`: it imports every
 * domain that declares a job, so importing it from here would put all of them in every API part.
 */
export { defineJob, type JobType, type Json, type RunContext } from "./define";
export * as Job from "./job";
export { Message, type Queue, queue, useQueue } from "./queue";
