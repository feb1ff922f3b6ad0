/**
 * Panel candidates for a new round: the people holding a role that may sit on the round's panel
 * (the same roles `Round.create` accepts), so the chair picks names instead of typing ids. A
 * read for the round's manager only; at the school level one district at a time keeps the
 * number of directory reads bounded (a province has hundreds of schools).
 */
import * as z from "zod";
import { assert } from "../access";
import type { Role, Scope } from "../actor";
import { holders } from "../identity/directory";
import { District, Province, School } from "../org";
import { SchoolYear } from "../util/date";
import { fn } from "../util/fn";
import { Level, panelRoles } from "./round";

export const CandidatesInput = z.object({
  province: Province.Code,
  year: SchoolYear,
  level: Level,
  /** School level: the district whose schools' commissions are listed (required there). */
  district: z
    .string()
    .regex(/^\d{2}-[a-z0-9-]+$/)
    .max(80)
    .optional(),
});

export const Candidate = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.string(),
    scope: z.object({ type: z.string(), id: z.string() }),
  })
  .meta({ id: "ReviewPanelCandidate" });
export type Candidate = z.infer<typeof Candidate>;

/** Reads at most this many directory partitions at once. */
const parallel = 8;

/** People who may sit on a round's panel at `level`, sorted by name (Turkish collation). */
export const candidates = fn(CandidatesInput, async ({ province, year, level, district }): Promise<Candidate[]> => {
  assert("review.manage", { place: { province, ...(district ? { district } : {}) }, schoolYear: year });
  let scopes: Scope[] = [];
  if (level === "province") scopes = [{ type: "province", id: province }];
  if (level === "district") {
    const page = await District.list({ province });
    scopes = page.items.map((d) => ({ type: "district", id: d.id }));
  }
  if (level === "school" && district?.startsWith(`${province}-`)) {
    let cursor: string | undefined;
    do {
      const page = await School.byDistrict({ district, limit: 100, ...(cursor ? { cursor } : {}) });
      scopes.push(...page.items.map((s): Scope => ({ type: "school", id: s.code })));
      cursor = page.cursor ?? undefined;
    } while (cursor && scopes.length < 1000);
  }
  const asks = scopes.flatMap((scope) => panelRoles[level].map((role) => ({ scope, role: role as Role })));
  const found = new Map<string, Candidate>();
  for (let i = 0; i < asks.length; i += parallel) {
    const batch = await Promise.all(
      asks
        .slice(i, i + parallel)
        .map(async ({ scope, role }) =>
          (await holders(role, scope)).map((p) => ({ userId: p.personId, name: p.name, role, scope })),
        ),
    );
    for (const c of batch.flat()) if (!found.has(c.userId)) found.set(c.userId, c);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, "tr"));
});
