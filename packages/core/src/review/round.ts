/**
 * Review rounds of a province and school year — school (Okul Proje Komisyonu members), district
 * (İlçe Proje Yürütme Kurulu), province (Proje İzleme ve Değerlendirme Kurulu) — with their
 * window, panel, k reviewers per activity, disagreement threshold and promotion rule; the
 * panel's declared conflicts; the school round's entries; assignment (preview, run, manual
 * reassignment refused on conflict) and the workload view.
 */
import * as z from "zod";
import { assert } from "../access";
import { Activity } from "../activity";
import { areas } from "../activity/fields";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put, remove, type TxItem, transact } from "../db";
import { load as loadAccount } from "../identity/account";
import { Province, School } from "../org";
import { now } from "../util/clock";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema } from "../util/id";
import { assign, conflictOf, type Item, type Pair, type Member as PanelMember, type Plan } from "./assign";
import { entities } from "./entities";
import { latest, missing as rubricMissing } from "./rubric";
import {
  type AssignableEntry,
  assignableEntriesOf,
  assignmentsOf,
  entriesOf,
  type MemberRow,
  membersOf,
  pairsOf,
  type RoundRow,
  roundOrFail,
  roundPlace,
} from "./store";

export const RoundId = idSchema("round");
export const Level = z.enum(["school", "district", "province"]);
export type Level = z.infer<typeof Level>;
const nextLevel: Record<Level, Level | undefined> = { school: "district", district: "province", province: undefined };

/** Istanbul date-time, minute precision. */
export const DateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "Tarih-saat YYYY-AA-GGTSS:DD biçiminde olmalı." });

export const Promotion = z
  .object({ topN: z.number().int().min(1).max(100).optional(), minScore: z.number().min(0).max(100).optional() })
  .meta({ id: "ReviewPromotionRule" });

export const Info = z
  .object({
    id: RoundId,
    province: Province.Code,
    year: SchoolYear,
    level: Level,
    name: z.string(),
    opensAt: DateTime,
    closesAt: DateTime,
    /** The window the access policy reads (`windowOpenAt`): Istanbul date-times. */
    window: z.object({ from: DateTime, to: DateTime }),
    k: z.number().int(),
    threshold: z.number(),
    rankBy: z.enum(["raw", "normalised"]),
    allowOwnDistrict: z.boolean(),
    promotion: Promotion,
    mentions: z.number().int(),
    rubrics: z.record(z.string(), z.number().int()),
    previousRoundId: z.string().optional(),
    publishAt: z.string().optional(),
    assignedAt: z.string().optional(),
    promotedAt: z.string().optional(),
    awardedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: "ReviewRound" });
export type Info = z.infer<typeof Info>;

export function toInfo(r: RoundRow): Info {
  return {
    id: r.roundId,
    province: r.provinceCode,
    year: r.schoolYear,
    level: r.level,
    name: r.name,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    window: { from: r.opensAt, to: r.closesAt },
    k: r.k,
    threshold: r.threshold,
    rankBy: r.rankBy,
    allowOwnDistrict: r.allowOwnDistrict,
    promotion: r.promotion as Info["promotion"],
    mentions: r.mentions,
    rubrics: r.rubrics as Record<string, number>,
    ...(r.previousRoundId ? { previousRoundId: r.previousRoundId } : {}),
    ...(r.publishAt ? { publishAt: r.publishAt } : {}),
    ...(r.assignedAt ? { assignedAt: r.assignedAt } : {}),
    ...(r.promotedAt ? { promotedAt: r.promotedAt } : {}),
    ...(r.awardedAt ? { awardedAt: r.awardedAt } : {}),
    version: r.version,
  };
}

export const CreateInput = z
  .object({
    province: Province.Code,
    year: SchoolYear,
    level: Level,
    name: z.string().trim().min(1).max(200),
    opensAt: DateTime,
    closesAt: DateTime,
    k: z.number().int().min(1).max(7).default(3),
    threshold: z.number().min(0).max(100).default(25),
    rankBy: z.enum(["raw", "normalised"]).default("normalised"),
    allowOwnDistrict: z.boolean().default(false),
    promotion: Promotion.default({}),
    mentions: z.number().int().min(0).max(10).default(2),
    previousRoundId: RoundId.optional(),
    panel: z
      .array(z.object({ userId: idSchema("user"), cap: z.number().int().min(1).max(10_000).optional() }))
      .min(1)
      .max(300),
  })
  .refine((r) => r.opensAt < r.closesAt, { message: "Kapanış açılıştan sonra olmalı.", path: ["closesAt"] });

/** Roles that may sit on a panel, by the round's level. */
export const panelRoles: Record<Level, readonly string[]> = {
  school: ["school_commission", "principal"],
  district: ["district_board"],
  province: ["province_review_board", "province_board"],
};

const schoolCache = new Map<string, School.Info | undefined>();
/**
 * What a round keeps of an activity it takes in: where it comes from, for the conflict rules, and
 * everyone named on it (owner and participating teachers), who may not review it.
 */
export function entryOf(roundId: string, a: Activity.Info, school: School.Info | undefined) {
  return {
    roundId,
    activityId: a.id,
    schoolCode: a.school,
    schoolName: school?.name ?? a.school,
    schoolLevel: school?.level ?? "lise",
    districtId: a.district,
    provinceCode: a.province,
    schoolYear: a.year,
    area: a.area,
    title: a.title,
    people: [...new Set([a.ownerId, ...a.teachers.flatMap((t) => (t.userId ? [t.userId] : []))])],
  };
}

async function schoolOf(code: string) {
  if (!schoolCache.has(code)) schoolCache.set(code, await School.get(code));
  return schoolCache.get(code);
}

/** A panel member's facts: name, schools and districts of their roles; refuses non-members. */
async function memberFacts(roundId: string, level: Level, province: string, userId: string, cap?: number) {
  const account = await loadAccount(userId);
  const refuse = () =>
    new VisibleError(
      "input",
      "not_panel_member",
      "Seçilen kişilerden biri bu turun kurulunda görev alamaz (rolü ya da ili uygun değil).",
    );
  if (account?.user.status !== "active") throw refuse();
  const schools = new Set<string>();
  const districts = new Set<string>();
  const schoolDistricts: Record<string, string> = {};
  let eligible = false;
  for (const a of account.assignments) {
    let inProvince = false;
    if (a.scopeType === "school") {
      const school = await schoolOf(a.scopeId);
      schools.add(a.scopeId);
      if (school) {
        districts.add(school.districtId);
        schoolDistricts[a.scopeId] = school.districtId;
        inProvince = school.provinceCode === province;
      }
    } else if (a.scopeType === "district") {
      districts.add(a.scopeId);
      inProvince = a.scopeId.startsWith(`${province}-`);
    } else if (a.scopeType === "province") {
      inProvince = a.scopeId === province;
    }
    if (inProvince && panelRoles[level].includes(a.role)) eligible = true;
  }
  if (!eligible) throw refuse();
  return {
    roundId,
    userId,
    name: account.user.name,
    ...(cap ? { cap } : {}),
    schools: [...schools],
    districts: [...districts],
    schoolDistricts,
    conflictSchools: [],
    conflictPeople: [],
  };
}

/** Creates a round with its panel (the panel's facts are read from their role assignments). */
export const create = fn(CreateInput, async (input): Promise<Info> => {
  assert("review.manage", { place: { province: input.province }, schoolYear: input.year });
  const user = useUser();
  if (input.previousRoundId) {
    const previous = await roundOrFail(input.previousRoundId);
    if (
      previous.provinceCode !== input.province ||
      previous.schoolYear !== input.year ||
      nextLevel[previous.level] !== input.level
    ) {
      throw new VisibleError("input", "invalid_previous_round", "Önceki tur aynı il ve yılın bir alt düzeyi olmalı.");
    }
  }
  const rubrics: Record<string, number> = {};
  for (const area of areas) {
    const rubric = await latest(input.province, input.year, area);
    if (!rubric) throw rubricMissing(area);
    rubrics[area] = Number(rubric.version);
  }
  const roundId = createId("round");
  const ids = [...new Set(input.panel.map((p) => p.userId))];
  const members = await Promise.all(
    ids.map((id) =>
      memberFacts(roundId, input.level, input.province, id, input.panel.find((p) => p.userId === id)?.cap),
    ),
  );
  const at = now().toISOString();
  const row = {
    roundId,
    provinceCode: input.province,
    schoolYear: input.year,
    level: input.level,
    name: input.name,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    k: input.k,
    threshold: input.threshold,
    rankBy: input.rankBy,
    allowOwnDistrict: input.allowOwnDistrict,
    promotion: input.promotion,
    mentions: input.mentions,
    rubrics,
    ...(input.previousRoundId ? { previousRoundId: input.previousRoundId } : {}),
    createdBy: user.userId,
    createdAt: at,
    version: 1,
  };
  const memberItems = members.map((m) => put(entities().Member.create(m)));
  // The round, its audit event and the first members commit together; a panel beyond one
  // transaction's room follows in further transactions (the round is not usable before assignment).
  await transact([
    put(entities().Round.create(row)),
    await Audit.entry({
      action: "review.round.create",
      entity: { type: "round", id: roundId },
      scope: { type: "province", id: input.province },
      data: { level: input.level, panel: members.length, opensAt: input.opensAt, closesAt: input.closesAt },
    }),
    ...memberItems.slice(0, 98),
  ]);
  for (let i = 98; i < memberItems.length; i += 99) await transact(memberItems.slice(i, i + 99));
  return toInfo(row as RoundRow);
});

/** A round (readers of the review domain). */
export const get = fn(RoundId, async (roundId): Promise<Info> => {
  const round = await roundOrFail(roundId);
  assert("review.read", { place: roundPlace(round), schoolYear: round.schoolYear }, { hide: true });
  return toInfo(round);
});

export const ListInput = z.object({ province: Province.Code, year: SchoolYear });
/** The rounds of a province and school year, school level first. */
export const list = fn(ListInput, async ({ province, year }): Promise<Info[]> => {
  assert("review.read", { place: { province }, schoolYear: year });
  const { data } = await entities()
    .Round.query.byYear({ provinceCode: province, schoolYear: year })
    .go({ pages: "all" });
  const order: Record<Level, number> = { school: 0, district: 1, province: 2 };
  return data.map(toInfo).sort((a, b) => order[a.level] - order[b.level] || (a.id < b.id ? -1 : 1));
});

export const DeclareInput = z.object({
  roundId: RoundId,
  schools: z.array(School.Code).max(50).default([]),
  people: z.array(idSchema("user")).max(50).default([]),
});

/** A panel member declares conflicts of interest (a school, a person) before assignment runs. */
export const declareConflicts = fn(DeclareInput, async ({ roundId, schools, people }): Promise<void> => {
  const user = useUser();
  assert("review.self", { place: {}, userId: user.userId });
  const round = await roundOrFail(roundId);
  const { data: member } = await entities().Member.get({ roundId, userId: user.userId }).go();
  if (!member) throw new VisibleError("forbidden", "not_panel_member", "Bu turun kurulunda değilsiniz.");
  if (round.assignedAt) {
    throw new VisibleError(
      "conflict",
      "already_assigned",
      "Atama yapıldıktan sonra çıkar çatışmasını tur başkanına bildirin; başkan atamayı değiştirir.",
    );
  }
  await transact([
    put(
      entities().Member.put({
        ...member,
        conflictSchools: [...new Set([...(member.conflictSchools ?? []), ...schools])],
        conflictPeople: [...new Set([...(member.conflictPeople ?? []), ...people])],
      }),
    ),
    await Audit.entry({
      action: "review.conflict.declare",
      entity: { type: "round", id: roundId },
      scope: { type: "province", id: round.provinceCode },
      data: { schools, people },
    }),
  ]);
});

/** Loads the school round's entries: school-approved (or further) activities of the province. */
export const loadEntries = fn(RoundId, async (roundId): Promise<{ added: number; total: number }> => {
  const round = await roundOrFail(roundId);
  assert("review.manage", { place: roundPlace(round), schoolYear: round.schoolYear });
  if (round.level !== "school") {
    throw new VisibleError("conflict", "not_school_round", "Üst turların kayıtları bir önceki turdan yükseltilir.");
  }
  const have = new Set((await entriesOf(roundId)).map((e) => e.activityId));
  const items: TxItem[] = [];
  for (const status of ["approved", "district", "province"] as const) {
    let cursor: string | undefined;
    do {
      const page = await Activity.listByProvince({
        province: round.provinceCode,
        year: round.schoolYear,
        status,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const a of page.items) {
        if (have.has(a.id)) continue;
        const school = await schoolOf(a.school);
        have.add(a.id);
        items.push(put(entities().Entry.create(entryOf(roundId, a, school))));
      }
      cursor = page.cursor ?? undefined;
    } while (cursor);
  }
  const audit = await Audit.entry({
    action: "review.entries.load",
    entity: { type: "round", id: roundId },
    scope: { type: "province", id: round.provinceCode },
    data: { added: items.length },
  });
  if (items.length === 0) await transact([audit]);
  for (let i = 0; i < items.length; i += 99) {
    await transact([...items.slice(i, i + 99), ...(i + 99 >= items.length ? [audit] : [])]);
  }
  return { added: items.length, total: have.size };
});

function toPanel(m: MemberRow): PanelMember {
  return {
    userId: m.userId,
    schools: m.schools ?? [],
    districts: m.districts ?? [],
    ...(m.cap ? { cap: m.cap } : {}),
    conflictSchools: m.conflictSchools ?? [],
    conflictPeople: m.conflictPeople ?? [],
  };
}

/**
 * The assignment of a round as the pure function computes it (nothing written): its entries
 * (only what the assignment reads), panel and existing pairs in, the plan out.
 */
async function plan(round: RoundRow, seed: string) {
  const [entries, members, existing] = await Promise.all([
    assignableEntriesOf(round.roundId),
    membersOf(round.roundId),
    pairsOf(round.roundId),
  ]);
  const items: Item[] = entries.map((e) => ({
    activityId: e.activityId,
    school: e.schoolCode,
    district: e.districtId,
    area: e.area,
    people: e.people ?? [],
  }));
  const result = assign({
    items,
    members: members.map(toPanel),
    k: round.k,
    rules: { level: round.level, allowOwnDistrict: round.allowOwnDistrict },
    seed,
    existing,
  });
  return { result, entries, members, existing };
}

export const Preview = z
  .object({
    activities: z.number().int(),
    newPairs: z.number().int(),
    short: z.array(z.object({ activityId: z.string(), missing: z.number().int() })),
    load: z.array(
      z.object({ userId: z.string(), name: z.string(), load: z.number().int(), cap: z.number().optional() }),
    ),
    maxLoad: z.number().int(),
  })
  .meta({ id: "ReviewAssignmentPreview" });
export type Preview = z.infer<typeof Preview>;

function summary(result: Plan, entries: number, existing: number, members: MemberRow[]): Preview {
  const load = members
    .map((m) => ({
      userId: m.userId,
      name: m.name,
      load: result.load[m.userId] ?? 0,
      ...(m.cap ? { cap: m.cap } : {}),
    }))
    .sort((a, b) => b.load - a.load || a.name.localeCompare(b.name, "tr"));
  return {
    activities: entries,
    newPairs: result.pairs.length - existing,
    short: result.short,
    load,
    maxLoad: Math.max(0, ...load.map((l) => l.load)),
  };
}

export const AssignInput = z.object({ roundId: RoundId, seed: z.string().max(64).default("bigep") });

/** What running the assignment would do. */
export const previewAssignment = fn(AssignInput, async ({ roundId, seed }): Promise<Preview> => {
  const round = await roundOrFail(roundId);
  assert("review.manage", { place: roundPlace(round), schoolYear: round.schoolYear });
  const { result, entries, members, existing } = await plan(round, seed);
  return summary(result, entries.length, existing.length, members);
});

/**
 * Writes the assignment: existing pairs stay, missing slots are filled. Bulk work: items go in
 * transactions of 99 with the round's `assignedAt` and the audit event in the last one. Large
 * rounds run it as the `review-assign` job (system.ts).
 */
export async function writeAssignment(round: RoundRow, seed: string): Promise<Preview> {
  const { result, entries, members, existing } = await plan(round, seed);
  const entryById = new Map(entries.map((e) => [e.activityId, e]));
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const have = new Set(existing.map((a) => `${a.activityId}|${a.reviewerId}`));
  const fresh = result.pairs.filter((p) => !have.has(`${p.activityId}|${p.reviewerId}`));
  // Each transaction's items are built just before it is sent (not all pairs' items at once).
  const itemOf = (p: Pair) => {
    const e = entryById.get(p.activityId) as AssignableEntry;
    return put(
      entities().Assignment.create({
        roundId: round.roundId,
        activityId: p.activityId,
        reviewerId: p.reviewerId,
        reviewerName: names.get(p.reviewerId) ?? "",
        area: e.area,
        title: e.title,
        schoolCode: e.schoolCode,
        districtId: e.districtId,
        provinceCode: e.provinceCode,
        version: 1,
      }),
    );
  };
  const at = now().toISOString();
  const closing = [
    put(entities().Round.put({ ...round, assignedAt: at, version: round.version + 1 })),
    await Audit.entry({
      action: "review.assign.run",
      entity: { type: "round", id: round.roundId },
      scope: { type: "province", id: round.provinceCode },
      data: { seed, pairs: fresh.length, short: result.short.length },
    }),
  ];
  if (fresh.length === 0) await transact(closing);
  for (let i = 0; i < fresh.length; i += 98) {
    await transact([...fresh.slice(i, i + 98).map(itemOf), ...(i + 98 >= fresh.length ? closing : [])]);
  }
  return summary(result, entries.length, existing.length, members);
}

/** Runs the assignment now (the chair's explicit step after the preview). */
export const runAssignment = fn(AssignInput, async ({ roundId, seed }): Promise<Preview> => {
  const round = await roundOrFail(roundId);
  assert("review.manage", { place: roundPlace(round), schoolYear: round.schoolYear });
  return writeAssignment(round, seed);
});

export const ReassignInput = z.object({
  roundId: RoundId,
  activityId: Activity.Id,
  /** The reviewer to replace; without it, `to` is added (e.g. to settle a disagreement). */
  from: idSchema("user").optional(),
  to: idSchema("user"),
});

const conflictMessages: Record<string, string> = {
  own_school: "Bu kişi etkinliğin okulunda görevli.",
  own_district: "Bu kişi etkinliğin ilçesinde görevli (il turunda izin verilmedi).",
  declared_school: "Bu kişi etkinliğin okuluyla çıkar çatışması bildirmiş.",
  declared_person: "Bu kişi etkinlikteki biriyle çıkar çatışması bildirmiş.",
  participant: "Bu kişi etkinliğin içinde yer alıyor.",
};

/** Manual reassignment by the chair; refused when it would create a conflict of interest. */
export const reassign = fn(ReassignInput, async ({ roundId, activityId, from, to }): Promise<void> => {
  const round = await roundOrFail(roundId);
  assert("review.manage", { place: roundPlace(round), schoolYear: round.schoolYear });
  const { Entry, Member, Assignment } = entities();
  const [{ data: entry }, { data: member }] = await Promise.all([
    Entry.get({ roundId, activityId }).go(),
    Member.get({ roundId, userId: to }).go(),
  ]);
  if (!entry) throw new VisibleError("not_found", "not_found", "Etkinlik bu turda değil.");
  if (!member) throw new VisibleError("input", "not_panel_member", "Seçilen kişi bu turun kurulunda değil.");
  const conflict = conflictOf(
    toPanel(member),
    { activityId, school: entry.schoolCode, district: entry.districtId, area: entry.area, people: entry.people ?? [] },
    { level: round.level, allowOwnDistrict: round.allowOwnDistrict },
  );
  if (conflict) throw new VisibleError("conflict", "conflict_of_interest", conflictMessages[conflict] as string);
  const current = await assignmentsOf(roundId, activityId);
  if (current.some((a) => a.reviewerId === to)) {
    throw new VisibleError("conflict", "already_assigned", "Bu kişi bu etkinliğe zaten atanmış.");
  }
  const old = from ? current.find((a) => a.reviewerId === from) : undefined;
  if (from && !old) throw new VisibleError("not_found", "not_found", "Değiştirilecek atama bulunamadı.");
  if (old?.submittedAt) {
    throw new VisibleError(
      "conflict",
      "already_submitted",
      "Puanını göndermiş bir değerlendirici değiştirilemez; gerekirse yeni bir değerlendirici ekleyin.",
    );
  }
  await transact([
    ...(old
      ? [
          remove(
            Assignment.delete({ roundId, activityId, reviewerId: old.reviewerId }).where((a, { notExists }) =>
              notExists(a.submittedAt),
            ),
          ),
        ]
      : []),
    put(
      Assignment.create({
        roundId,
        activityId,
        reviewerId: to,
        reviewerName: member.name,
        area: entry.area,
        title: entry.title,
        schoolCode: entry.schoolCode,
        districtId: entry.districtId,
        provinceCode: entry.provinceCode,
        version: 1,
      }),
    ),
    await Audit.entry({
      action: from ? "review.assign.replace" : "review.assign.add",
      entity: { type: "round", id: roundId },
      scope: { type: "province", id: round.provinceCode },
      data: { activityId, ...(from ? { from } : {}), to },
    }),
  ]);
});

export const Workload = z
  .object({
    userId: z.string(),
    name: z.string(),
    cap: z.number().optional(),
    assigned: z.number().int(),
    saved: z.number().int(),
    submitted: z.number().int(),
  })
  .meta({ id: "ReviewWorkload" });
export type Workload = z.infer<typeof Workload>;

/** Per panel member: assigned, started and submitted reviews. */
export const workload = fn(RoundId, async (roundId): Promise<Workload[]> => {
  const round = await roundOrFail(roundId);
  assert("review.read", { place: roundPlace(round), schoolYear: round.schoolYear });
  const [members, assignments] = await Promise.all([membersOf(roundId), assignmentsOf(roundId)]);
  return members
    .map((m) => {
      const mine = assignments.filter((a) => a.reviewerId === m.userId);
      return {
        userId: m.userId,
        name: m.name,
        ...(m.cap ? { cap: m.cap } : {}),
        assigned: mine.length,
        saved: mine.filter((a) => a.savedAt).length,
        submitted: mine.filter((a) => a.submittedAt).length,
      };
    })
    .sort((a, b) => b.assigned - a.assigned || a.name.localeCompare(b.name, "tr"));
});
