/**
 * School storage helpers shared by the school operations and the import job (private to org:
 * not exported from index.ts).
 */
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { entities } from "./entities";
import type { Fields, Info } from "./school";

/** A change to apply: `undefined` keeps a field, `null` clears an optional one. */
export type Change = Partial<Omit<Fields, "phone" | "address">> & {
  code: string;
  phone?: string | null | undefined;
  address?: string | null | undefined;
};

/** Schools by kurum kodu (BatchGet, retrying unprocessed keys). */
export async function getMany(codes: string[]): Promise<Map<string, Info>> {
  const found = new Map<string, Info>();
  let keys = codes.map((code) => ({ code }));
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt === 5)
      throw new VisibleError("busy", "busy", "Sistem şu anda yoğun, lütfen tekrar deneyin.", undefined, 2);
    // ElectroDB splits the keys into BatchGets of 100; a few at once keeps 5,000 codes quick.
    const { data, unprocessed } = await entities().School.get(keys).go({ concurrency: 4 });
    for (const school of data) found.set(school.code, school);
    keys = unprocessed;
  }
  return found;
}

/** The school after applying a change, and whether anything differs. */
export function merge(current: Info, change: Change): { next: Info; changed: boolean } {
  const next: Info = { ...current };
  for (const key of ["name", "level", "type", "districtId", "email"] as const) {
    const value = change[key];
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  if (change.districtId !== undefined) next.provinceCode = change.districtId.slice(0, 2);
  for (const key of ["phone", "address"] as const) {
    const value = change[key];
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  const keys = ["name", "level", "type", "districtId", "provinceCode", "email", "phone", "address"] as const;
  return { next, changed: keys.some((key) => next[key] !== current[key]) };
}

/**
 * The stored school after `change` (version bumped) and the conditional update that writes it
 * (only while the stored version is still `current.version`); undefined when nothing changes.
 */
export function updateOf(current: Info, change: Change) {
  const { next, changed } = merge(current, change);
  if (!changed) return undefined;
  const stored: Info = { ...next, version: current.version + 1, updatedAt: now().toISOString() };
  const cleared = (["phone", "address"] as const).filter((key) => stored[key] === undefined);
  const { createdAt: _createdAt, code: _code, phone, address, ...set } = stored;
  let patch = entities()
    .School.patch({ code: current.code })
    .set({ ...set, ...(phone !== undefined ? { phone } : {}), ...(address !== undefined ? { address } : {}) });
  if (cleared.length > 0) patch = patch.remove(cleared);
  return { stored, operation: patch.where((attr, op) => op.eq(attr.version, current.version)) };
}
