/**
 * ElectroDB entities of the partnership domain (private to this folder).
 *
 * Keys, one per access pattern (DESIGN.md "partnerships"):
 * - partnership: base `pk = partnership id` → by id; gsi3 `cohort / id` → all pairs that started
 *   in a year (national view by cohort; a cohort is a few hundred pairs at most).
 * - member: one item per member school, base `pk = partnership id, sk = school` (the two members);
 *   gsi1 `school / startYear#id` → partnerships of a school; gsi2 `province / startYear#id` →
 *   partnerships of a province (either member: each member files itself under its own province).
 * - lock: base `pk = school` → the school's current partnership and the year its term ends; the
 *   create transaction's condition on it keeps one active partnership per school.
 * - plan: base `pk = partnership#year, sk = version` → versions of a year's plan (newest = current).
 * - report: base `pk = partnership#year` → the year's evaluation report.
 * - history: base `pk = partnership, sk = kind#year#seq` → every workflow step of plans and reports.
 * - work: base `pk = partnership, sk = year#id` → joint activities of a year.
 * - actual: base `pk = partnership, sk = year#indicator#date#id` → indicator actuals of a year.
 * - post: a joint activity offered for the public showcase, base `pk = partnership, sk = work`;
 *   gsi1 `province#status / work` → the moderation queue of a province; gsi2
 *   `partnership#status / date#work` → the approved posts of a partnership (public feed).
 * - meeting: base `pk = partnership, sk = meeting id` (index `byPartnership`) → the pair's
 *   meetings (tens a year; sorted by date on read). Files: evidence records owned by the meeting id.
 * - material: base `pk = partnership, sk = material id` (index `byPartnership`) → the shared
 *   library of the pair. Files: evidence records owned by the material id.
 */
import { Entity, type EntityItem, Service } from "electrodb";
import { bound, type electro } from "../db";

const service = "bigep";

function build(config: ReturnType<typeof electro>) {
  const Partnership = new Entity(
    {
      model: { service, entity: "partnership", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        cohort: { type: "string", required: true },
        startYear: { type: "string", required: true },
        /** The two schools: code, name, type, province, district (a snapshot at creation). */
        schools: { type: "any", required: true },
        leadSchool: { type: "string", required: true },
        /** By school code: `{ userId, name }`. */
        coordinators: { type: "any", required: true },
        zumres: { type: "any" },
        createdBy: { type: "string", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
        version: { type: "number", required: true },
      },
      indexes: {
        byId: { pk: { field: "pk", composite: ["partnershipId"] }, sk: { field: "sk", composite: [] } },
        byCohort: {
          index: "gsi3",
          pk: { field: "gsi3pk", composite: ["cohort"] },
          sk: { field: "gsi3sk", composite: ["partnershipId"] },
        },
      },
    },
    config,
  );

  const Member = new Entity(
    {
      model: { service, entity: "partnershipmember", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        schoolCode: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        startYear: { type: "string", required: true },
      },
      indexes: {
        byPartnership: {
          pk: { field: "pk", composite: ["partnershipId"] },
          sk: { field: "sk", composite: ["schoolCode"] },
        },
        bySchool: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["schoolCode"] },
          sk: { field: "gsi1sk", composite: ["startYear", "partnershipId"] },
        },
        byProvince: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["provinceCode"] },
          sk: { field: "gsi2sk", composite: ["startYear", "partnershipId"] },
        },
      },
    },
    config,
  );

  const Lock = new Entity(
    {
      model: { service, entity: "partnershiplock", version: "1" },
      attributes: {
        schoolCode: { type: "string", required: true },
        partnershipId: { type: "string", required: true },
        /** First calendar year of the first school year after the term (2030 for a 2026-2027 start). */
        freeFrom: { type: "number", required: true },
      },
      indexes: { bySchool: { pk: { field: "pk", composite: ["schoolCode"] }, sk: { field: "sk", composite: [] } } },
    },
    config,
  );

  const Plan = new Entity(
    {
      model: { service, entity: "partnershipplan", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        planVersion: { type: "string", required: true },
        status: { type: "string", required: true },
        items: { type: "any", required: true },
        /** By school code: who agreed and when (cleared by every edit). */
        agreements: { type: "any" },
        /** By province code: when the directorate received it. */
        receipts: { type: "any" },
        returnReason: { type: "string" },
        /** Where this version came from (an amendment of version n, a report of the previous year). */
        origin: { type: "string" },
        rev: { type: "number", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byYear: {
          pk: { field: "pk", composite: ["partnershipId", "schoolYear"] },
          sk: { field: "sk", composite: ["planVersion"] },
        },
      },
    },
    config,
  );

  const Report = new Entity(
    {
      model: { service, entity: "partnershipreport", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        status: { type: "string", required: true },
        compiled: { type: "any", required: true },
        narrative: { type: "any" },
        agreements: { type: "any" },
        receipts: { type: "any" },
        returnReason: { type: "string" },
        rev: { type: "number", required: true },
        /** The rendered files (JSON, XLSX, PDF) and the revision they show (report-files.ts). */
        files: { type: "any" },
        compiledAt: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byYear: {
          pk: { field: "pk", composite: ["partnershipId", "schoolYear"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

  const History = new Entity(
    {
      model: { service, entity: "partnershiphistory", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        kind: { type: ["plan", "report"] as const, required: true },
        schoolYear: { type: "string", required: true },
        seq: { type: "string", required: true },
        action: { type: "string", required: true },
        planVersion: { type: "number" },
        from: { type: "string" },
        to: { type: "string", required: true },
        reason: { type: "string" },
        actorId: { type: "string", required: true },
        actorName: { type: "string", required: true },
        at: { type: "string", required: true },
      },
      indexes: {
        byPartnership: {
          pk: { field: "pk", composite: ["partnershipId"] },
          sk: { field: "sk", composite: ["kind", "schoolYear", "seq"] },
        },
      },
    },
    config,
  );

  const Work = new Entity(
    {
      model: { service, entity: "partnershipwork", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        workId: { type: "string", required: true },
        itemId: { type: "string" },
        title: { type: "string", required: true },
        description: { type: "string" },
        date: { type: "string", required: true },
        schools: { type: "any", required: true },
        people: { type: "any" },
        ownerId: { type: "string", required: true },
        ownerName: { type: "string", required: true },
        /** The member school the author works at (its province officers moderate the work). */
        postingSchool: { type: "string", required: true },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byYear: {
          pk: { field: "pk", composite: ["partnershipId"] },
          sk: { field: "sk", composite: ["schoolYear", "workId"] },
        },
      },
    },
    config,
  );

  const Actual = new Entity(
    {
      model: { service, entity: "partnershipactual", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        indicatorId: { type: "string", required: true },
        date: { type: "string", required: true },
        actualId: { type: "string", required: true },
        value: { type: "number", required: true },
        note: { type: "string" },
        workId: { type: "string" },
        evidenceId: { type: "string" },
        ownerId: { type: "string", required: true },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byYear: {
          pk: { field: "pk", composite: ["partnershipId"] },
          sk: { field: "sk", composite: ["schoolYear", "indicatorId", "date", "actualId"] },
        },
      },
    },
    config,
  );

  const Post = new Entity(
    {
      model: { service, entity: "partnershippost", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        workId: { type: "string", required: true },
        /** Province of the school that posted it: its officers moderate. */
        provinceCode: { type: "string", required: true },
        districtId: { type: "string", required: true },
        postingSchool: { type: "string", required: true },
        status: { type: ["pending", "approved", "refused"] as const, required: true },
        title: { type: "string", required: true },
        summary: { type: "string" },
        date: { type: "string", required: true },
        /** Photos of identifiable students may be shown only with a recorded consent. */
        consent: { type: "boolean", required: true },
        confirmedBy: { type: "string", required: true },
        reason: { type: "string" },
        decidedBy: { type: "string" },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byWork: {
          pk: { field: "pk", composite: ["partnershipId"] },
          sk: { field: "sk", composite: ["workId"] },
        },
        queue: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["provinceCode", "status"] },
          sk: { field: "gsi1sk", composite: ["workId"] },
        },
        feed: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["partnershipId", "status"] },
          sk: { field: "gsi2sk", composite: ["date", "workId"] },
        },
      },
    },
    config,
  );

  // --- meetings and materials (issue 11, items 2 and 5) ---
  const Meeting = new Entity(
    {
      model: { service, entity: "partnershipmeeting", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        meetingId: { type: "string", required: true },
        schoolYear: { type: "string", required: true },
        mode: { type: ["online", "in_person"] as const, required: true },
        title: { type: "string", required: true },
        /** Istanbul wall-clock date-time `YYYY-MM-DDTHH:mm`. */
        startsAt: { type: "string", required: true },
        place: { type: "string" },
        /** `{ userId, name, school }` of people of either member school. */
        participants: { type: "any", required: true },
        agenda: { type: "string" },
        minutes: { type: "string" },
        decisions: { type: "any" },
        createdBy: { type: "string", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        rev: { type: "number", required: true },
      },
      indexes: {
        byPartnership: {
          pk: { field: "pk", composite: ["partnershipId"] },
          sk: { field: "sk", composite: ["meetingId"] },
        },
      },
    },
    config,
  );

  const Material = new Entity(
    {
      model: { service, entity: "partnershipmaterial", version: "1" },
      attributes: {
        partnershipId: { type: "string", required: true },
        materialId: { type: "string", required: true },
        title: { type: "string", required: true },
        description: { type: "string" },
        subject: { type: "string", required: true },
        grade: { type: "number", required: true },
        kind: { type: "string", required: true },
        link: { type: "string" },
        ownerId: { type: "string", required: true },
        ownerName: { type: "string", required: true },
        school: { type: "string", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byPartnership: {
          pk: { field: "pk", composite: ["partnershipId"] },
          sk: { field: "sk", composite: ["materialId"] },
        },
      },
    },
    config,
  );

  const entities = { Partnership, Member, Lock, Plan, Report, History, Work, Actual, Post, Meeting, Material };
  return { ...entities, service: new Service(entities, config) };
}

type Built = ReturnType<typeof build>;
export type PartnershipRow = EntityItem<Built["Partnership"]>;
export type PlanRow = EntityItem<Built["Plan"]>;
export type ReportRow = EntityItem<Built["Report"]>;
export type WorkRow = EntityItem<Built["Work"]>;
export type ActualRow = EntityItem<Built["Actual"]>;
export type PostRow = EntityItem<Built["Post"]>;
export type MeetingRow = EntityItem<Built["Meeting"]>;
export type MaterialRow = EntityItem<Built["Material"]>;

/** Entities bound to the current table and client. */
export const entities = bound(build);
