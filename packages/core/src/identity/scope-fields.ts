/**
 * The pure half of scopes: their shapes, their text form and how they are stored. Kept apart from
 * `scope.ts` (which reads schools to place a scope) because the audit log needs these at module
 * load, and `scope.ts` → org → the school writes → audit would otherwise be an import cycle that
 * breaks whenever `scope.ts` happens to load first (ES modules: "ScopeText before initialization").
 */
import * as z from "zod";
import { Role, Scope, type ScopeType } from "../actor";
import { SchoolYear } from "../util/date";
import { roleScopes } from "./roles";

const scopeIdPatterns: Record<ScopeType, RegExp> = {
  national: /^$/,
  province: /^(0[1-9]|[1-7]\d|8[01])$/,
  district: /^(0[1-9]|[1-7]\d|8[01])-[a-z0-9]+(-[a-z0-9]+)*$/,
  school: /^\d{6,8}$/,
  partnership: /^[A-Za-z0-9_-]{1,64}$/,
};

/** A scope whose id has the right shape for its type. */
export const ValidScope = Scope.refine((s) => scopeIdPatterns[s.type].test(s.id), {
  message: "Geçersiz kapsam.",
  path: ["id"],
});

/** A role in a scope, optionally for one school year (check with `roleFitsScope`). */
export const GrantFields = z.object({ role: Role, scope: ValidScope, schoolYear: SchoolYear.optional() });

/** Refinement: the role can be given in a scope of this type (no teacher of a province). */
export const roleFitsScope: [(g: { role: Role; scope: Scope }) => boolean, { message: string; path: string[] }] = [
  (g) => roleScopes[g.role].includes(g.scope.type),
  { message: "Bu rol bu kapsamda verilemez.", path: ["scope", "type"] },
];

export const GrantInput = GrantFields.refine(...roleFitsScope);

/** `school:123456`, `district:10-altieylul`, `national` — the text form used in query strings. */
export const ScopeText = z
  .string()
  .max(80)
  .transform((text, ctx) => {
    const [type, ...rest] = text.split(":");
    const parsed = ValidScope.safeParse({ type, id: rest.join(":") });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "Geçersiz kapsam." });
      return z.NEVER;
    }
    return parsed.data;
  });

/** Key segments cannot be empty, so the national scope's id is stored as "-". */
export function toStored(scope: Scope): { scopeType: ScopeType; scopeId: string } {
  return { scopeType: scope.type, scopeId: scope.id || "-" };
}
export function fromStored(item: { scopeType: string; scopeId: string }): Scope {
  return { type: item.scopeType as ScopeType, id: item.scopeId === "-" ? "" : item.scopeId };
}
