/**
 * BİGEP activities: what a school did in an award area, its participants and result, and its
 * way through the commissions (school → district → province). Evidence files live in the
 * evidence domain and point here.
 */
import { createHash } from "node:crypto";
import * as z from "zod";
import { type Action, assert, can, type Resource } from "../access";
import { actor, type Place, useUser } from "../actor";
import { Audit } from "../audit";
import { put, TransactionCanceled, transact, update as updateItem } from "../db";
import { load as loadAccount } from "../identity/account";
import { placeOf as placeOfScope } from "../identity/scope";
import { District, Province, School } from "../org";
import { now } from "../util/clock";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema } from "../util/id";
import { fromCursor, type Page, PageInput } from "../util/page";
import { exists as categoryExists, staleError } from "./category";
import { entities } from "./entities";
import {
  Area,
  CategoryId,
  CreateInput,
  datesInOrder,
  datesMessage,
  fields,
  Status,
  StudentGroup,
  Teacher,
  TransitionAction,
} from "./fields";
import { load, toInfo } from "./store";

export * from "./fields";

export const Id = idSchema("activity");

export const Info = z
  .object({
    id: Id,
    school: School.Code,
    district: z.string(),
    province: z.string(),
    year: SchoolYear,
    ...fields,
    status: Status,
    ownerId: z.string(),
    ownerName: z.string(),
    returnReason: z.string().optional(),
    /** Some evidence file of this activity was also used by another activity (shown to reviewers). */
    duplicateEvidence: z.boolean().optional(),
    /** Optimistic-locking version; the HTTP ETag. */
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Activity" });
export type Info = z.infer<typeof Info>;

/** Update input without the cross-field check; `null` clears an optional text field. */
export const UpdateFields = z.object({
  id: Id,
  /** The version the editor read (If-Match). */
  version: z.number().int().positive(),
  area: fields.area.optional(),
  category: fields.category.optional(),
  title: fields.title.optional(),
  description: fields.description.unwrap().nullable().optional(),
  startDate: fields.startDate.optional(),
  endDate: fields.endDate.unwrap().nullable().optional(),
  reach: fields.reach.optional(),
  programme: fields.programme.unwrap().nullable().optional(),
  result: fields.result.unwrap().nullable().optional(),
  teachers: z.array(Teacher).max(50).optional(),
  students: z.array(StudentGroup).max(20).optional(),
  partners: fields.partners.unwrap().optional(),
  links: fields.links.unwrap().optional(),
});
export const UpdateInput = UpdateFields.refine(datesInOrder, datesMessage);

/** Where an activity sits, for access checks. */
export function placeOf(activity: Pick<Info, "province" | "district" | "school">): Place {
  return { province: activity.province, district: activity.district, school: activity.school };
}

const seqOf = (version: number) => String(version).padStart(8, "0");

async function schoolOrFail(code: string) {
  const school = await School.get(code);
  if (!school) throw new VisibleError("input", "unknown_school", "Okul bulunamadı.", [{ path: ["school"] }]);
  return school;
}

async function assertCategory(province: string, year: string, area: Area, category: string): Promise<void> {
  if (!(await categoryExists(province, year, area, category))) {
    throw new VisibleError("input", "unknown_category", "Kategori bu alanın listesinde yok.", [
      { path: ["category"], message: "Kategori bu alanın listesinde yok." },
    ]);
  }
}

/** SHA-256 of a create's body, to tell a retry (same body) from a reused key (another body). */
function bodyHash(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("base64url");
}

/** The activity an earlier create with this key made; 422 when that create had another body. */
async function replay(userId: string, idemKey: string, hash: string): Promise<Info | undefined> {
  const { data } = await entities().Idempotency.get({ userId, idemKey }).go();
  if (!data) return undefined;
  if (data.bodyHash && data.bodyHash !== hash) {
    throw new VisibleError(
      "unprocessable",
      "idempotency_key_reused",
      "Bu Idempotency-Key başka içerikli bir kayıt için kullanılmış; yeni bir kayıt için yeni bir anahtar gönderin.",
    );
  }
  return get(data.activityId);
}

/**
 * Participating teachers named by user id must be active users holding a role at the school
 * (in every year or in the activity's). One message for "no such user" and "another school's",
 * so the answer says nothing about people outside the school.
 */
async function assertTeachers(
  school: string,
  year: string,
  teachers: readonly z.infer<typeof Teacher>[],
): Promise<void> {
  const ids = [...new Set(teachers.flatMap((t) => (t.userId ? [t.userId] : [])))];
  const valid = new Set<string>();
  await Promise.all(
    ids.map(async (id) => {
      const account = await loadAccount(id);
      const here = account?.assignments.some(
        (a) => a.scopeType === "school" && a.scopeId === school && (a.schoolYear === "*" || a.schoolYear === year),
      );
      if (account?.user.status === "active" && here) valid.add(id);
    }),
  );
  const issues = teachers.flatMap((t, index) =>
    t.userId && !valid.has(t.userId)
      ? [{ path: ["teachers", index, "userId"], message: `${t.name}: okulun etkin bir kullanıcısı değil.` }]
      : [],
  );
  if (issues.length > 0) {
    throw new VisibleError(
      "input",
      "unknown_teacher",
      "Seçilen öğretmenlerden biri bu okulun etkin bir kullanıcısı değil.",
      issues,
    );
  }
}

/**
 * Creates a draft activity of the caller in a school they may record for. The activity, its
 * first history entry, the idempotency record and the audit event are one transaction.
 */
export const create = fn(CreateInput, async (input): Promise<Info> => {
  const user = useUser();
  const school = await schoolOrFail(input.school);
  const place = School.placeOf(school);
  assert("activity.create", { place, schoolYear: input.year });
  const { Activity, History, Idempotency } = entities();
  const { school: _s, year: _y, idempotencyKey, ...rest } = input;
  const hash = bodyHash({ ...input, idempotencyKey: undefined });
  if (idempotencyKey) {
    const earlier = await replay(user.userId, idempotencyKey, hash);
    if (earlier) return earlier;
  }
  await assertCategory(school.provinceCode, input.year, input.area, input.category);
  await assertTeachers(school.code, input.year, input.teachers);
  const at = now().toISOString();
  const activityId = createId("activity");
  const row = {
    ...rest,
    activityId,
    schoolCode: school.code,
    districtId: school.districtId,
    provinceCode: school.provinceCode,
    schoolYear: input.year,
    status: "draft" as const,
    ownerId: user.userId,
    ownerName: user.name,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await transact([
      put(Activity.create(row)),
      put(
        History.create({
          activityId,
          seq: seqOf(1),
          action: "create",
          to: "draft",
          actorId: user.userId,
          actorName: user.name,
          at,
        }),
      ),
      !!idempotencyKey &&
        put(
          Idempotency.create({
            userId: user.userId,
            idemKey: idempotencyKey,
            activityId,
            bodyHash: hash,
            expiresAt: Math.floor(Date.parse(at) / 1000) + 24 * 3600,
          }),
        ),
      await auditEntry("activity.create", activityId, school.code, { area: row.area, category: row.category }),
    ]);
  } catch (error) {
    if (!(error instanceof TransactionCanceled)) throw error;
    // Only the idempotency record can collide (ids are fresh): a concurrent retry won.
    const earlier = idempotencyKey ? await replay(user.userId, idempotencyKey, hash) : undefined;
    if (earlier) return earlier;
    throw new VisibleError("conflict", "create_conflict", "Etkinlik kaydedilemedi, lütfen tekrar deneyin.");
  }
  return toInfo(row);
});

/** An activity; 404 when missing or outside the caller's scope (no hint that it exists). */
export const get = fn(Id, async (id): Promise<Info> => {
  const activity = await load(id);
  if (!activity) throw new VisibleError("not_found", "not_found", "Etkinlik bulunamadı.");
  assert("activity.read", resource(activity), { hide: true });
  return activity;
});

/** Where the activity sits and who created it: the facts every row about it reads. */
function resource(activity: Info): Resource {
  return { place: placeOf(activity), ownerId: activity.ownerId, schoolYear: activity.year };
}

/** The facts the policy decides on for an activity (for counts that ask `can` per record). */
export const resourceOf = resource;

/**
 * The facts a decision on the activity needs. Province-level rows ask whether the person works
 * in the activity's district (`notOwnDistrict`): a school grant names only its school, so the
 * places of the person's schools are looked up (cached by org).
 */
async function decisionFacts(activity: Info, who: readonly Action[]): Promise<Resource> {
  const base = resource(activity);
  const caller = actor();
  if (caller.type !== "user" || !who.includes("activity.review.province")) return base;
  const schools = [...new Set(caller.grants.filter((g) => g.scope.type === "school").map((g) => g.scope.id))];
  const places = await Promise.all(schools.map((id) => placeOfScope({ type: "school", id })));
  const actorSchools: Record<string, Place> = {};
  schools.forEach((id, i) => {
    const place = places[i];
    if (place) actorSchools[id] = place;
  });
  return { ...base, actorSchools };
}

/** Statuses in which the record may still change (and take new evidence). */
export const editable: readonly Status[] = ["draft", "returned"];

/** Throws unless the activity is still editable. */
export function assertEditable(activity: Info): void {
  if (!editable.includes(activity.status)) {
    throw new VisibleError(
      "conflict",
      "not_editable",
      "Gönderilmiş bir etkinlik değiştirilemez; ancak iade edilirse düzenlenebilir.",
    );
  }
}

/**
 * Changes an editable activity. Optimistic: the stored version must equal `version`, so of two
 * concurrent edits one wins and the other gets 409 — nothing is silently overwritten. The change,
 * its history entry and its audit event are one transaction.
 */
export const update = fn(UpdateInput, async ({ id, version, ...input }): Promise<Info> => {
  const user = useUser();
  const current = await get(id);
  assert("activity.update", resource(current));
  assertEditable(current);
  if (current.version !== version) throw staleError();
  const cleared = clearable.filter((k) => input[k] === null);
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
  const next = { ...current, ...changes, version: version + 1, updatedAt: now().toISOString() } as Info;
  for (const k of cleared) delete next[k];
  if (!datesInOrder(next)) throw new VisibleError("input", "invalid_dates", datesMessage.message, [datesMessage]);
  if (input.area || input.category) await assertCategory(next.province, next.year, next.area, next.category);
  if (input.teachers) await assertTeachers(current.school, current.year, input.teachers);
  const { Activity, History } = entities();
  try {
    await transact([
      updateItem(
        Activity.patch({ activityId: id })
          .set({ ...changes, version: next.version, updatedAt: next.updatedAt })
          .remove(cleared)
          .composite({ ...composites(current), status: current.status, ...(input.area ? {} : { area: current.area }) })
          .where(
            (a, { eq }) => `${eq(a.version, version)} AND (${eq(a.status, "draft")} OR ${eq(a.status, "returned")})`,
          ),
      ),
      put(
        History.create({
          activityId: id,
          seq: seqOf(next.version),
          action: "update",
          from: current.status,
          to: current.status,
          actorId: user.userId,
          actorName: user.name,
          at: next.updatedAt,
        }),
      ),
      await auditEntry("activity.update", id, current.school, { fields: [...Object.keys(changes), ...cleared] }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled) throw staleError();
    throw error;
  }
  return next;
});

/** The audit event of a change to an activity, as an item of the change's transaction. */
function auditEntry(action: string, id: string, school: string, data: Record<string, unknown>) {
  return Audit.entry({ action, entity: { type: "activity", id }, scope: { type: "school", id: school }, data });
}

/** Optional text fields an edit may clear by sending null. */
const clearable = ["description", "endDate", "programme", "result"] as const;

/** Index key parts ElectroDB needs to rebuild keys when an indexed attribute changes. */
function composites(activity: Info) {
  return {
    activityId: activity.id,
    schoolCode: activity.school,
    schoolYear: activity.year,
    districtId: activity.district,
    ownerId: activity.ownerId,
  };
}

/**
 * The lifecycle, as a table: from a status, an action leads to a status, for holders of a
 * policy action (see access/policy.ts for who holds which, and the conditions: nobody decides
 * on their own record, nor above the school on their own school's or district's). Anything not
 * listed is refused.
 */
// biome-ignore format: a table people read, aligned by hand
export const transitions: readonly (readonly [Status, TransitionAction, Status, Action])[] = [
  // from          action                  to             who may
  ["draft",       "submit",               "submitted",   "activity.submit"],
  ["returned",    "submit",               "submitted",   "activity.submit"],
  ["submitted",   "return",               "returned",    "activity.review.school"],
  ["submitted",   "approve",              "approved",    "activity.review.school"],
  ["approved",    "return",               "returned",    "activity.review.school"],
  ["approved",    "forward_to_district",  "district",    "activity.review.school"],
  ["district",    "return",               "returned",    "activity.review.district"],
  ["district",    "forward_to_province",  "province",    "activity.review.district"],
  ["province",    "return",               "returned",    "activity.review.province"],
];

/** The actions the current caller may take on this activity now (for the UI's buttons). */
export async function allowedActions(activity: Info): Promise<TransitionAction[]> {
  const open = transitions.filter(([from]) => from === activity.status);
  const facts = await decisionFacts(
    activity,
    open.map(([, , , who]) => who),
  );
  return open.filter(([, , , who]) => can(who, facts)).map(([, action]) => action);
}

/** What else the caller may do with the activity now (for the UI's edit and upload controls). */
export const Permissions = z
  .object({ edit: z.boolean(), addEvidence: z.boolean() })
  .meta({ id: "ActivityPermissions" });
export type Permissions = z.infer<typeof Permissions>;

/** The edit and upload rights of the current caller on this activity now. */
export function permissions(activity: Info): Permissions {
  const open = editable.includes(activity.status);
  return {
    edit: open && can("activity.update", resource(activity)),
    addEvidence: open && can("evidence.upload", resource(activity)),
  };
}

export const TransitionInput = z.object({
  id: Id,
  action: TransitionAction,
  reason: z.string().trim().max(1000, { message: "Neden en çok 1000 karakter olabilir." }).optional(),
  /** The version the reviewer saw (If-Match); without it, the one read now. */
  version: z.number().int().positive().optional(),
});

/**
 * Moves an activity along the lifecycle. The status change, its history entry and its audit
 * event are one transaction, conditional on the status and version read, so a race loses with 409.
 */
export const transition = fn(TransitionInput, async ({ id, action, reason, version }): Promise<Info> => {
  const user = useUser();
  const current = await get(id);
  const row = transitions.find(([from, a]) => from === current.status && a === action);
  if (!row) {
    throw new VisibleError("conflict", "invalid_transition", "Bu işlem etkinliğin şu anki durumunda yapılamaz.");
  }
  const [from, , to, who] = row;
  assert(who, await decisionFacts(current, [who]));
  if (action === "return" && !reason) {
    throw new VisibleError("input", "reason_required", "İade nedeni yazılmalı.", [
      { path: ["reason"], message: "İade nedeni yazılmalı." },
    ]);
  }
  if (version !== undefined && version !== current.version) throw staleError();
  const at = now().toISOString();
  const nextVersion = current.version + 1;
  const { Activity, History } = entities();
  try {
    await transact([
      updateItem(
        Activity.patch({ activityId: id })
          .set({
            status: to,
            version: nextVersion,
            updatedAt: at,
            ...(to === "returned" && reason ? { returnReason: reason } : {}),
          })
          .composite({ ...composites(current), area: current.area })
          .where((a, { eq }) => `${eq(a.version, current.version)} AND ${eq(a.status, from)}`),
      ),
      put(
        History.create({
          activityId: id,
          seq: seqOf(nextVersion),
          action,
          from,
          to,
          ...(reason ? { reason } : {}),
          actorId: user.userId,
          actorName: user.name,
          at,
        }),
      ),
      await auditEntry(`activity.${action}`, id, current.school, { from, to, ...(reason ? { reason } : {}) }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled) throw staleError();
    throw error;
  }
  return {
    ...current,
    status: to,
    version: nextVersion,
    updatedAt: at,
    ...(to === "returned" && reason ? { returnReason: reason } : {}),
  };
});

export const HistoryEntry = z
  .object({
    action: z.string(),
    from: Status.optional(),
    to: Status,
    reason: z.string().optional(),
    actorId: z.string(),
    actorName: z.string(),
    at: z.string(),
  })
  .meta({ id: "ActivityHistoryEntry" });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** The activity's history, oldest first. */
export const history = fn(PageInput.extend({ id: Id }), async ({ id, limit, cursor }): Promise<Page<HistoryEntry>> => {
  await get(id);
  const page = await fromCursor(cursor, (start) =>
    entities().History.query.byActivity({ activityId: id }).go({ limit, cursor: start }),
  );
  return {
    items: page.data.map((h) => ({
      action: h.action,
      ...(h.from ? { from: h.from as Status } : {}),
      to: h.to as Status,
      ...(h.reason ? { reason: h.reason } : {}),
      actorId: h.actorId,
      actorName: h.actorName,
      at: h.at,
    })),
    cursor: page.cursor,
  };
});

export const SchoolListInput = PageInput.extend({
  school: School.Code,
  year: SchoolYear,
  area: Area.optional(),
  status: Status.optional(),
  category: CategoryId.optional(),
});

/**
 * A school's activities in a year, newest first within area and status. Area (and status when
 * the area is given) narrow the key; status alone and category are filters on the same Query.
 */
export const listBySchool = fn(SchoolListInput, async (input): Promise<Page<Info>> => {
  const school = await schoolOrFail(input.school);
  assert("activity.read", { place: School.placeOf(school), schoolYear: input.year });
  const { Activity } = entities();
  const key = {
    schoolCode: school.code,
    schoolYear: input.year,
    ...(input.area ? { area: input.area } : {}),
    ...(input.area && input.status ? { status: input.status } : {}),
  };
  const filterStatus = !input.area && input.status ? input.status : undefined;
  const page = await fromCursor(input.cursor, (cursor) =>
    Activity.query
      .bySchool(key)
      .where((a, { eq }) =>
        [filterStatus ? eq(a.status, filterStatus) : "", input.category ? eq(a.category, input.category) : ""]
          .filter(Boolean)
          .join(" AND "),
      )
      .go({ limit: input.limit, order: "desc", cursor }),
  );
  return { items: page.data.map(toInfo), cursor: page.cursor };
});

export const DistrictListInput = PageInput.extend({
  district: z
    .string()
    .max(64)
    .regex(/^(0[1-9]|[1-7]\d|8[01])-[a-z0-9]+(-[a-z0-9]+)*$/, { message: "Geçersiz ilçe kimliği." }),
  year: SchoolYear,
  status: Status,
});

/** A district's activities of a year in one status (the review queues), newest first. */
export const listByDistrict = fn(DistrictListInput, async (input): Promise<Page<Info>> => {
  const province = input.district.slice(0, 2);
  assert("activity.read", { place: { province, district: input.district }, schoolYear: input.year });
  const page = await fromCursor(input.cursor, (cursor) =>
    entities()
      .Activity.query.byDistrict({ districtId: input.district, schoolYear: input.year, status: input.status })
      .go({ limit: input.limit, order: "desc", cursor }),
  );
  return { items: page.data.map(toInfo), cursor: page.cursor };
});

export const ProvinceListInput = PageInput.extend({ province: Province.Code, year: SchoolYear, status: Status });

/** Where a province queue page stopped: a district and the cursor inside its queue (null: its start). */
const ProvinceCursor = z.object({ d: District.Id, c: z.string().max(2048).nullable() });

function provinceCursor(cursor: z.infer<typeof ProvinceCursor>): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function readProvinceCursor(cursor: string): z.infer<typeof ProvinceCursor> {
  try {
    return ProvinceCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new VisibleError("input", "invalid_cursor", "Geçersiz sayfa imleci.");
  }
}

/**
 * A province's activities of a year in one status (the province review queue): one Query per
 * district on the district queue index — the province is sharded by district — district after
 * district in alphabetical order, newest first within each. The cursor names the district (not
 * its position, so a district added meanwhile shifts nothing) and the cursor inside it.
 */
export const listByProvince = fn(ProvinceListInput, async (input): Promise<Page<Info>> => {
  assert("activity.read", { place: { province: input.province }, schoolYear: input.year });
  const districts = (await District.list({ province: input.province })).items.map((d) => d.id);
  const start = input.cursor ? readProvinceCursor(input.cursor) : { d: districts[0], c: null };
  let index = start.d === undefined ? districts.length : districts.indexOf(start.d);
  if (index < 0) throw new VisibleError("input", "invalid_cursor", "Geçersiz sayfa imleci.");
  let inner = start.c;
  const items: Info[] = [];
  for (; index < districts.length; index++, inner = null) {
    const district = districts[index] as string;
    const page = await fromCursor(inner ?? undefined, (cursor) =>
      entities()
        .Activity.query.byDistrict({ districtId: district, schoolYear: input.year, status: input.status })
        .go({ limit: input.limit - items.length, order: "desc", cursor }),
    );
    items.push(...page.data.map(toInfo));
    if (items.length < input.limit) continue;
    const next = page.cursor ? { d: district, c: page.cursor } : districts[index + 1];
    if (!next) return { items, cursor: null };
    return { items, cursor: provinceCursor(typeof next === "string" ? { d: next, c: null } : next) };
  }
  return { items, cursor: null };
});

/**
 * The caller's own activities, newest first; only those they may still read (someone who left a
 * school keeps authorship but not access, as `get` answers).
 */
export const listMine = fn(PageInput, async (input): Promise<Page<Info>> => {
  const user = useUser();
  const page = await fromCursor(input.cursor, (cursor) =>
    entities().Activity.query.byOwner({ ownerId: user.userId }).go({ limit: input.limit, order: "desc", cursor }),
  );
  const items = page.data.map(toInfo).filter((activity) => can("activity.read", resource(activity)));
  return { items, cursor: page.cursor };
});

export const StatsInput = z.object({ school: School.Code, year: SchoolYear });

export const Stats = z
  .object({
    school: z.string(),
    year: z.string(),
    total: z.number().int(),
    areas: z.record(Area, z.object({ total: z.number().int(), byStatus: z.record(Status, z.number().int()) })),
  })
  .meta({ id: "ActivityStats" });
export type Stats = z.infer<typeof Stats>;

/**
 * Counts per area and status of a school-year, for dashboards. One Query over the school-year
 * partition projecting only area and status (a school has hundreds of activities a year, so
 * this costs the same read units as COUNT queries and needs no counters kept in step).
 */
export const stats = fn(StatsInput, async (input): Promise<Stats> => {
  const school = await schoolOrFail(input.school);
  assert("activity.read", { place: School.placeOf(school), schoolYear: input.year });
  const zero = () => Object.fromEntries(Status.options.map((s) => [s, 0])) as Record<Status, number>;
  const areas = Object.fromEntries(Area.options.map((a) => [a, { total: 0, byStatus: zero() }])) as Stats["areas"];
  const { data } = await entities()
    .Activity.query.bySchool({ schoolCode: school.code, schoolYear: input.year })
    .go({ attributes: ["area", "status"], pages: "all" });
  for (const row of data) {
    areas[row.area].total += 1;
    areas[row.area].byStatus[row.status] += 1;
  }
  return { school: school.code, year: input.year, total: data.length, areas };
});
