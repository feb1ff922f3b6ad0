/**
 * People's side of reminders: their preferences (programmes muted, digest on/off), one-click
 * unsubscribe by signed token (no sign-in; only the person the token names), the suppression
 * list fed by SES bounces and complaints, and the sent history of a milestone.
 */
import * as z from "zod";
import { assert } from "../access";
import { actor, useUser } from "../actor";
import { Audit } from "../audit";
import { Programme } from "../calendar/schema";
import { calendarScope } from "../calendar/templates";
import { put, transact } from "../db";
import { placeOrFail } from "../identity/scope";
import { now } from "../util/clock";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { fromCursor, type Page, PageInput, pageOf } from "../util/page";
import { normalizeEmail } from "../util/text";
import { entities } from "./entities";
import { verifyUnsubscribeToken } from "./token";

export const Preferences = z
  .object({
    /** Programmes whose (pre-deadline) reminders the person does not want. */
    muted: z.array(Programme).max(10),
    /** False: no reminder digests at all (escalations to the person's office still arrive). */
    digest: z.boolean(),
  })
  .meta({ id: "ReminderPreferences" });
export type Preferences = z.infer<typeof Preferences>;

const defaults: Preferences = { muted: [], digest: true };

async function read(userId: string): Promise<Preferences> {
  const { data } = await entities().Preference.get({ userId }).go();
  return data ? { muted: data.muted as Programme[], digest: data.digest } : defaults;
}

async function write(userId: string, prefs: Preferences, action: string): Promise<void> {
  await transact([
    put(entities().Preference.put({ userId, ...prefs, updatedAt: now().toISOString() })),
    await Audit.entry({
      action,
      entity: { type: "user", id: userId },
      scope: { type: "national", id: "" },
      place: {},
      data: { ...prefs },
    }),
  ]);
}

/** The caller's own preferences. */
export const mine = fn(z.object({}), async (): Promise<Preferences> => read(useUser().userId));

/** The caller sets their own preferences. */
export const setMine = fn(Preferences, async (prefs): Promise<Preferences> => {
  const { userId } = useUser();
  await write(userId, prefs, "reminder.preferences");
  return prefs;
});

/** One-click unsubscribe (RFC 8058): the token names the person; digests stop for them only. */
export const unsubscribe = fn(z.object({ token: z.string().min(10).max(400) }), async ({ token }): Promise<void> => {
  const userId = verifyUnsubscribeToken(token);
  if (!userId) throw new VisibleError("input", "invalid_token", "Bağlantı geçersiz.");
  const current = await read(userId);
  if (!current.digest) return;
  await write(userId, { ...current, digest: false }, "reminder.unsubscribe");
});

export const Suppression = z
  .object({
    email: z.string(),
    reason: z.enum(["bounce", "complaint", "manual"]),
    detail: z.string().optional(),
    at: z.string(),
  })
  .meta({ id: "Suppression" });
export type Suppression = z.infer<typeof Suppression>;
export const SuppressionPage = pageOf(Suppression).meta({ id: "SuppressionPage" });

/** System: an address goes on the suppression list (SES bounce/complaint). Idempotent. */
export async function suppress(input: {
  email: string;
  reason: Suppression["reason"];
  detail?: string;
}): Promise<void> {
  if (actor().type !== "system") throw new Error("suppress is system work");
  await entities()
    .Suppression.put({
      emailKey: normalizeEmail(input.email),
      list: "all",
      reason: input.reason,
      at: now().toISOString(),
      ...(input.detail ? { detail: input.detail.slice(0, 300) } : {}),
    })
    .go();
}

/** The suppression list, oldest first (platform admins: the list is national). */
export const suppressions = fn(PageInput, async ({ limit, cursor }): Promise<Page<Suppression>> => {
  assert("reminder.manage", { place: {} });
  const page = await fromCursor(cursor, (from) =>
    entities().Suppression.query.byList({ list: "all" }).go({ limit, cursor: from }),
  );
  return {
    items: page.data.map((s) => ({
      email: s.emailKey,
      reason: s.reason,
      at: s.at,
      ...(s.detail ? { detail: s.detail } : {}),
    })),
    cursor: page.cursor,
  };
});

export const SentInput = PageInput.extend({
  programme: Programme,
  schoolYear: SchoolYear,
  province: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional(),
  milestone: z.string().regex(/^[a-z0-9-]{1,40}$/),
});
export const Sent = z
  .object({ day: z.string(), personId: z.string(), email: z.string(), offset: z.string(), items: z.array(z.string()) })
  .meta({ id: "SentReminder" });
export type Sent = z.infer<typeof Sent>;
export const SentPage = pageOf(Sent).meta({ id: "SentReminderPage" });

/** Reminders sent for a milestone, by day (for the calendar's responsible officers). */
export const sent = fn(
  SentInput,
  async ({ programme, schoolYear, province, milestone, limit, cursor }): Promise<Page<Sent>> => {
    if (programme === "bigep" && !province) throw new VisibleError("input", "province_required", "İl seçilmeli.");
    const scope = calendarScope(programme, province);
    assert("reminder.manage", { place: scope.type === "national" ? {} : await placeOrFail(scope) }, { hide: true });
    const ref = `${programme}.${scope.id || "tr"}.${schoolYear}.${milestone}`;
    const page = await fromCursor(cursor, (from) =>
      entities().Ledger.query.byMilestone({ milestoneRef: ref }).go({ limit, cursor: from }),
    );
    return {
      items: page.data.map((l) => ({
        day: l.day,
        personId: l.personId,
        email: l.email,
        offset: l.offset,
        items: l.items as string[],
      })),
      cursor: page.cursor,
    };
  },
);
