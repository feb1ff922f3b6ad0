/**
 * Okul Ortaklığı Programı: partnerships of two high schools, joint action plans with
 * indicators, joint activities and actuals, yearly evaluation reports up to the Ministry.
 * Every operation here asks the access policy; system work is in `system.ts`.
 */
export { percentOf } from "./attainment";
// --- meetings, materials (issue 11, wave 4) ---
export * as Dashboard from "./dashboard";
export * as PartnershipFields from "./fields";
export * as Material from "./material";
export * as Meeting from "./meeting";
export * as Partnership from "./partnership";
export * as Plan from "./plan";
export * as Report from "./report";
export * as Showcase from "./showcase";
export * as JointWork from "./work";
