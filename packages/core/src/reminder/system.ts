/**
 * The reminder domain's system entry (job worker, local pool, SES event handler): the daily run
 * with the registered sources, the drain, and the suppression list's writer.
 */
import "./sources";

export { defaultSettings, dueOn, relevantOffsets, type Settings } from "./plan";
export {
  type Directory,
  drain,
  identityDirectory,
  milestoneRef,
  type RunOptions,
  type RunResult,
  runReminders,
} from "./run";
export { suppress } from "./settings";
export { registeredSources, registerSource } from "./source";
export { unsubscribeToken, verifyUnsubscribeToken } from "./token";
