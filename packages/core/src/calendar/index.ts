/**
 * Programme calendars: milestones with dates, who acts and a completion rule; templates rolled
 * to any school year; edits by the responsible board; the person's iCalendar feed.
 */
export * as Calendar from "./calendar";
export * as Feed from "./feed";
export {
  Calendar as CalendarInfo,
  Day,
  Level,
  Milestone,
  Programme,
  programmeNames,
  Rule,
} from "./schema";
export { bigepTemplate, calendarScope, monthEnd, monthStart, partnershipTemplate, template } from "./templates";
