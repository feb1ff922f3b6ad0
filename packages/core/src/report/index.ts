/**
 * Yearly reports: compiled by the `report` job (one streaming pass, checkpointed; JSON, CSV,
 * XLSX, PDF; national fan-out), listed per scope and year, downloaded through short presigned
 * GETs (audited). Sections come from the domains (`sections/index.ts`).
 */

export { chartOption } from "./chart";
export { type Format, formats, reportJob, yearEndedBefore, yearlyReports } from "./job";
export * as Report from "./report";
export { type Chart, defineSection, type ReportSection, type Segment, type Table, type Target } from "./section";
