/**
 * Partnerships of the Okul Ortaklığı Programı: two high schools (Anadolu / fen / sosyal
 * bilimler lisesi) of different provinces, a 4-year term from a start school year, the I. grup
 * school that submits for the pair, a coordinator at each school and joint zümre groups.
 * Created by Ministry (OGM) officers; read by the people of both schools, the province
 * directorates of both provinces and the Ministry.
 */
import * as z from "zod";
import { assert, can } from "../access";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, TransactionCanceled, transact } from "../db";
import { load as loadAccount } from "../identity/account";
import { School } from "../org";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId } from "../util/id";
import { fromCursor, type Page, PageInput } from "../util/page";
import { entities } from "./entities";
import { eligibleTypes, Id, Person, SchoolYear, Status, TERM_YEARS, Zumre } from "./fields";
import { firstYear, load, notFound, resourceOf, type Stored, statusNow, toStored } from "./store";

const SchoolCode = z.string().regex(/^\d{6,8}$/, { message: "Geçersiz kurum kodu." });

export const Info = z
  .object({
    id: Id,
    startYear: SchoolYear,
    cohort: z.string(),
    status: Status,
    schools: z.array(
      z.object({ code: z.string(), name: z.string(), type: z.string(), province: z.string(), district: z.string() }),
    ),
    leadSchool: z.string(),
    coordinators: z.record(z.string(), z.object({ userId: z.string(), name: z.string() })),
    zumres: z.array(Zumre),
    createdAt: z.string(),
    version: z.number().int(),
    /** What the caller may do on the partnership now (the server checks every call anyway). */
    may: z
      .object({
        editPlan: z.boolean(),
        submit: z.boolean(),
        work: z.boolean(),
        receive: z.boolean(),
        ret: z.boolean(),
        /** Record meetings (coordinators); share materials (people of both schools). */
        meetings: z.boolean().optional(),
        materials: z.boolean().optional(),
      })
      .optional(),
  })
  .meta({ id: "Partnership" });
export type Info = z.infer<typeof Info>;

export const Summary = Info.omit({ coordinators: true, zumres: true, may: true }).meta({ id: "PartnershipSummary" });
export type Summary = z.infer<typeof Summary>;

export function toInfo(p: Stored, withMay = false): Info {
  const info: Info = {
    id: p.id,
    startYear: p.startYear,
    cohort: p.cohort,
    status: statusNow(p.startYear),
    schools: p.schools,
    leadSchool: p.leadSchool,
    coordinators: p.coordinators,
    zumres: p.zumres,
    createdAt: p.createdAt,
    version: p.version,
  };
  if (!withMay) return info;
  return {
    ...info,
    may: {
      editPlan: can("partnership.plan.edit", resourceOf(p)),
      submit: can("partnership.plan.submit", resourceOf(p, "lead")),
      work: can("partnership.work.write", resourceOf(p)),
      receive: can("partnership.chain.receive", resourceOf(p)),
      ret: can("partnership.chain.return", resourceOf(p)),
      meetings: can("partnership.meeting.write", resourceOf(p)),
      materials: can("partnership.material.write", resourceOf(p)),
    },
  };
}

export const CreateInput = z
  .object({
    schools: z.tuple([SchoolCode, SchoolCode]),
    /** The I. grup school: one of the two. */
    leadSchool: SchoolCode,
    startYear: SchoolYear,
    /** Coordinator user id by school code (a person holding a role at that school). */
    coordinators: z.record(SchoolCode, z.string().min(1).max(64)),
    zumres: z.array(Zumre).max(20).default([]),
  })
  .refine((i) => i.schools[0] !== i.schools[1], { message: "İki farklı okul seçilmeli.", path: ["schools"] })
  .refine((i) => i.schools.includes(i.leadSchool), {
    message: "I. grup okul ortaklığın okullarından biri olmalı.",
    path: ["leadSchool"],
  })
  .refine((i) => i.schools.every((s) => i.coordinators[s]) && Object.keys(i.coordinators).length === 2, {
    message: "Her okul için bir koordinatör seçilmeli.",
    path: ["coordinators"],
  })
  .refine((i) => i.zumres.every((z) => i.schools.includes(z.head.school)), {
    message: "Ortak zümre başkanı ortaklığın okullarından birinden olmalı.",
    path: ["zumres"],
  });

const typesText = "Anadolu lisesi, fen lisesi ya da sosyal bilimler lisesi";

/** A person's name when they are an active user holding a role at the school; otherwise a 400. */
async function personAt(userId: string, school: string, field: (string | number)[]): Promise<string> {
  const account = await loadAccount(userId);
  const here = account?.assignments.some((a) => a.scopeType === "school" && a.scopeId === school);
  if (account?.user.status !== "active" || !here) {
    throw new VisibleError("input", "unknown_person", "Seçilen kişi bu okulun etkin bir kullanıcısı değil.", [
      { path: field, message: "Seçilen kişi bu okulun etkin bir kullanıcısı değil." },
    ]);
  }
  return account.user.name;
}

/**
 * Pairs two schools. 400 (Turkish) for a school that is not an Anadolu / fen / sosyal bilimler
 * lisesi and for two schools of one province; 409 when a school already has a partnership whose
 * term has not ended. The partnership, its two member items, the two school locks and the audit
 * event are one transaction.
 */
export const create = fn(CreateInput, async (input): Promise<Info> => {
  const user = useUser();
  const id = createId("partnership");
  assert("partnership.create", { place: { partnership: id } });
  const found = await Promise.all(input.schools.map((code) => School.get(code)));
  const schools = found.map((school, index) => {
    if (!school) {
      throw new VisibleError("input", "unknown_school", "Okul bulunamadı.", [{ path: ["schools", index] }]);
    }
    if (!(eligibleTypes as readonly string[]).includes(school.type)) {
      const message = `${school.name} ortaklığa katılamaz: Okul Ortaklığı Programı yalnızca ${typesText} içindir.`;
      throw new VisibleError("input", "school_not_eligible", message, [{ path: ["schools", index], message }]);
    }
    return school;
  });
  const [a, b] = schools as [School.Info, School.Info];
  if (a.provinceCode === b.provinceCode) {
    const message = "Ortak okullar farklı illerden olmalı; seçilen iki okul aynı ildedir.";
    throw new VisibleError("input", "same_province", message, [{ path: ["schools"], message }]);
  }
  const coordinators: Stored["coordinators"] = {};
  for (const school of schools) {
    const userId = input.coordinators[school.code] as string;
    coordinators[school.code] = { userId, name: await personAt(userId, school.code, ["coordinators", school.code]) };
  }
  for (const [index, zumre] of input.zumres.entries()) {
    if (zumre.head.userId) await personAt(zumre.head.userId, zumre.head.school, ["zumres", index, "head"]);
  }
  const ordered = input.leadSchool === a.code ? [a, b] : [b, a];
  const at = now().toISOString();
  const stored: Stored = {
    id,
    startYear: input.startYear,
    cohort: input.startYear.slice(0, 4),
    schools: ordered.map((s) => ({
      code: s.code,
      name: s.name,
      type: s.type,
      province: s.provinceCode,
      district: s.districtId,
    })),
    leadSchool: input.leadSchool,
    coordinators,
    zumres: input.zumres,
    createdBy: user.userId,
    createdAt: at,
    version: 1,
  };
  const { Partnership, Member, Lock } = entities();
  const start = firstYear(input.startYear);
  try {
    await transact([
      put(
        Lock.put({ schoolCode: a.code, partnershipId: id, freeFrom: start + TERM_YEARS }).where(
          (l, { notExists, lte }) => `${notExists(l.partnershipId)} OR ${lte(l.freeFrom, start)}`,
        ),
      ),
      put(
        Lock.put({ schoolCode: b.code, partnershipId: id, freeFrom: start + TERM_YEARS }).where(
          (l, { notExists, lte }) => `${notExists(l.partnershipId)} OR ${lte(l.freeFrom, start)}`,
        ),
      ),
      put(
        Partnership.create({
          partnershipId: id,
          cohort: stored.cohort,
          startYear: stored.startYear,
          schools: stored.schools,
          leadSchool: stored.leadSchool,
          coordinators,
          zumres: stored.zumres,
          createdBy: user.userId,
          createdAt: at,
          version: 1,
        }),
      ),
      ...stored.schools.map((s) =>
        put(
          Member.create({
            partnershipId: id,
            schoolCode: s.code,
            provinceCode: s.province,
            startYear: stored.startYear,
          }),
        ),
      ),
      await Audit.entry({
        action: "partnership.create",
        entity: { type: "partnership", id },
        scope: { type: "partnership", id },
        data: { schools: input.schools, startYear: input.startYear, leadSchool: input.leadSchool },
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && (error.conditionFailed(0) || error.conditionFailed(1))) {
      const busy = error.conditionFailed(0) ? a : b;
      throw new VisibleError(
        "conflict",
        "school_has_partnership",
        `${busy.name} zaten süresi dolmamış bir ortaklıkta; bir okulun aynı anda tek etkin ortaklığı olabilir.`,
      );
    }
    throw error;
  }
  return toInfo(stored, true);
});

/** A partnership; 404 when missing or when the caller is not one of its people or officers. */
export const get = fn(Id, async (id): Promise<Info> => {
  const p = await load(id);
  if (!p) throw notFound();
  assert("partnership.read", resourceOf(p), { hide: true });
  return toInfo(p, true);
});

/** The partnership for a workspace operation, checked for `partnership.read` (404 otherwise). */
export async function readable(id: string): Promise<Stored> {
  const p = await load(Id.parse(id));
  if (!p) throw notFound();
  assert("partnership.read", resourceOf(p), { hide: true });
  return p;
}

export const SchoolListInput = PageInput.extend({ school: SchoolCode });
export const ProvinceListInput = PageInput.extend({ province: z.string().regex(/^(0[1-9]|[1-7]\d|8[01])$/) });
export const CohortListInput = PageInput.extend({ cohort: z.string().regex(/^20\d\d$/) });

async function summaries(ids: string[]): Promise<Summary[]> {
  const rows = await Promise.all(ids.map((id) => load(id)));
  return rows.flatMap((p) => (p ? [Summary.parse(toInfo(p))] : []));
}

/** Partnerships of a school, oldest start first: anyone who may read a partnership of that school. */
export const listBySchool = fn(SchoolListInput, async ({ school, limit, cursor }): Promise<Page<Summary>> => {
  const place = await School.get(school);
  if (!place) throw new VisibleError("not_found", "not_found", "Okul bulunamadı.");
  assert("partnership.read", {
    place: { partnership: "-" },
    partnership: { schools: [school], provinces: [place.provinceCode], coordinators: [] },
  });
  const res = await fromCursor(cursor, (c) =>
    entities().Member.query.bySchool({ schoolCode: school }).go({ limit, cursor: c }),
  );
  return { items: await summaries(res.data.map((m) => m.partnershipId)), cursor: res.cursor };
});

/** Partnerships with a member school in the province (province officers, the Ministry). */
export const listByProvince = fn(ProvinceListInput, async ({ province, limit, cursor }): Promise<Page<Summary>> => {
  assert("partnership.read", {
    place: { partnership: "-" },
    partnership: { schools: [], provinces: [province], coordinators: [] },
  });
  const res = await fromCursor(cursor, (c) =>
    entities().Member.query.byProvince({ provinceCode: province }).go({ limit, cursor: c }),
  );
  return { items: await summaries(res.data.map((m) => m.partnershipId)), cursor: res.cursor };
});

/** All partnerships that started in a year (national view; the Ministry). */
export const listByCohort = fn(CohortListInput, async ({ cohort, limit, cursor }): Promise<Page<Summary>> => {
  assert("partnership.read", { place: { partnership: "-" } });
  const res = await fromCursor(cursor, (c) =>
    entities().Partnership.query.byCohort({ cohort }).go({ limit, cursor: c }),
  );
  return { items: res.data.map((row) => Summary.parse(toInfo(toStored(row)))), cursor: res.cursor };
});

export { Person };
