/**
 * The access policy as a table a non-programmer can read. Each row says: a person holding
 * ROLE may do ACTION on a resource WHERE all of the listed conditions hold:
 *
 *   scope          — the resource lies inside the scope the role was given in (a district board
 *                    member's district contains the school of the activity; national contains all)
 *   own            — the person created the resource
 *   self           — the resource is the person's own account
 *   notOwn         — the person did NOT create the resource (nobody decides on their own record)
 *   notOwnSchool   — the person holds no role at all (in any year) at the resource's school: a
 *                    district board member who also teaches at a school does not decide on it
 *   notOwnDistrict — the person holds no role in the resource's district, nor at any school of
 *                    it (province level: nobody decides on their own district's record); when the
 *                    district of one of the person's schools is not known, the answer is "no"
 *   assigned       — the person is one of the resource's assignees (e.g. reviewers of a record)
 *   windowOpen     — today (Istanbul date) lies inside the resource's dated window
 *   windowOpenAt   — now (Istanbul date-time, `YYYY-MM-DDTHH:mm`) lies inside the resource's window,
 *                    opening minute included, closing minute excluded (review rounds)
 *   memberSchool   — the role is held at one of the two schools of the partnership
 *   memberProvince — the role is held in the province of one of the partnership's schools
 *   coordinator    — the person is a coordinator the partnership names for this step (both
 *                    coordinators to edit and agree; the I. grup school's one to submit)
 *
 * Relations (`own`, `notOwn`, …) need facts about the record that the domain loads (its creator,
 * its assignees, its window); a missing fact fails the condition. Nothing is allowed unless a
 * row allows it. The code reads this table directly (access/index.ts), and the web is told the
 * outcome (an activity's `actions`, `GET /api/me` capabilities), never the table.
 * Status rules (e.g. "a submitted activity cannot be edited") belong to the domain, not here.
 */
import type { Role } from "../actor/schema";

export const actions = [
  // organisation
  "org.read",
  "org.write",
  "org.import",
  // identity
  "user.read",
  "user.invite",
  "user.update",
  "user.import",
  "role.grant",
  "audit.read",
  // activities
  "activity.read",
  "activity.create",
  "activity.update",
  "activity.submit",
  "activity.review.school",
  "activity.review.district",
  "activity.review.province",
  "evidence.upload",
  "evidence.read",
  "category.manage",
  // jobs
  "job.read",
  "job.run",
  // --- privacy (issue 15) ---
  "privacy.erase",
  // --- calendar & reminders ---
  "calendar.edit",
  "reminder.manage",
  // --- review ---
  "review.manage",
  "review.read",
  "review.score",
  "review.score.province",
  "review.assigned",
  "review.self",
  "review.results",
  "review.certificate",
  // --- reports ---
  "report.read",
  "report.run",
  // --- partnership (Okul Ortaklığı Programı) ---
  "partnership.create",
  "partnership.read",
  "partnership.plan.edit",
  "partnership.plan.agree",
  "partnership.plan.submit",
  "partnership.work.write",
  "partnership.report.edit",
  "partnership.chain.receive",
  "partnership.chain.return",
  "partnership.content.confirm",
  "partnership.content.moderate",
  // --- partnership: meetings, materials, officer dashboards (issue 11, wave 4) ---
  "partnership.meeting.write",
  "partnership.material.write",
  "partnership.material.delete",
  "partnership.dashboard",
] as const;
export type Action = (typeof actions)[number];

export const conditions = [
  "scope",
  "own",
  "self",
  "notOwn",
  "notOwnSchool",
  "notOwnDistrict",
  "assigned",
  "windowOpen",
  // --- review ---
  "windowOpenAt",
  // --- partnership ---
  "memberSchool",
  "memberProvince",
  "coordinator",
] as const;
export type Condition = (typeof conditions)[number];
/** A row: role, action, the conditions that must all hold. */
export type Rule = readonly [Role, Action, readonly Condition[]];

// Short names for the table's condition lists.
const scope = ["scope"] as const;
const own = ["scope", "own"] as const;
/** School-level decisions: inside the school, never on one's own record. */
const othersInScope = ["scope", "notOwn"] as const;
/** District-level decisions: also never on a record of a school where one holds a role. */
const otherSchools = ["scope", "notOwn", "notOwnSchool"] as const;
/** Province-level decisions: also never on a record of one's own district. */
const otherDistricts = ["scope", "notOwn", "notOwnSchool", "notOwnDistrict"] as const;

/** Review scoring: assigned, not one's own school, while the round is open (review domain). */
const reviewWhile = ["assigned", "notOwnSchool", "windowOpenAt"] as const;

/** Turkish names of roles, for the UI and for people reading this table. */
export const roleNames: Record<Role, string> = {
  admin: "Proje Hazırlama ve Teknik Ekibi (platform yöneticisi)",
  ministry_officer: "Bakanlık (OGM) görevlisi",
  province_officer: "İl Millî Eğitim Müdürlüğü görevlisi",
  province_board: "İl Proje Yürütme Kurulu üyesi",
  province_review_board: "Proje İzleme ve Değerlendirme Kurulu üyesi",
  district_officer: "İlçe Millî Eğitim Müdürlüğü görevlisi",
  district_board: "İlçe Proje Yürütme Kurulu üyesi",
  principal: "Okul müdürü / müdür yardımcısı",
  school_commission: "Okul Proje Komisyonu üyesi",
  teacher: "Öğretmen",
  partnership_coordinator: "Ortaklık koordinatörü",
  zumre_head: "Ortak zümre başkanı",
};

/** Roles that administer people in their scope (invite, grant, deactivate, read the audit log). */
export const adminRoles: readonly Role[] = ["admin", "province_officer", "district_officer", "principal"];

// biome-ignore format: a table people read, aligned by hand
export const rules: readonly Rule[] = [
  // role                     action                        where
  ["admin",                    "org.read",                   scope],
  ["admin",                    "org.write",                  scope],
  ["admin",                    "org.import",                 scope],
  ["province_officer",         "org.write",                  scope],
  ["province_officer",         "org.import",                 scope],
  ["district_officer",         "org.write",                  scope],

  ["admin",                    "user.read",                  scope],
  ["admin",                    "user.invite",                scope],
  ["admin",                    "user.update",                scope],
  ["admin",                    "user.import",                scope],
  ["admin",                    "role.grant",                 scope],
  ["admin",                    "audit.read",                 scope],
  ["province_officer",         "user.read",                  scope],
  ["province_officer",         "user.invite",                scope],
  ["province_officer",         "user.update",                scope],
  ["province_officer",         "user.import",                scope],
  ["province_officer",         "role.grant",                 scope],
  ["province_officer",         "audit.read",                 scope],
  ["district_officer",         "user.read",                  scope],
  ["district_officer",         "user.invite",                scope],
  ["district_officer",         "user.update",                scope],
  ["district_officer",         "user.import",                scope],
  ["district_officer",         "role.grant",                 scope],
  ["district_officer",         "audit.read",                 scope],
  ["principal",                "user.read",                  scope],
  ["principal",                "user.invite",                scope],
  ["principal",                "user.update",                scope],
  ["principal",                "user.import",                scope],
  ["principal",                "role.grant",                 scope],
  ["principal",                "audit.read",                 scope],
  ["teacher",                  "user.read",                  scope],
  ["school_commission",        "user.read",                  scope],

  ["admin",                    "activity.read",              scope],
  ["ministry_officer",         "activity.read",              scope],
  ["province_officer",         "activity.read",              scope],
  ["province_board",           "activity.read",              scope],
  ["province_review_board",    "activity.read",              scope],
  ["district_officer",         "activity.read",              scope],
  ["district_board",           "activity.read",              scope],
  ["principal",                "activity.read",              scope],
  ["school_commission",        "activity.read",              scope],
  ["teacher",                  "activity.read",              scope],
  ["teacher",                  "activity.create",            scope],
  ["principal",                "activity.create",            scope],
  ["school_commission",        "activity.create",            scope],
  ["teacher",                  "activity.update",            own],
  ["school_commission",        "activity.update",            own],
  ["principal",                "activity.update",            scope],
  ["teacher",                  "activity.submit",            own],
  ["school_commission",        "activity.submit",            own],
  ["principal",                "activity.submit",            scope],
  ["teacher",                  "evidence.upload",            own],
  ["school_commission",        "evidence.upload",            own],
  ["principal",                "evidence.upload",            scope],
  ["principal",                "activity.review.school",     othersInScope],
  ["school_commission",        "activity.review.school",     othersInScope],
  ["district_board",           "activity.review.district",   otherSchools],
  ["province_board",           "activity.review.province",   otherDistricts],
  ["province_review_board",    "activity.review.province",   otherDistricts],
  ["admin",                    "evidence.read",              scope],
  ["province_officer",         "evidence.read",              scope],
  ["province_board",           "evidence.read",              scope],
  ["province_review_board",    "evidence.read",              scope],
  ["district_officer",         "evidence.read",              scope],
  ["district_board",           "evidence.read",              scope],
  ["principal",                "evidence.read",              scope],
  ["school_commission",        "evidence.read",              scope],
  ["teacher",                  "evidence.read",              scope],
  ["admin",                    "category.manage",            scope],
  ["province_officer",         "category.manage",            scope],
  ["province_board",           "category.manage",            scope],

  ["admin",                    "job.read",                   scope],
  ["admin",                    "job.run",                    scope],
  ["province_officer",         "job.read",                   scope],
  ["district_officer",         "job.read",                   scope],
  ["principal",                "job.read",                   scope],
  // --- privacy (issue 15) ---
  // Erasure of a person on request: an admin whose scope holds every role of the person.
  ["admin",                    "privacy.erase",              scope],

  // --- calendar & reminders ---
  // Calendars are public dates (the programmes announce them); a province's BİGEP calendar is
  // edited by its province board, the partnership programme's national one by admins.
  // `reminder.manage`: the sent history of a milestone, the suppression list.
  ["admin",                    "calendar.edit",              scope],
  ["province_officer",         "calendar.edit",              scope],
  ["province_board",           "calendar.edit",              scope],
  ["admin",                    "reminder.manage",            scope],
  ["province_officer",         "reminder.manage",            scope],

  // --- review --- (commission reviews and awards; packages/core/src/review)
  // The İl Proje Yürütme Kurulu and the province office run rubrics, rounds, assignment,
  // reconciliation, promotion, awards and publication; they and the evaluation board read them.
  ["admin",                    "review.manage",              scope],
  ["province_officer",         "review.manage",              scope],
  ["province_board",           "review.manage",              scope],
  ["admin",                    "review.read",                scope],
  ["province_officer",         "review.read",                scope],
  ["province_board",           "review.read",                scope],
  ["province_review_board",    "review.read",                scope],
  // A reviewer scores only what they are assigned, never their own school's record, only while
  // the round is open; at province level also never their own district's (unless the round
  // allows it: the domain then asks for review.score instead of review.score.province).
  ["school_commission",        "review.score",               reviewWhile],
  ["district_board",           "review.score",               reviewWhile],
  ["province_review_board",    "review.score",               reviewWhile],
  ["province_board",           "review.score",               reviewWhile],
  ["province_review_board",    "review.score.province",      [...reviewWhile, "notOwnDistrict"]],
  ["province_board",           "review.score.province",      [...reviewWhile, "notOwnDistrict"]],
  ["school_commission",        "review.assigned",            ["assigned"]],
  ["district_board",           "review.assigned",            ["assigned"]],
  ["province_review_board",    "review.assigned",            ["assigned"]],
  ["province_board",           "review.assigned",            ["assigned"]],
  ["school_commission",        "review.self",                ["self"]],
  ["district_board",           "review.self",                ["self"]],
  ["province_review_board",    "review.self",                ["self"]],
  ["province_board",           "review.self",                ["self"]],
  ["principal",                "review.results",             scope],
  ["school_commission",        "review.results",             scope],
  ["teacher",                  "review.results",             scope],
  ["admin",                    "review.results",             scope],
  ["province_officer",         "review.results",             scope],
  ["province_board",           "review.results",             scope],
  // Certificates: the school downloads its own activities' certificates after publication (the
  // domain checks publication); the board downloads them through review.read.
  ["principal",                "review.certificate",         scope],
  ["school_commission",        "review.certificate",         scope],
  ["teacher",                  "review.certificate",         scope],

  // --- reports --- (yearly reports: read and download the files, compile on demand)
  ["admin",                    "report.read",                scope],
  ["admin",                    "report.run",                 scope],
  ["ministry_officer",         "report.read",                scope],
  ["ministry_officer",         "report.run",                 scope],
  ["province_officer",         "report.read",                scope],
  ["province_officer",         "report.run",                 scope],
  ["province_board",           "report.read",                scope],
  ["province_review_board",    "report.read",                scope],
  ["district_officer",         "report.read",                scope],
  ["district_officer",         "report.run",                 scope],
  ["district_board",           "report.read",                scope],
  ["principal",                "report.read",                scope],
  ["principal",                "report.run",                 scope],
  ["school_commission",        "report.read",                scope],

  // --- partnership ---
  // Ministry (OGM) officers create pairs and see the nation; province officers of either member
  // school's province see the pair and take plans/reports up the chain; people of the two schools
  // see the workspace; coordinators (named on the partnership) edit, agree and submit.
  ["ministry_officer",         "partnership.create",         scope],
  ["admin",                    "partnership.create",         scope],
  ["ministry_officer",         "partnership.read",           scope],
  ["admin",                    "partnership.read",           scope],
  ["province_officer",         "partnership.read",           ["memberProvince"]],
  ["principal",                "partnership.read",           ["memberSchool"]],
  ["school_commission",        "partnership.read",           ["memberSchool"]],
  ["teacher",                  "partnership.read",           ["memberSchool"]],
  ["teacher",                  "partnership.plan.edit",      ["memberSchool", "coordinator"]],
  ["principal",                "partnership.plan.edit",      ["memberSchool", "coordinator"]],
  ["teacher",                  "partnership.plan.agree",     ["memberSchool", "coordinator"]],
  ["principal",                "partnership.plan.agree",     ["memberSchool", "coordinator"]],
  ["teacher",                  "partnership.plan.submit",    ["memberSchool", "coordinator"]],
  ["principal",                "partnership.plan.submit",    ["memberSchool", "coordinator"]],
  ["teacher",                  "partnership.report.edit",    ["memberSchool", "coordinator"]],
  ["principal",                "partnership.report.edit",    ["memberSchool", "coordinator"]],
  ["teacher",                  "partnership.work.write",     ["memberSchool"]],
  ["principal",                "partnership.work.write",     ["memberSchool"]],
  ["school_commission",        "partnership.work.write",     ["memberSchool"]],
  ["province_officer",         "partnership.chain.receive",  ["memberProvince"]],
  ["province_officer",         "partnership.chain.return",   ["memberProvince"]],
  ["ministry_officer",         "partnership.chain.return",   scope],
  // Content rule: a coordinator confirms, a province officer of the posting school decides.
  ["teacher",                  "partnership.content.confirm", ["memberSchool", "coordinator"]],
  ["principal",                "partnership.content.confirm", ["memberSchool", "coordinator"]],
  ["province_officer",         "partnership.content.moderate", scope],
  // --- partnership: meetings, materials, officer dashboards (issue 11, wave 4) ---
  // Coordinators record meetings; people of both schools share materials (the author or a
  // coordinator removes one); province officers see their province's dashboard, OGM the nation's.
  ["teacher",                  "partnership.meeting.write",  ["memberSchool", "coordinator"]],
  ["principal",                "partnership.meeting.write",  ["memberSchool", "coordinator"]],
  ["teacher",                  "partnership.material.write", ["memberSchool"]],
  ["principal",                "partnership.material.write", ["memberSchool"]],
  ["school_commission",        "partnership.material.write", ["memberSchool"]],
  ["teacher",                  "partnership.material.delete", ["memberSchool", "own"]],
  ["principal",                "partnership.material.delete", ["memberSchool", "own"]],
  ["school_commission",        "partnership.material.delete", ["memberSchool", "own"]],
  ["teacher",                  "partnership.material.delete", ["memberSchool", "coordinator"]],
  ["principal",                "partnership.material.delete", ["memberSchool", "coordinator"]],
  ["province_officer",         "partnership.dashboard",      scope],
  ["ministry_officer",         "partnership.dashboard",      scope],
  ["admin",                    "partnership.dashboard",      scope],
];
