/**
 * Who people are in the organisation: scopes, roles, grants and places. Pure zod schemas with
 * no Node imports, so the web's shared entry (`@bigep/core/shared`) re-exports them.
 */
import * as z from "zod";

/** Scopes an organisation role can apply to, widest first. */
export const ScopeType = z.enum(["national", "province", "district", "school", "partnership"]);
export type ScopeType = z.infer<typeof ScopeType>;

/**
 * A scope: `national` has no id; `province` is the plate code ("10"); `district` is the
 * district id (plate + ASCII slug, "10-altieylul"); `school` is the MEB kurum kodu; `partnership` a partnership id.
 */
export const Scope = z.object({
  type: ScopeType,
  id: z
    .string()
    .max(64)
    .regex(/^[^#]*$/)
    .default(""),
});
export type Scope = z.infer<typeof Scope>;

/** Roles people hold. Descriptions (Turkish) live in the access policy table. */
export const Role = z.enum([
  "admin",
  "ministry_officer",
  "province_officer",
  "province_board",
  "province_review_board",
  "district_officer",
  "district_board",
  "principal",
  "school_commission",
  "teacher",
  "partnership_coordinator",
  "zumre_head",
]);
export type Role = z.infer<typeof Role>;

/** One role in one scope, optionally limited to one school year. */
export type Grant = { role: Role; scope: Scope; schoolYear?: string };

/** Where a school sits, so a school-scoped check can also match district and province grants. */
export type Place = { province?: string; district?: string; school?: string; partnership?: string };
