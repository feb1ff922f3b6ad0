/**
 * What a job type is. Declared next to the domain it works on (org, identity, evidence) and
 * listed once in `registry.ts`. This file imports no domain, so domains can declare jobs.
 */
import type * as z from "zod";
import type { Action } from "../access";
import type { Place, Scope } from "../actor";

/** JSON-serialisable data (params, checkpoint, result). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** What a running job sees. */
export type RunContext<P> = {
  jobId: string;
  params: P;
  /** The Istanbul date the job runs "as of" (YYYY-MM-DD): today, the schedule's day, or a replay date. */
  asOf: string;
  /** Where the previous attempt got to (undefined on the first). */
  checkpoint: Json | undefined;
  /** Attempt number, from 1. */
  attempt: number;
  /**
   * Persists progress (0–100) and the checkpoint to resume from. Throws when the job was taken
   * over by another run or canceled, so a stale run stops instead of writing twice.
   */
  progress(percent: number, checkpoint?: Json): Promise<void>;
  /** The input rows given at start (stored beside the job), in order. */
  rows<T>(): Promise<T[]>;
};

/** One job type: its parameters, who may start it, where it sits, and its work. */
export type JobType<P = unknown> = {
  type: string;
  /** Turkish, shown on the jobs page. */
  title: string;
  params: z.ZodType<P>;
  /** The access-policy action a person needs (on `place`) to start it. */
  action: Action;
  /** The scope the job is filed under (jobs are listed per scope). */
  scope(params: P): Scope;
  /** Where the scope sits, for the access check. */
  place(params: P): Promise<Place>;
  /**
   * False when only its domain operation may start it (an import, which validates the file and
   * stores the rows); such types cannot be started through the generic jobs API.
   */
  startable?: boolean;
  /** Attempts before the job is `failed` (default 3). */
  maxAttempts?: number;
  /** Does the work; returns a small result summary (shown with the job). */
  run(ctx: RunContext<P>): Promise<Json>;
};

/** Declares a job type (keeps `P` inferred from the schema). */
export function defineJob<P>(type: JobType<P>): JobType<P> {
  return type;
}
