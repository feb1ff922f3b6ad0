/**
 * Calendars and reminders through the API: the board edits its calendar (If-Match, history,
 * audit), a one-click unsubscribe works without signing in and only for its person, a bounce
 * stops further mail, the iCalendar feed opens at its secret URL until rotated, and the clock's
 * Istanbul day decides which reminders a scheduled run sends.
 */
import type { Context, SNSEvent } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../packages/core/src/actor";
import { bigepTemplate, partnershipTemplate } from "../packages/core/src/calendar";
import { defineJob, Job } from "../packages/core/src/job";
import type { Message } from "../packages/core/src/mail";
import { seedDemo } from "../packages/core/src/org";
import { remindersJob } from "../packages/core/src/reminder";
import type { ReminderSource } from "../packages/core/src/reminder/source";
import { runReminders, unsubscribeToken } from "../packages/core/src/reminder/system";
import { istanbulDay } from "../packages/core/src/util/date";
import { app } from "../packages/functions/src/api/app";
import { handler as sesEvents } from "../packages/functions/src/jobs/ses-events";
import { type TestUser, userWith } from "./helpers/auth";

const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);
const year = "2026-2027";

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {}
  return { status: res.status, text, json, headers: res.headers };
}

/** A source where `people` are pending on the partnership plan step, with their addresses. */
function sourceFor(people: TestUser[]): ReminderSource {
  return {
    name: "test",
    rules: ["partnership.plan.prepared"],
    async *pending() {
      for (const p of people) {
        yield {
          personId: p.userId,
          email: p.email,
          item: { key: p.userId, title: "Eylem planı", link: "/x" },
          escalation: {},
        };
      }
    },
  };
}
const calendars = async (y: string) =>
  y === "2022-2023"
    ? [
        {
          programme: "okul-ortakligi" as const,
          scope: { type: "national" as const, id: "" },
          schoolYear: y,
          milestones: partnershipTemplate(y),
          version: 0,
        },
      ]
    : [];

beforeAll(async () => {
  await seedDemo();
});

describe("calendar editing", () => {
  it("the province board edits its BİGEP calendar with If-Match; a stale edit is 409; history and audit record it", async () => {
    // Prepare
    const board = await userWith([{ role: "province_board", scope: { type: "province", id: "10" } }]);
    const officer = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
    const district = await userWith([{ role: "district_board", scope: { type: "district", id: "10-altieylul" } }]);
    const path = `/api/calendar/programmes/bigep/${year}?province=10`;
    const read = await call("GET", path);
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"0"');
    const milestones = bigepTemplate(year).map((m) =>
      m.id === "bigep-ceremony" ? { ...m, from: "2027-06-14", to: "2027-06-14" } : m,
    );
    // Act
    const denied = await call("PUT", path, { ...district.headers, "if-match": '"0"' }, { milestones });
    const saved = await call("PUT", path, { ...board.headers, "if-match": '"0"' }, { milestones });
    const stale = await call("PUT", path, { ...board.headers, "if-match": '"0"' }, { milestones });
    // Assess
    expect(denied.status).toBe(403);
    expect(saved.status).toBe(200);
    expect(saved.json.version).toBe(1);
    expect((saved.json.milestones as { id: string; to: string }[]).find((m) => m.id === "bigep-ceremony")?.to).toBe(
      "2027-06-14",
    );
    expect(stale.status).toBe(409);
    const history = await call("GET", `/api/calendar/programmes/bigep/${year}/history?province=10`, board.headers);
    expect(history.json).toMatchObject([{ version: 1, changed: ["bigep-ceremony"] }]);
    const audit = await call("GET", "/api/audit?scope=province:10", officer.headers);
    const events = audit.json.items as { action: string }[];
    expect(events.some((e) => e.action === "calendar.update")).toBe(true);
  });

  it("the review-window provider owns the review milestones' dates", async () => {
    const { Calendar } = await import("../packages/core/src/calendar");
    const undo = Calendar.useReviewWindows(async () => ({ district: { from: "2024-05-13", to: "2024-05-24" } }));
    try {
      const cal = await Calendar.get({ programme: "bigep", schoolYear: "2023-2024", province: "10" });
      expect(cal.milestones.find((m) => m.id === "bigep-review-district")).toMatchObject({
        from: "2024-05-13",
        to: "2024-05-24",
        source: "review",
      });
      expect(cal.milestones.find((m) => m.id === "bigep-review-school")?.source).toBe("calendar");
    } finally {
      undo();
    }
  });
});

describe("unsubscribe and suppression", () => {
  it("a one-click unsubscribe works without signing in and only for the person it names", async () => {
    // Prepare
    const ayse = await userWith([{ role: "partnership_coordinator", scope: { type: "partnership", id: "p-u1" } }]);
    const mehmet = await userWith([{ role: "partnership_coordinator", scope: { type: "partnership", id: "p-u2" } }]);
    const token = unsubscribeToken(ayse.userId);
    const forged = `${Buffer.from(mehmet.userId).toString("base64url")}.${token.split(".")[1]}`;
    // Act
    const ok = await call("POST", `/api/reminders/unsubscribe?t=${encodeURIComponent(token)}`);
    const bad = await call("POST", `/api/reminders/unsubscribe?t=${encodeURIComponent(forged)}`);
    // Assess
    expect(ok.status).toBe(200);
    expect(bad.status).toBe(400);
    expect((await call("GET", "/api/reminders/preferences", ayse.headers)).json).toEqual({ muted: [], digest: false });
    expect((await call("GET", "/api/reminders/preferences", mehmet.headers)).json).toEqual({ muted: [], digest: true });
    const sent: Message[] = [];
    await system(() =>
      runReminders({
        asOf: "2022-09-16",
        sources: [sourceFor([ayse, mehmet])],
        calendars,
        send: async (m) => {
          sent.push(m);
        },
      }),
    );
    expect(sent.map((m) => m.to)).toEqual([mehmet.email]);
  });

  it("a bounce notification stops further mail to the address and shows on the admins' list", async () => {
    // Prepare
    const bouncing = await userWith([{ role: "partnership_coordinator", scope: { type: "partnership", id: "p-b1" } }]);
    const fine = await userWith([{ role: "partnership_coordinator", scope: { type: "partnership", id: "p-b2" } }]);
    const admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
    const provinceAdmin = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
    const event = {
      Records: [
        {
          Sns: {
            MessageId: "m1",
            Message: JSON.stringify({
              eventType: "Bounce",
              bounce: {
                bounceType: "Permanent",
                bounceSubType: "General",
                bouncedRecipients: [{ emailAddress: bouncing.email }],
              },
            }),
          },
        },
        {
          Sns: {
            MessageId: "m2",
            Message: JSON.stringify({
              eventType: "Bounce",
              bounce: { bounceType: "Transient", bouncedRecipients: [{ emailAddress: fine.email }] },
            }),
          },
        },
      ],
    } as unknown as SNSEvent;
    // Act
    await sesEvents(event, { awsRequestId: "r" } as Context);
    const sent: Message[] = [];
    const result = await system(() =>
      runReminders({
        asOf: "2022-09-23",
        sources: [sourceFor([bouncing, fine])],
        calendars,
        send: async (m) => {
          sent.push(m);
        },
      }),
    );
    // Assess
    expect(sent.map((m) => m.to)).toEqual([fine.email]);
    expect(result.skipped).toBe(1);
    const list = await call("GET", "/api/reminders/suppressions?limit=100", admin.headers);
    expect((list.json.items as { email: string; reason: string }[]).filter((s) => s.email === bouncing.email)).toEqual([
      expect.objectContaining({ email: bouncing.email, reason: "bounce" }),
    ]);
    expect((list.json.items as { email: string }[]).some((s) => s.email === fine.email)).toBe(false);
    expect((await call("GET", "/api/reminders/suppressions", provinceAdmin.headers)).status).toBe(403);
  });
});

describe("the Istanbul clock", () => {
  it("20:59:59Z and 21:00:00Z are two Istanbul days, and a scheduled run reminds by the Istanbul day", async () => {
    // Prepare: the 14-day reminder of the 30 September 2022 deadline is due on 16 September
    expect(istanbulDay(new Date("2022-09-15T20:59:59Z"))).toBe("2022-09-15");
    expect(istanbulDay(new Date("2022-09-15T21:00:00Z"))).toBe("2022-09-16");
    const person = await userWith([{ role: "partnership_coordinator", scope: { type: "partnership", id: "p-c1" } }]);
    const sent: { asOf: string; to: string }[] = [];
    const type = defineJob({
      ...remindersJob,
      type: `reminders-clock-${Math.random().toString(36).slice(2, 8)}`,
      run: async (ctx) => {
        await runReminders({
          asOf: ctx.asOf,
          sources: [sourceFor([person])],
          calendars,
          send: async (m) => {
            sent.push({ asOf: ctx.asOf, to: m.to });
          },
        });
        return ctx.asOf;
      },
    });
    const types = [type as never];
    // Act
    await system(() => Job.system.process({ type: type.type, scheduledAt: "2022-09-15T20:59:59Z" }, types));
    const before = [...sent];
    await system(() => Job.system.process({ type: type.type, scheduledAt: "2022-09-15T21:00:00Z" }, types));
    // Assess
    expect(before).toEqual([]);
    expect(sent).toEqual([{ asOf: "2022-09-16", to: person.email }]);
  });
});

describe("iCalendar feed", () => {
  it("opens at its secret URL without signing in and stops working once rotated", async () => {
    // Prepare
    const teacher = await userWith([{ role: "teacher", scope: { type: "school", id: "710204" } }]);
    const link = await call("GET", "/api/calendar/feed", teacher.headers);
    // Act
    const feed = await call("GET", link.json.path as string);
    const rotated = await call("POST", "/api/calendar/feed/rotate", teacher.headers);
    const old = await call("GET", link.json.path as string);
    const fresh = await call("GET", rotated.json.path as string);
    // Assess
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    expect(feed.text).toContain("BEGIN:VCALENDAR");
    // A teacher acts on the activity entry deadline of BİGEP in Balıkesir
    expect(feed.text).toContain("Etkinliklerin sisteme girilmesi");
    expect(old.status).toBe(404);
    expect(fresh.status).toBe(200);
  });
});
