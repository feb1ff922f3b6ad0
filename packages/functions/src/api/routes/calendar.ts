/**
 * Programme calendars and people's reminders: read a calendar (public dates), edit it (the
 * responsible board; If-Match), its edit history, the caller's upcoming deadlines and iCalendar
 * feed (a secret URL, rotatable), notification preferences, one-click unsubscribe (public,
 * signed token), the suppression list (admins) and the sent history of a milestone.
 */
import { Calendar, CalendarInfo, Feed, Milestone, Programme } from "@bigep/core/calendar";
import { Reminder } from "@bigep/core/reminder";
import { SchoolYear } from "@bigep/core/util/date";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, IfMatchHeader, ifMatch, json, PageQuery, router } from "../lib";

const Path = z.object({
  programme: Programme.meta({ example: "bigep" }),
  year: SchoolYear.meta({ example: "2026-2027" }),
});
const ProvinceQuery = z.object({
  province: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional()
    .openapi({ description: "İl plaka kodu (BİGEP takvimi için)", example: "10" }),
});
const keyOf = ({ programme, year }: z.infer<typeof Path>, { province }: { province?: string | undefined }) => ({
  programme,
  schoolYear: year,
  ...(province ? { province } : {}),
});

/** Mounted at /api/calendar. */
export const calendar = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/programmes/{programme}/{year}",
      tags: ["calendar"],
      operationId: "getCalendar",
      security: [],
      summary: "Bir programın o yılki takvimi (herkese açık; ETag: sürüm, 0 = şablon)",
      request: { params: Path, query: ProvinceQuery },
      responses: { 200: json(CalendarInfo, "Takvim"), ...errors(400) },
    }),
    async (c) => {
      const cal = await Calendar.get(keyOf(c.req.valid("param"), c.req.valid("query")));
      c.header("ETag", `"${cal.version}"`);
      return c.json(cal, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/programmes/{programme}/{year}",
      tags: ["calendar"],
      operationId: "updateCalendar",
      summary: "Takvimi düzenle (sorumlu kurul; If-Match zorunlu, eski sürümde 409)",
      request: {
        params: Path,
        query: ProvinceQuery,
        headers: IfMatchHeader,
        body: {
          content: { "application/json": { schema: z.object({ milestones: z.array(Milestone) }) } },
          required: true,
        },
      },
      responses: { 200: json(CalendarInfo, "Kaydedildi"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const version = ifMatch(c.req.valid("header")["if-match"], 0);
      const cal = await Calendar.update({
        ...keyOf(c.req.valid("param"), c.req.valid("query")),
        version,
        milestones: c.req.valid("json").milestones,
      });
      c.header("ETag", `"${cal.version}"`);
      return c.json(cal, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/programmes/{programme}/{year}/history",
      tags: ["calendar"],
      operationId: "getCalendarHistory",
      summary: "Takvimdeki düzenlemeler, yeniden eskiye (takvimi düzenleyebilenler)",
      request: { params: Path, query: ProvinceQuery },
      responses: { 200: json(z.array(Calendar.HistoryEntry), "Düzenlemeler"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await Calendar.history(keyOf(c.req.valid("param"), c.req.valid("query"))), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/programmes/{programme}/{year}/sent",
      tags: ["calendar"],
      operationId: "listSentReminders",
      summary: "Bir kilometre taşı için gönderilen hatırlatmalar (il yöneticileri)",
      request: {
        params: Path,
        query: ProvinceQuery.extend(PageQuery.shape).extend({
          milestone: z
            .string()
            .regex(/^[a-z0-9-]{1,40}$/)
            .openapi({ example: "bigep-entry" }),
        }),
      },
      responses: { 200: json(Reminder.SentPage, "Gönderilenler"), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { milestone, limit, cursor } = c.req.valid("query");
      return c.json(
        await Reminder.sent({
          ...keyOf(c.req.valid("param"), c.req.valid("query")),
          milestone,
          ...(limit ? { limit } : {}),
          ...(cursor ? { cursor } : {}),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/upcoming",
      tags: ["calendar"],
      operationId: "listUpcomingDeadlines",
      summary: "Oturumdaki kişinin yaklaşan son tarihleri (rollerine göre)",
      request: { query: z.object({ days: z.coerce.number().int().min(1).max(366).optional() }) },
      responses: { 200: json(z.array(Feed.Upcoming), "Yaklaşanlar, en yakını önce"), ...errors(400, 401) },
    }),
    async (c) => {
      const { days } = c.req.valid("query");
      return c.json(await Feed.upcoming(days ? { days } : {}), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/feed",
      tags: ["calendar"],
      operationId: "getMyCalendarFeed",
      summary: "Kişinin iCalendar akışının gizli adresi (ilk istekte oluşturulur)",
      responses: { 200: json(Feed.FeedLink, "Akış adresi"), ...errors(401) },
    }),
    async (c) => c.json(await Feed.myFeed({}), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/feed/rotate",
      tags: ["calendar"],
      operationId: "rotateMyCalendarFeed",
      summary: "Akışa yeni gizli adres ver (eskisi çalışmaz)",
      responses: { 200: json(Feed.FeedLink, "Yeni adres"), ...errors(401) },
    }),
    async (c) => c.json(await Feed.rotate({}), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/feed/{token}",
      tags: ["calendar"],
      operationId: "getCalendarFeed",
      security: [],
      summary: "iCalendar akışı (adres gizlidir; oturum gerekmez)",
      request: { params: z.object({ token: Feed.FeedToken }) },
      responses: {
        200: { description: "text/calendar", content: { "text/calendar": { schema: z.string() } } },
        ...errors(400, 404),
      },
    }),
    async (c) => {
      const body = await Feed.ics(c.req.valid("param").token);
      return c.body(body, 200, {
        "content-type": "text/calendar; charset=utf-8",
        "cache-control": "private, max-age=300",
      });
    },
  );

/** Mounted at /api/reminders. */
export const reminders = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/preferences",
      tags: ["reminders"],
      operationId: "getReminderPreferences",
      summary: "Kişinin bildirim tercihleri",
      responses: { 200: json(Reminder.Preferences, "Tercihler"), ...errors(401) },
    }),
    async (c) => c.json(await Reminder.mine({}), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/preferences",
      tags: ["reminders"],
      operationId: "setReminderPreferences",
      summary: "Bildirim tercihlerini kaydet (hangi programlar, özet e-posta açık/kapalı)",
      request: { body: { content: { "application/json": { schema: Reminder.Preferences } }, required: true } },
      responses: { 200: json(Reminder.Preferences, "Kaydedildi"), ...errors(400, 401) },
    }),
    async (c) => c.json(await Reminder.setMine(c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/unsubscribe",
      tags: ["reminders"],
      operationId: "unsubscribeReminders",
      security: [],
      summary: "Tek tıkla hatırlatmalardan çık (RFC 8058; imzalı bağlantı, oturum gerekmez, yalnızca o kişi için)",
      request: { query: z.object({ t: z.string().min(10).max(400) }) },
      responses: { 200: json(z.object({ ok: z.literal(true) }), "Çıkıldı"), ...errors(400) },
    }),
    async (c) => {
      await Reminder.unsubscribe({ token: c.req.valid("query").t });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/suppressions",
      tags: ["reminders"],
      operationId: "listSuppressions",
      summary: "E-posta gönderilmeyen adresler (geri dönen, şikâyet eden; platform yöneticileri)",
      request: { query: PageQuery },
      responses: { 200: json(Reminder.SuppressionPage, "Liste"), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      return c.json(await Reminder.suppressions({ ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) }), 200);
    },
  );
