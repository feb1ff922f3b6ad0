/**
 * Reading stored partnerships without an access check, and the access facts of a partnership.
 * Private to the domain (and its system entry): public operations read through the policy.
 */
import type { Resource } from "../access";
import { now } from "../util/clock";
import { schoolYearOf } from "../util/date";
import { VisibleError } from "../util/error";
import { entities, type PartnershipRow } from "./entities";
import { type Status, TERM_YEARS } from "./fields";

export type MemberSchool = { code: string; name: string; type: string; province: string; district: string };
export type Coordinator = { userId: string; name: string };
export type ZumreGroup = { subject: string; head: { userId?: string; name: string; school: string } };

/** A partnership as the domain reads it. */
export type Stored = {
  id: string;
  startYear: string;
  cohort: string;
  /** The two schools, the I. grup school first. */
  schools: MemberSchool[];
  leadSchool: string;
  coordinators: Record<string, Coordinator>;
  zumres: ZumreGroup[];
  createdBy: string;
  createdAt: string;
  version: number;
};

export function toStored(row: PartnershipRow): Stored {
  return {
    id: row.partnershipId,
    startYear: row.startYear,
    cohort: row.cohort,
    schools: row.schools as MemberSchool[],
    leadSchool: row.leadSchool,
    coordinators: row.coordinators as Record<string, Coordinator>,
    zumres: (row.zumres as ZumreGroup[] | undefined) ?? [],
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    version: row.version,
  };
}

/** The partnership as stored, or undefined; no access check. */
export async function load(id: string): Promise<Stored | undefined> {
  const { data } = await entities().Partnership.get({ partnershipId: id }).go();
  return data ? toStored(data) : undefined;
}

export const notFound = () => new VisibleError("not_found", "not_found", "Ortaklık bulunamadı.");

/** First calendar year of a school year (`2026-2027` → 2026). */
export const firstYear = (schoolYear: string) => Number(schoolYear.slice(0, 4));
export const yearFrom = (first: number) => `${first}-${first + 1}`;

/** Status on a school year: the term is years 1–4 from the start; the 4th is "ending". */
export function statusOn(startYear: string, schoolYear: string): Status {
  const index = firstYear(schoolYear) - firstYear(startYear);
  if (index < 0) return "upcoming";
  if (index < TERM_YEARS - 1) return "active";
  if (index === TERM_YEARS - 1) return "ending";
  return "ended";
}

/** Status today (Istanbul school year). */
export const statusNow = (startYear: string) => statusOn(startYear, schoolYearOf(now()));

/**
 * The facts the policy's partnership rows read. `coordinators` names who may take the step:
 * both coordinators, or only the I. grup school's one (`lead`).
 */
export function resourceOf(p: Stored, who: "both" | "lead" = "both"): Resource {
  const coordinators =
    who === "lead"
      ? [p.coordinators[p.leadSchool]?.userId].filter((x): x is string => !!x)
      : Object.values(p.coordinators).map((c) => c.userId);
  return {
    place: { partnership: p.id },
    partnership: {
      schools: p.schools.map((s) => s.code),
      provinces: [...new Set(p.schools.map((s) => s.province))],
      coordinators,
    },
  };
}

/** The member school of the caller's coordinator role (the school whose coordinator they are). */
export function coordinatedSchool(p: Stored, userId: string): string | undefined {
  return Object.entries(p.coordinators).find(([, c]) => c.userId === userId)?.[0];
}
