/**
 * Every domain that holds personal data, each with its export and erasure hook (privacy/hooks.ts).
 * A new domain (reviews, partnerships, calendar…) writes `<domain>/privacy.ts` exporting a
 * `PersonalData` and adds ONE line below; export and erasure then cover it, and the erasure test
 * (privacy/person.test.ts) reads the person's partitions and indexes for leftovers.
 * Order matters only in that identity goes last (the account is read before anything changes).
 */
import { activityData } from "../activity/privacy";
import { auditData } from "../audit/privacy";
import { evidenceData } from "../evidence/privacy";
import { identityData } from "../identity/privacy";
import type { PersonalData } from "./hooks";

export const personalData: readonly PersonalData[] = [
  activityData,
  evidenceData,
  auditData,
  // --- add new domains above this line, one per line ---
  identityData,
];
