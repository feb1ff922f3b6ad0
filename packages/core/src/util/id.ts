import { monotonicFactory } from "ulid";
import * as z from "zod";

const next = monotonicFactory();

/** Prefixes make an id's type obvious in logs and URLs. */
export const prefixes = {
  user: "usr",
  session: "ses",
  role: "rol",
  activity: "act",
  evidence: "evd",
  audit: "aud",
  import: "imp",
  invite: "inv",
  job: "job",
  // --- review ---
  round: "rnd",
  // --- partnership ---
  partnership: "prt",
  planItem: "pli",
  indicator: "ind",
  jointWork: "pwk",
  actual: "pac",
  meeting: "pmt",
  material: "pmf",
} as const;

export type IdKind = keyof typeof prefixes;

/** A new prefixed ULID, e.g. `act_01JD…`. Sortable by creation time. */
export function createId(kind: IdKind): string {
  return `${prefixes[kind]}_${next()}`;
}

/** Schema for an id of the given kind: no `#`, bounded length, right prefix. */
export function idSchema(kind: IdKind) {
  return z.string().regex(new RegExp(`^${prefixes[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`), { message: "Geçersiz kimlik." });
}

/** Safe string for a key segment supplied by a user: no `#`, no control characters. */
export const KeySafe = z
  .string()
  .min(1)
  .max(128)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .regex(/^[^#\u0000-\u001f]+$/, { message: "Geçersiz karakter içeriyor." });
