/**
 * BİGEP commission reviews and awards: rubrics, rounds, assignment, scoring, decisions.
 * Every operation here asks the access policy; system work is in system.ts.
 */

export * as Candidates from "./candidates";
export * as Certificate from "./certificate";
export * as Decision from "./decision";
export { defaultRubrics } from "./defaults";
export { seedDemoReviews } from "./demo";
export * as Round from "./round";
export * as Rubric from "./rubric";
export * as Score from "./score";
export { type Criterion, type Tier, tierNames, tiers } from "./scoring";

// Registers the rounds as the source of the calendar's review windows.
import "./windows";
