/**
 * When to remind and whom to escalate to: pure rules over the day, the deadline and what is
 * pending. Before a deadline, the people whose part is undone hear about it 14, 7, 3 and 1 days
 * ahead; after it, an overdue item goes once to the school's principal the day after the
 * deadline, `escalateAfterDays` later to the district, and as many days later again to the province.
 */
import type { Role } from "../actor/schema";
import { daysBetween } from "./days";
import type { EscalationScope } from "./source";

export type Settings = {
  /** Days before the deadline on which reminders go out. */
  offsets: readonly number[];
  /** Days between escalation steps (principal → district → province). */
  escalateAfterDays: number;
};

export const defaultSettings: Settings = { offsets: [14, 7, 3, 1], escalateAfterDays: 7 };

/** An escalation step: whom it goes to (role at a level of the item's escalation scope). */
export type Escalation = { level: keyof EscalationScope; role: Role; offset: string };

const steps: readonly Omit<Escalation, "offset">[] = [
  { level: "school", role: "principal" },
  { level: "district", role: "district_officer" },
  { level: "province", role: "province_officer" },
];

/** What a milestone with deadline `to` calls for on `asOf`. */
export type Due =
  | { kind: "reminder"; offset: string; daysLeft: number }
  | { kind: "escalation"; step: Escalation; daysLate: number }
  | undefined;

export function dueOn(asOf: string, deadline: string, settings: Settings = defaultSettings): Due {
  const left = daysBetween(asOf, deadline);
  if (left > 0)
    return settings.offsets.includes(left) ? { kind: "reminder", offset: `d-${left}`, daysLeft: left } : undefined;
  const late = -left;
  for (const [i, step] of steps.entries()) {
    if (late === 1 + i * settings.escalateAfterDays) {
      return { kind: "escalation", step: { ...step, offset: `esc-${step.level}` }, daysLate: late };
    }
  }
  return undefined;
}

/** Days (relative to a deadline) on which something may be due: for choosing which milestones to read. */
export function relevantOffsets(settings: Settings = defaultSettings): number[] {
  return [...settings.offsets, ...steps.map((_, i) => -(1 + i * settings.escalateAfterDays))];
}
