/**
 * Jobs' personal data (privacy/hooks.ts): the person as the one who started a job (their name on
 * it), and named in a job's input rows, checkpoint or result — a staff import lists people by name
 * and address, and its errors quote them. Jobs are found as those the person started or acted on
 * (audit trail) and the jobs of every school where they hold a role (`byScope`). Erasure keeps
 * the jobs and their counts and replaces the person's name and address (privacy/hooks.ts `scrub`).
 */
import { ERASED_NAME, type Person, type PersonalData, scrub, scrubbed } from "../privacy/hooks";
import { entities } from "./entities";

async function jobsOf(person: Person) {
  const { Job } = entities();
  const ids = new Set(person.touched.filter((t) => t.type === "job").map((t) => t.id));
  const schools = new Set(person.roles.filter((r) => r.scopeType === "school").map((r) => r.scopeId));
  for (const scopeId of schools) {
    const jobs = await Job.query.byScope({ scopeType: "school", scopeId }).go({ pages: "all", attributes: ["jobId"] });
    for (const j of jobs.data) ids.add(j.jobId);
  }
  const rows = [];
  for (const jobId of ids) {
    const row = (await Job.get({ jobId }).go()).data;
    if (row) rows.push(row);
  }
  return rows;
}

export const jobData: PersonalData = {
  domain: "job",
  async export(person) {
    return (await jobsOf(person))
      .filter((j) => j.createdBy === person.userId)
      .map((j) => ({ id: j.jobId, type: j.type, title: j.title, status: j.status, createdAt: j.createdAt }));
  },
  async erase(person) {
    const { Job, Chunk } = entities();
    let changed = 0;
    for (const job of await jobsOf(person)) {
      const set = {
        ...(job.createdBy === person.userId && job.createdByName !== ERASED_NAME ? { createdByName: ERASED_NAME } : {}),
        ...scrubbed(job, ["params", "checkpoint", "result", "error", "title", "createdByName"], person),
      };
      if (Object.keys(set).length > 0) {
        await Job.patch({ jobId: job.jobId }).set(set).go();
        changed++;
      }
      for (const chunk of (await Chunk.query.byJob({ jobId: job.jobId }).go({ pages: "all" })).data) {
        const { value, changed: named } = scrub(chunk.rows, person);
        if (!named) continue;
        await Chunk.patch({ jobId: chunk.jobId, index: chunk.index }).set({ rows: value }).go();
        changed++;
      }
    }
    return changed;
  },
};
