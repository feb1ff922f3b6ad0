/**
 * The audit log: who did what, when, in which scope, under which request. Every write and
 * every sign-in (success and failure) records one event. Readable by the admins of a scope.
 */
import type { EntityItem } from "electrodb";
import * as z from "zod";
import { assert, scopeContains } from "../access";
import { context, type Place, Scope } from "../actor";
import { put, type TxItem, transact } from "../db";
import { placeOf, placeOrFail } from "../identity/scope";
import { fromStored, ScopeText, toStored } from "../identity/scope-fields";
import { now } from "../util/clock";
import { istanbulDay, previousDay } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema, KeySafe } from "../util/id";
import { fromCursor, type Page, PageInput } from "../util/page";
import { entities } from "./entities";

export const EntityRef = z.object({ type: z.string().regex(/^[a-z_]{1,32}$/), id: KeySafe });
export type EntityRef = z.infer<typeof EntityRef>;

export const Info = z
  .object({
    id: z.string(),
    at: z.string(),
    action: z.string(),
    entity: EntityRef,
    scope: Scope,
    actor: z.object({ type: z.string(), id: z.string().optional(), name: z.string().optional() }),
    requestId: z.string(),
    data: z.unknown().optional(),
  })
  .meta({ id: "AuditEvent" });
export type Info = z.infer<typeof Info>;

export const RecordInput = z.object({
  /** Dotted verb, e.g. `user.invite`, `auth.signin.failed`. */
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*$/)
    .max(64),
  entity: EntityRef,
  scope: Scope,
  /** Small, non-secret details (changed fields, reasons). */
  data: z.record(z.string(), z.unknown()).optional(),
  /**
   * Where the scope sits, when the writer knows it better than the store does (a school being
   * created in this very transaction, or moved to another district). Defaults to the stored place.
   */
  place: z
    .object({
      province: z.string().optional(),
      district: z.string().optional(),
      school: z.string().optional(),
      partnership: z.string().optional(),
    })
    .optional(),
});
export type RecordInput = z.input<typeof RecordInput>;

/**
 * The audit event of a write, as an item of that write's transaction (`transact([...,
 * await Audit.entry(...)])`), so the change and its record are stored together or not at all.
 * The actor, request id and client IP come from the current context.
 */
export async function entry(input: RecordInput): Promise<TxItem> {
  return put((await build(input)).chain);
}

/**
 * Appends one event on its own. For events that are not part of a data change (sign-in
 * attempts, downloads, reads of personal data); a write records its event with `entry`.
 */
export const record = fn(RecordInput, async (input): Promise<Info> => {
  const { chain, info } = await build(input);
  await transact([put(chain)]);
  return info;
});

/**
 * As `entry`, with the place given instead of looked up and without validation of the input:
 * for bulk writers (the school import job) that know the place — a school being created has
 * none to look up yet — and would otherwise pay one read per row.
 */
export function entryAt(input: z.output<typeof RecordInput> & { place: Place }): TxItem {
  return put(buildAt(input, input.place).chain);
}

async function build(input: RecordInput) {
  const parsed = RecordInput.parse(input);
  return buildAt(parsed, parsed.place ?? (await placeOf(parsed.scope)) ?? {});
}

function buildAt({ action, entity, scope, data }: z.output<typeof RecordInput>, place: Place) {
  const { actor, requestId, ip } = context();
  const instant = now();
  const at = instant.toISOString();
  const id = createId("audit");
  const day = istanbulDay(instant);
  const chain = entities().Event.create({
    eventId: id,
    at,
    day,
    ...buckets(scope, place, day, id),
    action,
    entityType: entity.type,
    entityId: entity.id,
    ...toStored(scope),
    place,
    actorType: actor.type,
    ...(actor.type === "user" ? { actorId: actor.userId, actorName: actor.name } : {}),
    ...(actor.type === "system" ? { actorName: actor.reason } : {}),
    requestId,
    ...(ip ? { ip } : {}),
    ...(data ? { data } : {}),
  });
  const info: Info = {
    id,
    at,
    action,
    entity,
    scope,
    actor: actor.type === "user" ? { type: "user", id: actor.userId, name: actor.name } : { type: actor.type },
    requestId,
    ...(data ? { data } : {}),
  };
  return { chain, info };
}

/**
 * Partitions a day of the national scope's own events is spread over. Anonymous sign-in attempts
 * are filed there at whatever rate callers send them; eight partitions take 8,000 writes a second
 * before DynamoDB throttles, and a national page reads eight small Queries.
 */
export const nationalShards = 8;

function shardOf(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return (hash >>> 0) % nationalShards;
}

/** The index partitions (of one Istanbul day) an event is filed in, besides its entity and actor. */
function buckets(scope: Scope, place: Place, day: string, id: string) {
  return {
    scopeBucket: scope.type === "national" ? `${day}/${shardOf(id)}` : day,
    ...(place.district ? { districtBucket: `${place.district}/${day}` } : {}),
    ...(place.province ? { provinceBucket: `${place.province}/${day}` } : {}),
  };
}

type Item = EntityItem<ReturnType<typeof entities>["Event"]>;

function toInfo(item: Item): Info {
  return {
    id: item.eventId,
    at: item.at,
    action: item.action,
    entity: { type: item.entityType, id: item.entityId },
    scope: fromStored(item),
    actor: {
      type: item.actorType,
      ...(item.actorId ? { id: item.actorId } : {}),
      ...(item.actorName ? { name: item.actorName } : {}),
    },
    requestId: item.requestId,
    ...(item.data !== undefined ? { data: item.data } : {}),
  };
}

const maxRangeDays = 31;

export const ListInput = PageInput.extend({
  entity: z
    .string()
    .max(200)
    .transform((text, ctx) => {
      const [type, ...rest] = text.split(":");
      const parsed = EntityRef.safeParse({ type, id: rest.join(":") });
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: "Geçersiz kayıt (tür:kimlik)." });
        return z.NEVER;
      }
      return parsed.data;
    })
    .optional(),
  actor: z
    .string()
    .regex(/^usr_[0-9A-HJKMNP-TV-Z]{26}$/)
    .optional(),
  scope: ScopeText,
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}).refine((q) => !(q.entity && q.actor), { message: "entity ve actor birlikte verilemez." });

/**
 * Events newest first, always within one scope the caller administers (`audit.read`; 404
 * otherwise, before anything is read): of one entity, or by one actor (events filed anywhere
 * inside the scope), or else the scope's view in a time range (at most 31 days): for a province
 * or district everything inside it, its schools' events included; for others their own events.
 */
export const list = fn(ListInput, async (input): Promise<Page<Info>> => {
  const { scope } = input;
  assert("audit.read", { place: await placeOrFail(scope) }, { hide: true });
  const inside = (item: Item) => scopeContains(scope, item.place as Place);
  const { Event } = entities();
  const options = (cursor: string | null) => ({ limit: input.limit, order: "desc" as const, cursor });
  if (input.entity) {
    const { type, id } = input.entity;
    const page = await fromCursor(input.cursor, (cursor) =>
      Event.query.byEntity({ entityType: type, entityId: id }).go(options(cursor)),
    );
    return { items: page.data.filter(inside).map(toInfo), cursor: page.cursor };
  }
  if (input.actor) {
    const actorId = input.actor;
    const page = await fromCursor(input.cursor, (cursor) => Event.query.byActor({ actorId }).go(options(cursor)));
    return { items: page.data.filter(inside).map(toInfo), cursor: page.cursor };
  }
  return byScope(scope, input);
});

/**
 * The partitions holding one Istanbul day of a scope's view: a province or district sees
 * everything filed inside it (schools included), a school or partnership its own events, the
 * ministry its own (sharded) events.
 */
function partitions(scope: Scope, day: string) {
  const { Event } = entities();
  switch (scope.type) {
    case "province":
      return [Event.query.inProvince({ provinceBucket: `${scope.id}/${day}` })];
    case "district":
      return [Event.query.inDistrict({ districtBucket: `${scope.id}/${day}` })];
    case "national":
      return Array.from({ length: nationalShards }, (_, shard) =>
        Event.query.byScope({ ...toStored(scope), scopeBucket: `${day}/${shard}` }),
      );
    default:
      return [Event.query.byScope({ ...toStored(scope), scopeBucket: day })];
  }
}

const newestFirst = (a: Item, b: Item) =>
  a.at === b.at ? b.eventId.localeCompare(a.eventId) : b.at.localeCompare(a.at);

/**
 * A scope's view in [from, to], newest first. Day by day (Istanbul days) from `to` back to
 * `from`; within a day one Query per partition (one, or eight for the ministry) bounded above by
 * the cursor, which is the position of the last event returned (day, time, id), so pages never
 * repeat or skip an event however many partitions a day has.
 */
async function byScope(scope: Scope, input: z.output<typeof ListInput>): Promise<Page<Info>> {
  const to = input.to ? new Date(input.to) : now();
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - 7 * 86_400_000);
  if (from > to || to.getTime() - from.getTime() > maxRangeDays * 86_400_000) {
    throw new VisibleError("input", "invalid_range", `Zaman aralığı en çok ${maxRangeDays} gün olabilir.`);
  }
  const position = decodeCursor(input.cursor);
  const lastDay = istanbulDay(from);
  let day = position?.day ?? istanbulDay(to);
  let after = position;
  const items: Item[] = [];
  while (day >= lastDay) {
    const need = input.limit - items.length;
    const upper = after ? { at: after.at, eventId: after.id } : { at: `${to.toISOString()}~` };
    const pages = await Promise.all(
      partitions(scope, day).map((query) =>
        query.between({ at: from.toISOString() }, upper).go({ limit: need + 1, order: "desc" }),
      ),
    );
    const found = pages
      .flatMap((page) => page.data)
      .filter((item) => item.eventId !== after?.id && item.at <= to.toISOString())
      .sort(newestFirst);
    items.push(...found.slice(0, need));
    const last = items.at(-1);
    if (found.length > need && last) return { items: items.map(toInfo), cursor: encodeCursor(day, last) };
    if (items.length >= input.limit && last) {
      return { items: items.map(toInfo), cursor: previousDay(day) >= lastDay ? encodeCursor(day, last) : null };
    }
    day = previousDay(day);
    after = undefined;
  }
  return { items: items.map(toInfo), cursor: null };
}

type Position = { day: string; at: string; id: string };

function encodeCursor(day: string, item: Item): string {
  return Buffer.from(JSON.stringify({ day, at: item.at, id: item.eventId })).toString("base64url");
}

function decodeCursor(text: string | undefined): Position | undefined {
  if (!text) return undefined;
  try {
    return z
      .object({
        day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        at: z.iso.datetime(),
        id: idSchema("audit"),
      })
      .parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new VisibleError("input", "invalid_cursor", "Geçersiz imleç.");
  }
}
