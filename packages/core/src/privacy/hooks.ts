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
  /**
   * Where the person holds (or held, until erasure drops them) roles: how domains find records
   * others wrote about them (a colleague's activity naming them, a staff import listing them).
   */
  roles: { scopeType: string; scopeId: string; schoolYear: string }[];
  /**
   * Records others wrote that name the person, as erasure hooks find them (a colleague's activity
   * listing them): the audit trail, erased last, replaces the name in those records' events too.
   */
  mentioned: { type: string; id: string }[];
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

/** The e-mail written where an erased person's address was (unroutable: `.invalid`). */
export const ERASED_EMAIL = "silinmis@silinmis.invalid";

/**
 * `value` with every mention of the person replaced: their name by `ERASED_NAME`, their e-mail
 * address (any case) by `ERASED_EMAIL`, in every string however deeply nested (free text, lists
 * of names, `{ userId, name }` records, CSV rows, error messages). For records others wrote that
 * name the person; `changed` says whether anything was replaced (so a second erasure writes nothing).
 */
export function scrub<T>(value: T, person: Pick<Person, "name" | "email">): { value: T; changed: boolean } {
  let changed = false;
  const email = person.email.toLowerCase();
  const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const emailPattern = email ? new RegExp(quote(email), "gi") : undefined;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      let next = person.name ? v.split(person.name).join(ERASED_NAME) : v;
      if (emailPattern) next = next.replace(emailPattern, ERASED_EMAIL);
      if (next !== v) changed = true;
      return next;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const next = walk(value) as T;
  return { value: changed ? next : value, changed };
}

/**
 * The attributes of `item` (among `names`) that mention the person, scrubbed: what to `set` on
 * the item, or undefined when nothing mentions them. Key attributes must not be among `names`.
 */
export function scrubbed<T extends Record<string, unknown>, K extends keyof T & string>(
  item: T,
  names: readonly K[],
  person: Pick<Person, "name" | "email">,
): Partial<Pick<T, K>> | undefined {
  const set: Partial<Pick<T, K>> = {};
  let any = false;
  for (const name of names) {
    if (item[name] === undefined) continue;
    const { value, changed } = scrub(item[name], person);
    if (changed) {
      set[name] = value;
      any = true;
    }
  }
  return any ? set : undefined;
}
