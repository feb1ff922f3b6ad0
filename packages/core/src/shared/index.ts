/**
 * The browser-safe entry of core (`@bigep/core/shared`): enums, Turkish labels and zod schemas
 * the web app shows and validates with. Only pure modules (zod, no AWS SDK, no `node:` imports)
 * may be re-exported here; the web imports nothing else from core (a Biome rule forbids it, and
 * packages/web/test/bundle.test.ts checks the built bundle). Labels a page shows on first paint
 * come from zod-free modules (`activity/labels`, `util/istanbul`), so zod loads only with the
 * code that validates. What a person may do is not here: the server says it (`GET /api/me`
 * capabilities, an activity's `actions` and `may`).
 */

export { type Action, actions, roleNames } from "../access/policy";
export { Area, CreateFields, Grade, Reach, Status, TransitionAction } from "../activity/fields";
// Plain lists and labels without zod, for first paint; the schemas above load with a form's check.
export {
  areaNames,
  areas,
  datesInOrder,
  datesMessage,
  grades,
  reaches,
  reachNames,
  statuses,
  statusNames,
  transitionNames,
} from "../activity/labels";
export { type Grant, type Place, Role, Scope, ScopeType } from "../actor/schema";
export { type ContentType, contentTypes, MULTIPART_THRESHOLD, mb, types } from "../evidence/types";
export { scopeText } from "../identity/roles";
export * as SchoolField from "../org/fields";
export { Level, levelLabels, SchoolType, typeLabels, typeLevel } from "../org/fields";
export { asciiSlug } from "../org/slug";
// --- partnership --- (the programme's fixed lists and the attainment the API computes, for the web)
export type { IndicatorAttainment, ItemAttainment, PlanAttainment } from "../partnership/attainment";
export {
  type ActivityType as PartnershipActivityType,
  activityTypeLabels,
  type ChainStatus,
  chainStatusLabels,
  type Indicator as PartnershipIndicator,
  materialKindLabels,
  type PlanItem as PartnershipPlanItem,
  type StoredItem as PartnershipStoredItem,
  type Topic as PartnershipTopic,
  topicLabels,
} from "../partnership/fields";
export {
  BREACH_NOTIFICATION_HOURS,
  DATA_REGION,
  DESTRUCTION_INTERVAL_DAYS,
  type RetainedKind,
  retention,
} from "../privacy/retention";
export { chartOption } from "../report/chart";
export type { Chart } from "../report/section";
// --- review --- (award tier names for the results pages)
export { tierNames } from "../review/scoring";
export { minuteOf, schoolYearOf } from "../util/istanbul";
