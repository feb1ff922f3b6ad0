/**
 * The contract between the privacy operations (export and erasure of a person, `person.ts`) and
 * the domains that hold personal data. Each domain implements one `PersonalData` hook in its own
 * folder (`<domain>/privacy.ts`, using its private entities) and is listed once in
 * `registry.ts`. Browser-free, domain-free: domains import this file, not the registry.
 */
import type { Json } from "../job/define";

/** Who is exported or erased: read from their account before anything changes. */
export type Person = {
  userId: string;
  name: string;
  email: string;
  emailKey: string;
  /** Records the person acted on (from the audit trail's `byActor` index), for domains without an index by person. */
  touched: { type: string; id: string }[];
};

/** One domain's part of a person's data. */
export type PersonalData = {
  /** Short name, the key of its part in an export and in an erasure report. */
  domain: string;
  /** Everything the domain holds about the person, as JSON (their copy under KVKK m.11). */
  export(person: Person): Promise<Json>;
  /**
   * Removes or anonymises the person's data; records others rely on stay, without the person.
   * Must be idempotent (a second run changes nothing) and look items up by their indexes.
   * Returns how many items it changed or deleted.
   */
  erase(person: Person): Promise<number>;
};

/** The name written where an erased person's name was. */
export const ERASED_NAME = "Silinmiş kişi";
