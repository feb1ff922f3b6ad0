/**
 * What a programme calendar is: milestones (a day or a range of Istanbul days), who must act
 * (a role at a level of the organisation) and the completion rule that says, against the data,
 * whose part is still undone. Pure zod: the web reads these shapes too.
 */
import * as z from "zod";
import { Role, Scope } from "../actor/schema";

/** An Istanbul calendar day, `YYYY-MM-DD`. */
export const Day = z.iso.date();

/** Programmes that keep a calendar. `bigep` is per province; `okul-ortakligi` (the Ministry's) is national. */
export const Programme = z.enum(["bigep", "okul-ortakligi"]);
export type Programme = z.infer<typeof Programme>;

export const programmeNames: Record<Programme, string> = {
  bigep: "BİGEP",
  "okul-ortakligi": "Okul Ortaklığı Programı",
};

/** Levels of the organisation a milestone's actor works at. */
export const Level = z.enum(["national", "province", "district", "school", "partnership"]);
export type Level = z.infer<typeof Level>;

/**
 * Completion rule ids. Each is evaluated by the reminder source that declares it
 * (reminder/sources.ts); `none` means the milestone is informational (no reminders).
 */
export const Rule = z.enum([
  "none",
  "activity.drafts",
  "review.school",
  "review.district",
  "review.province",
  "partnership.coordinators",
  "partnership.plan.prepared",
  "partnership.plan.submitted",
  "partnership.report.prepared",
  "partnership.report.submitted",
]);
export type Rule = z.infer<typeof Rule>;

export const Milestone = z
  .object({
    /** Stable within the calendar, e.g. `oop-5`, `bigep-entry`. */
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    title: z.string().trim().min(3).max(300),
    from: Day,
    /** The deadline: reminders count the days to it, escalation starts the day after. */
    to: Day,
    actor: z.object({ role: Role, level: Level }),
    rule: Rule,
    /** Where the dates come from: the calendar, or a review round (then they are edited there). */
    source: z.enum(["calendar", "review"]).default("calendar"),
  })
  .refine((m) => m.from <= m.to, { message: "Başlangıç tarihi bitişten sonra olamaz.", path: ["to"] })
  .meta({ id: "Milestone" });
export type Milestone = z.infer<typeof Milestone>;

export const Calendar = z
  .object({
    programme: Programme,
    scope: Scope,
    schoolYear: z.string(),
    milestones: z.array(Milestone),
    /** Optimistic-locking version (0: the template, never edited). */
    version: z.number().int(),
    updatedAt: z.string().optional(),
    updatedBy: z.string().optional(),
    /** May the caller edit it (the responsible board)? */
    editable: z.boolean().optional(),
  })
  .meta({ id: "Calendar" });
export type Calendar = z.infer<typeof Calendar>;
