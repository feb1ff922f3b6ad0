/**
 * Reminders: people's preferences, one-click unsubscribe, the suppression list, the sent
 * history of a milestone. The daily run is system work: `@bigep/core/system/reminder`.
 */
export { remindersJob } from "./job";
export * as Reminder from "./settings";
export type { EscalationScope, PendingItem, ReminderSource, SourceContext } from "./source";
