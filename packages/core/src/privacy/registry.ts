/**
 * Every domain that holds personal data, each with its export and erasure hook (privacy/hooks.ts).
 * A new domain (reviews, partnerships, calendar…) writes `<domain>/privacy.ts` exporting a
 * `PersonalData` and adds ONE line below; export and erasure then cover it, and the erasure test
 * (privacy/person.test.ts) reads the person's partitions and indexes for leftovers.
 * Order matters only in that identity goes last (the account is read before anything changes).
 */
import { activityData } from "../activity/privacy";
import { auditData } from "../audit/privacy";
import { calendarData } from "../calendar/privacy";
import { evidenceData } from "../evidence/privacy";
import { identityData } from "../identity/privacy";
import { jobData } from "../job/privacy";
import { partnershipData } from "../partnership/privacy";
import { reminderData } from "../reminder/privacy";
import { reviewData } from "../review/privacy";
import type { PersonalData } from "./hooks";

export const personalData: readonly PersonalData[] = [
  activityData,
  evidenceData,
  reviewData,
  partnershipData,
  calendarData,
  reminderData,
  jobData,
  // The audit trail after the domains that look up what the person touched through it
  auditData,
  // --- add new domains above this line, one per line ---
  identityData,
];
