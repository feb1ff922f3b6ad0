/**
 * A person's view of the calendars: the milestones that concern them (their roles act on them)
 * coming up, and the same as an iCalendar feed at a secret URL that they can rotate. Which
 * calendars: BİGEP of every province the person works in; the partnership programme's when
 * they hold a role it names (or principal/admin/ministry).
 */
import { randomBytes } from "node:crypto";
import * as z from "zod";
import { type Grant, type Role, useUser } from "../actor";
import { placeOf } from "../identity/scope";
import { now } from "../util/clock";
import { istanbulDay } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { loadCalendar } from "./calendar";
import { entities } from "./entities";
import { type Calendar, Milestone, Programme, programmeNames } from "./schema";

const partnershipRoles: readonly Role[] = [
  "partnership_coordinator",
  "zumre_head",
  "principal",
  "admin",
  "ministry_officer",
];

function schoolYearOfDay(day: string): string {
  const y = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
}

function nextYear(year: string): string {
  const y = Number(year.slice(0, 4)) + 1;
  return `${y}-${y + 1}`;
}

/** The calendars and roles that concern the holder of `grants`. */
async function concerning(grants: readonly Grant[], years: string[]): Promise<{ cals: Calendar[]; roles: Set<Role> }> {
  const roles = new Set(grants.map((g) => g.role));
  const provinces = new Set<string>();
  for (const g of grants) {
    if (g.scope.type === "national") provinces.add("10");
    else if (g.scope.type !== "partnership") {
      const place = await placeOf(g.scope);
      if (place?.province) provinces.add(place.province);
    }
  }
  const cals: Calendar[] = [];
  for (const schoolYear of years) {
    if ([...roles].some((r) => partnershipRoles.includes(r))) {
      cals.push(await loadCalendar({ programme: "okul-ortakligi", schoolYear }));
    }
    for (const province of [...provinces].sort())
      cals.push(await loadCalendar({ programme: "bigep", schoolYear, province }));
  }
  return { cals, roles };
}

export const Upcoming = z
  .object({
    programme: Programme,
    programmeName: z.string(),
    schoolYear: z.string(),
    province: z.string().optional(),
    milestone: Milestone,
    /** Days from today to the deadline. */
    daysLeft: z.number().int(),
    /** The person's roles act on it (otherwise it is shown for information). */
    mine: z.boolean(),
  })
  .meta({ id: "UpcomingMilestone" });
export type Upcoming = z.infer<typeof Upcoming>;

function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The caller's upcoming milestones (deadline today or later, within `days`), soonest first. */
export const upcoming = fn(
  z.object({ days: z.coerce.number().int().min(1).max(366).default(60) }),
  async ({ days }): Promise<Upcoming[]> => {
    const user = useUser();
    const today = istanbulDay(now());
    const year = schoolYearOfDay(today);
    const { cals, roles } = await concerning(user.grants, [year, nextYear(year)]);
    const out: Upcoming[] = [];
    for (const cal of cals) {
      for (const m of cal.milestones) {
        const left = daysFrom(today, m.to);
        if (left < 0 || left > days || daysFrom(today, m.from) > days) continue;
        out.push({
          programme: cal.programme,
          programmeName: programmeNames[cal.programme],
          schoolYear: cal.schoolYear,
          ...(cal.scope.type === "province" ? { province: cal.scope.id } : {}),
          milestone: m,
          daysLeft: left,
          mine: roles.has(m.actor.role) || roles.has("admin"),
        });
      }
    }
    return out.sort((a, b) => a.daysLeft - b.daysLeft || Number(b.mine) - Number(a.mine));
  },
);

export const FeedLink = z.object({ token: z.string(), path: z.string() }).meta({ id: "CalendarFeedLink" });
export type FeedLink = z.infer<typeof FeedLink>;

function link(token: string): FeedLink {
  return { token, path: `/api/calendar/feed/${token}` };
}

/** The caller's feed URL (created on first use). */
export const myFeed = fn(z.object({}), async (): Promise<FeedLink> => {
  const { userId } = useUser();
  const { data } = await entities().FeedToken.query.byUser({ userId }).go({ order: "desc", limit: 1 });
  const current = data[0];
  return current ? link(current.token) : rotateFor(userId);
});

async function rotateFor(userId: string): Promise<FeedLink> {
  const { FeedToken } = entities();
  const { data } = await FeedToken.query.byUser({ userId }).go({ limit: 10 });
  const token = randomBytes(24).toString("base64url");
  await FeedToken.create({ token, userId, createdAt: now().toISOString() }).go();
  // The old URL stops working: that is what rotating is for.
  for (const old of data) await FeedToken.delete({ token: old.token }).go();
  return link(token);
}

/** A new secret URL; the old one stops working. */
export const rotate = fn(z.object({}), async (): Promise<FeedLink> => rotateFor(useUser().userId));

export const FeedToken = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

/** The iCalendar text of the feed a token opens (public: the token is the secret). */
export const ics = fn(FeedToken, async (token): Promise<string> => {
  const { FeedToken: Tokens } = entities();
  const { data } = await Tokens.get({ token }).go();
  if (!data) throw new VisibleError("not_found", "not_found", "Takvim bulunamadı.");
  const grants = await grantsOf(data.userId);
  const year = schoolYearOfDay(istanbulDay(now()));
  const { cals, roles } = await concerning(grants, [year, nextYear(year)]);
  const { createEvents } = await import("ics");
  const events = cals.flatMap((cal) =>
    cal.milestones
      .filter((m) => roles.has(m.actor.role) || roles.has("admin"))
      .map((m) => {
        const [fy, fm, fd] = m.from.split("-").map(Number) as [number, number, number];
        const after = new Date(Date.parse(`${m.to}T00:00:00Z`) + 86_400_000);
        return {
          uid: `${cal.programme}.${cal.scope.id || "tr"}.${cal.schoolYear}.${m.id}@bigep`,
          title: `${programmeNames[cal.programme]}: ${m.title}`,
          start: [fy, fm, fd] as [number, number, number],
          end: [after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate()] as [number, number, number],
          calName: "BİGEP takvimi",
          productId: "bigep/takvim",
        };
      }),
  );
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error("ics: empty");
  return value;
});

async function grantsOf(userId: string): Promise<Grant[]> {
  const { grantsOfUser } = await import("../identity/directory");
  return grantsOfUser(userId);
}
