/**
 * The access policy as a table a non-programmer can read. Each row says: a person holding
 * ROLE may do ACTION on a resource WHERE …
 *
 *   scope — the resource lies inside the scope the role was given in (a district board
 *           member's district contains the school of the activity; national contains all)
 *   own   — as `scope`, and the resource belongs to the person (they created it)
 *   self  — the resource is the person's own account
 *
 * Nothing is allowed unless a row allows it. The code reads this table directly (access/index.ts).
 * Status rules (e.g. "a submitted activity cannot be edited") belong to the domain, not here.
 */
import type { Role } from "../actor";

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
] as const;
export type Action = (typeof actions)[number];

export type Where = "scope" | "own" | "self";
export type Rule = readonly [Role, Action, Where];

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
  ["admin",                    "org.read",                   "scope"],
  ["admin",                    "org.write",                  "scope"],
  ["admin",                    "org.import",                 "scope"],
  ["province_officer",         "org.write",                  "scope"],
  ["province_officer",         "org.import",                 "scope"],
  ["district_officer",         "org.write",                  "scope"],

  ["admin",                    "user.read",                  "scope"],
  ["admin",                    "user.invite",                "scope"],
  ["admin",                    "user.update",                "scope"],
  ["admin",                    "user.import",                "scope"],
  ["admin",                    "role.grant",                 "scope"],
  ["admin",                    "audit.read",                 "scope"],
  ["province_officer",         "user.read",                  "scope"],
  ["province_officer",         "user.invite",                "scope"],
  ["province_officer",         "user.update",                "scope"],
  ["province_officer",         "user.import",                "scope"],
  ["province_officer",         "role.grant",                 "scope"],
  ["province_officer",         "audit.read",                 "scope"],
  ["district_officer",         "user.read",                  "scope"],
  ["district_officer",         "user.invite",                "scope"],
  ["district_officer",         "user.update",                "scope"],
  ["district_officer",         "user.import",                "scope"],
  ["district_officer",         "role.grant",                 "scope"],
  ["district_officer",         "audit.read",                 "scope"],
  ["principal",                "user.read",                  "scope"],
  ["principal",                "user.invite",                "scope"],
  ["principal",                "user.update",                "scope"],
  ["principal",                "user.import",                "scope"],
  ["principal",                "role.grant",                 "scope"],
  ["principal",                "audit.read",                 "scope"],
  ["teacher",                  "user.read",                  "scope"],
  ["school_commission",        "user.read",                  "scope"],

  ["admin",                    "activity.read",              "scope"],
  ["ministry_officer",         "activity.read",              "scope"],
  ["province_officer",         "activity.read",              "scope"],
  ["province_board",           "activity.read",              "scope"],
  ["province_review_board",    "activity.read",              "scope"],
  ["district_officer",         "activity.read",              "scope"],
  ["district_board",           "activity.read",              "scope"],
  ["principal",                "activity.read",              "scope"],
  ["school_commission",        "activity.read",              "scope"],
  ["teacher",                  "activity.read",              "scope"],
  ["teacher",                  "activity.create",            "scope"],
  ["principal",                "activity.create",            "scope"],
  ["school_commission",        "activity.create",            "scope"],
  ["teacher",                  "activity.update",            "own"],
  ["school_commission",        "activity.update",            "own"],
  ["principal",                "activity.update",            "scope"],
  ["teacher",                  "activity.submit",            "own"],
  ["school_commission",        "activity.submit",            "own"],
  ["principal",                "activity.submit",            "scope"],
  ["teacher",                  "evidence.upload",            "own"],
  ["school_commission",        "evidence.upload",            "own"],
  ["principal",                "evidence.upload",            "scope"],
  ["principal",                "activity.review.school",     "scope"],
  ["school_commission",        "activity.review.school",     "scope"],
  ["district_board",           "activity.review.district",   "scope"],
  ["province_board",           "activity.review.province",   "scope"],
  ["province_review_board",    "activity.review.province",   "scope"],
  ["admin",                    "evidence.read",              "scope"],
  ["province_officer",         "evidence.read",              "scope"],
  ["province_board",           "evidence.read",              "scope"],
  ["province_review_board",    "evidence.read",              "scope"],
  ["district_officer",         "evidence.read",              "scope"],
  ["district_board",           "evidence.read",              "scope"],
  ["principal",                "evidence.read",              "scope"],
  ["school_commission",        "evidence.read",              "scope"],
  ["teacher",                  "evidence.read",              "scope"],
  ["admin",                    "category.manage",            "scope"],
  ["province_officer",         "category.manage",            "scope"],
  ["province_board",           "category.manage",            "scope"],

  ["admin",                    "job.read",                   "scope"],
  ["admin",                    "job.run",                    "scope"],
  ["province_officer",         "job.read",                   "scope"],
  ["district_officer",         "job.read",                   "scope"],
  ["principal",                "job.read",                   "scope"],
];
