/**
 * The audit log: who did what, when, in which scope, under which request. Every write and
 * every sign-in (success and failure) records one event. Readable by the admins of a scope.
 */
import type { EntityItem } from "electrodb";
import * as z from "zod";
import { assert, scopeContains } from "../access";
import { context, type Place, Scope } from "../actor";
import { put, type TxItem, transact } from "../db";
import { fromStored, placeOf, placeOrFail, ScopeText, toStored } from "../identity/scope";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, KeySafe } from "../util/id";
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

async function build(input: RecordInput) {
  const { action, entity, scope, data } = RecordInput.parse(input);
  const { actor, requestId, ip } = context();
  const at = now().toISOString();
  const id = createId("audit");
  const place: Place = (await placeOf(scope)) ?? {};
  const chain = entities().Event.create({
    eventId: id,
    at,
    day: at.slice(0, 10),
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
 * inside the scope), or else the scope's own events in a time range (at most 31 days).
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

async function byScope(scope: Scope, input: z.output<typeof ListInput>): Promise<Page<Info>> {
  const to = input.to ? new Date(input.to) : now();
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - 7 * 86_400_000);
  if (from > to || to.getTime() - from.getTime() > maxRangeDays * 86_400_000) {
    throw new VisibleError("input", "invalid_range", `Zaman aralığı en çok ${maxRangeDays} gün olabilir.`);
  }
  const position = decodeCursor(input.cursor);
  const lastDay = from.toISOString().slice(0, 10);
  let day = position?.day ?? to.toISOString().slice(0, 10);
  let cursor = position?.cursor ?? null;
  const items: Info[] = [];
  while (day >= lastDay) {
    const page = await fromCursor(cursor ?? undefined, (start) =>
      entities()
        .Event.query.byScope({ ...toStored(scope), day })
        .between({ at: from.toISOString() }, { at: `${to.toISOString()}~` })
        .go({ limit: input.limit - items.length, order: "desc", cursor: start }),
    );
    items.push(...page.data.map(toInfo));
    if (page.cursor) return { items, cursor: encodeCursor(day, page.cursor) };
    day = previousDay(day);
    cursor = null;
    if (items.length >= input.limit) return { items, cursor: day >= lastDay ? encodeCursor(day, null) : null };
  }
  return { items, cursor: null };
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function encodeCursor(day: string, cursor: string | null): string {
  return Buffer.from(JSON.stringify({ day, cursor })).toString("base64url");
}

function decodeCursor(text: string | undefined): { day: string; cursor: string | null } | undefined {
  if (!text) return undefined;
  try {
    const value = z
      .object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), cursor: z.string().nullable() })
      .parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return value;
  } catch {
    throw new VisibleError("input", "invalid_cursor", "Geçersiz imleç.");
  }
}

export { entryAt } from "./entry";
