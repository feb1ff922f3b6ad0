/**
 * The sections of every yearly report, in document order (JSON keys, XLSX sheets, CSV blocks,
 * PDF parts). Adding a domain's section is one file exporting a `ReportSection` (see
 * `../section.ts`) and one line here.
 */
import { activitySection } from "../../activity/report";
import { evidenceSection } from "../../evidence/report";
import type { Json } from "../../job/define";
import { partnershipSection } from "../../partnership/report-section"; // --- partnership (issue 11) ---
import { reviewSection } from "../../review/report";
import type { ReportSection } from "../section";

export const sections: readonly ReportSection<Json>[] = [
  activitySection as unknown as ReportSection<Json>,
  evidenceSection as unknown as ReportSection<Json>,
  reviewSection as unknown as ReportSection<Json>,
  partnershipSection as unknown as ReportSection<Json>, // --- partnership (issue 11) ---
];
