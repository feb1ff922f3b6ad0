/**
 * The activity domain's system entry: operations that run without a person (the upload
 * verifier, jobs) and skip the access policy. Exported from no public index and not imported by
 * the API; callers inside core import this file by path (e.g. the evidence verifier).
 */
import { entities } from "./entities";

export { load } from "./store";

/** Marks that one of the activity's files is also another activity's (set by the upload verifier). */
export async function flagDuplicateEvidence(id: string): Promise<void> {
  await entities().Activity.patch({ activityId: id }).set({ duplicateEvidence: true }).go();
}
