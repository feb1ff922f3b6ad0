/**
 * Done-when replay: the partnership programme's 2022-2023 calendar, day by day from 1 August
 * 2022 to 30 September 2023, over a small fixture of partnerships in different states. The
 * expected e-mails are computed here from the programme text's dates (Eylül 2022 → by 30
 * September 2022; Temmuz 2023 → 31 July; Ağustos 2023 → 31 August), the reminder rule (14, 7,
 * 3, 1 days ahead) and the escalation rule (day after: principal; +7: district; +14: province),
 * and the fixture — not from the implementation.
 */
import { describe, expect, it } from "vitest";
import { withActor } from "../actor";
import type { Calendar } from "../calendar/schema";
import { partnershipTemplate } from "../calendar/templates";
import type { Message } from "../mail";
import { type Directory, runReminders } from "./run";
import type { PendingItem, ReminderSource } from "./source";

const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);

type State = { coord?: string; planPrep?: string; planSub?: string; repPrep?: string; repSub?: string };
type Partnership = { id: string; state: State };
const sides = ["a", "b"] as const;
type Side = (typeof sides)[number];

/** A fixture of partnerships with people whose ids carry `prefix` (each test its own). */
function fixture(prefix: string, partnerships: Partnership[]) {
  const province = (s: Side) => (s === "a" ? "10" : "61");
  const school = (p: string, s: Side) => `${prefix}${p}${s}`;
  const district = (p: string, s: Side) => `${province(s)}-${prefix}${p}${s}`;
  const email = (id: string) => `${id}@test.bigep`;
  const principal = (p: string, s: Side) => `pr-${school(p, s)}`;
  const coordinator = (p: string, s: Side) => `co-${school(p, s)}`;
  const districtOfficer = (p: string, s: Side) => `do-${district(p, s)}`;
  const provinceOfficer = (s: Side) => `po-${prefix}${province(s)}`;
  const done = (day: string | undefined, asOf: string) => day !== undefined && day <= asOf;

  /** The TEST source: what a partnership reminders view would say, built on the fixture. */
  const source: ReminderSource = {
    name: "test-partnership",
    rules: [
      "partnership.coordinators",
      "partnership.plan.prepared",
      "partnership.plan.submitted",
      "partnership.report.prepared",
      "partnership.report.submitted",
    ],
    async *pending(milestone, ctx) {
      const field: Record<string, keyof State> = {
        "partnership.coordinators": "coord",
        "partnership.plan.prepared": "planPrep",
        "partnership.plan.submitted": "planSub",
        "partnership.report.prepared": "repPrep",
        "partnership.report.submitted": "repSub",
      };
      const key = field[milestone.rule];
      if (!key) return;
      for (const p of partnerships) {
        if (done(p.state[key], ctx.asOf)) continue;
        // Coordinators are chosen by principals; the plan and report are prepared by both
        // schools' coordinators and sent by the I. grup school's (side a).
        const who: Side[] = key === "planSub" || key === "repSub" ? ["a"] : ["a", "b"];
        for (const s of who) {
          const byPrincipal = key === "coord";
          const personId = byPrincipal ? principal(p.id, s) : coordinator(p.id, s);
          const item: PendingItem = {
            personId,
            email: email(personId),
            name: personId,
            item: { key: `${p.id}.${s}`, title: `Ortaklık ${p.id} (${s})`, link: `/ortakliklar/${p.id}` },
            // A principal's own item does not escalate to themselves.
            escalation: {
              ...(byPrincipal ? {} : { school: school(p.id, s) }),
              district: district(p.id, s),
              province: province(s),
            },
          };
          yield item;
        }
      }
    },
  };

  const directory: Directory = {
    holders: async (role, scope) => {
      const id =
        role === "principal"
          ? `pr-${scope.id}`
          : role === "district_officer"
            ? `do-${scope.id}`
            : role === "province_officer"
              ? `po-${prefix}${scope.id}`
              : undefined;
      return id ? [{ personId: id, email: email(id), name: id }] : [];
    },
    person: async (id) => ({ personId: id, email: email(id), name: id }),
  };

  const calendars = async (year: string): Promise<Calendar[]> =>
    year === "2022-2023"
      ? [
          {
            programme: "okul-ortakligi",
            scope: { type: "national", id: "" },
            schoolYear: year,
            milestones: partnershipTemplate(year),
            version: 0,
          },
        ]
      : [];

  /** Expected (day, address) pairs, computed from the programme text's dates and the fixture. */
  function expected(from: string, to: string): string[] {
    // Deadlines as the programme text writes them: steps 3–5 "Eylül 2022", 8 "Temmuz 2023", 9 "Ağustos 2023".
    const steps: { key: keyof State; deadline: string }[] = [
      { key: "coord", deadline: "2022-09-30" },
      { key: "planPrep", deadline: "2022-09-30" },
      { key: "planSub", deadline: "2022-09-30" },
      { key: "repPrep", deadline: "2023-07-31" },
      { key: "repSub", deadline: "2023-08-31" },
    ];
    const shift = (day: string, n: number) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const mails = new Set<string>();
    for (let day = from; day <= to; day = shift(day, 1)) {
      for (const step of steps) {
        const reminderDays = [14, 7, 3, 1].map((n) => shift(step.deadline, -n));
        for (const p of partnerships) {
          const doneDay = p.state[step.key];
          if (doneDay !== undefined && doneDay <= day) continue;
          const actors: Side[] = step.key === "planSub" || step.key === "repSub" ? ["a"] : ["a", "b"];
          for (const s of actors) {
            const actor = step.key === "coord" ? principal(p.id, s) : coordinator(p.id, s);
            if (reminderDays.includes(day)) mails.add(`${day} ${email(actor)}`);
            if (day === shift(step.deadline, 1) && step.key !== "coord")
              mails.add(`${day} ${email(principal(p.id, s))}`);
            if (day === shift(step.deadline, 8)) mails.add(`${day} ${email(districtOfficer(p.id, s))}`);
            if (day === shift(step.deadline, 15)) mails.add(`${day} ${email(provinceOfficer(s))}`);
          }
        }
      }
    }
    return [...mails].sort();
  }
  return { source, directory, calendars, expected, email, coordinator, principal };
}

const states: Partnership[] = [
  // Finishes every step early: never reminded.
  {
    id: "p1",
    state: {
      coord: "2022-09-05",
      planPrep: "2022-09-10",
      planSub: "2022-09-12",
      repPrep: "2023-07-05",
      repSub: "2023-08-03",
    },
  },
  // Late with the plan (escalated to the principal only), late with the report.
  {
    id: "p2",
    state: {
      coord: "2022-09-20",
      planPrep: "2022-09-28",
      planSub: "2022-10-03",
      repPrep: "2023-07-29",
      repSub: "2023-09-05",
    },
  },
  // Never does anything: every reminder and every escalation.
  { id: "p3", state: {} },
  // Sends the plan on the deadline day; never prepares a report but sends one mid-August.
  { id: "p4", state: { coord: "2022-09-01", planPrep: "2022-09-24", planSub: "2022-09-30", repSub: "2023-08-20" } },
];

function collector() {
  const sent: { day: string; message: Message }[] = [];
  let day = "";
  return {
    sent,
    at: (d: string) => {
      day = d;
    },
    send: async (message: Message) => {
      sent.push({ day, message });
    },
  };
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
    out.push(d);
  return out;
}

describe("reminder replay of the partnership programme's 2022-2023 calendar", () => {
  it("sends exactly the expected digests from 1 August 2022 to 30 September 2023, and a same-day rerun sends nothing", async () => {
    // Prepare
    const f = fixture("r", states);
    const mail = collector();
    // Act
    for (const day of days("2022-08-01", "2023-09-30")) {
      mail.at(day);
      await system(() =>
        runReminders({
          asOf: day,
          sources: [f.source],
          directory: f.directory,
          calendars: f.calendars,
          send: mail.send,
        }),
      );
    }
    // Assess: count, recipients and days
    const got = mail.sent.map((s) => `${s.day} ${s.message.to}`).sort();
    const want = f.expected("2022-08-01", "2023-09-30");
    expect(want.length).toBeGreaterThan(30);
    expect(got).toEqual(want);
    // nobody who had finished: p1 people never appear
    expect(got.filter((g) => g.includes("p1"))).toEqual([]);
    // reminders carry one-click unsubscribe; escalations (duties) do not
    const reminder = mail.sent.find((s) => s.day === "2022-09-16");
    expect(reminder?.message.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const escalation = mail.sent.find((s) => s.day === "2022-10-01");
    expect(escalation?.message.headers).toBeUndefined();
    expect(escalation?.message.text).toContain("gecikti");

    // Act: the same day again
    const before = mail.sent.length;
    mail.at("2022-09-16");
    const again = await system(() =>
      runReminders({
        asOf: "2022-09-16",
        sources: [f.source],
        directory: f.directory,
        calendars: f.calendars,
        send: mail.send,
      }),
    );
    // Assess
    expect(mail.sent.length).toBe(before);
    expect(again.committed).toBe(0);
    expect(again.alreadyDone).toBe(want.filter((w) => w.startsWith("2022-09-16")).length);
  }, 600_000);

  it("a run killed half-way and run again sends the rest exactly once", async () => {
    // Prepare: 14 days before the September deadline, nobody of p3 has acted
    const f = fixture("k", states);
    const day = "2022-09-16";
    const want = f.expected(day, day);
    expect(want.length).toBeGreaterThanOrEqual(4);
    const mail = collector();
    mail.at(day);
    const options = { asOf: day, sources: [f.source], directory: f.directory, calendars: f.calendars, send: mail.send };
    // Act: the process dies after the second committed digest, before draining anything
    await expect(
      system(() =>
        runReminders({
          ...options,
          afterCommit: (n) => {
            if (n === 2) throw new Error("killed");
          },
        }),
      ),
    ).rejects.toThrow("killed");
    expect(mail.sent).toEqual([]);
    const rerun = await system(() => runReminders(options));
    // Assess
    expect(rerun.alreadyDone).toBe(2);
    expect(mail.sent.map((s) => `${s.day} ${s.message.to}`).sort()).toEqual(want);
  });

  it("two concurrent runs of one day send every digest once", async () => {
    // Prepare
    const f = fixture("c", states);
    const day = "2022-09-23";
    const mail = collector();
    mail.at(day);
    const options = { asOf: day, sources: [f.source], directory: f.directory, calendars: f.calendars, send: mail.send };
    // Act
    const [one, two] = await Promise.all([system(() => runReminders(options)), system(() => runReminders(options))]);
    // Assess
    const want = f.expected(day, day);
    expect(mail.sent.map((s) => `${s.day} ${s.message.to}`).sort()).toEqual(want);
    expect(one.committed + two.committed).toBe(want.length);
  });

  it("a failed send stays in the outbox and the next drain delivers it once", async () => {
    // Prepare: SES refuses the first attempt of every message
    const f = fixture("s", states);
    const day = "2022-09-27";
    const mail = collector();
    mail.at(day);
    const failing = async () => {
      throw new Error("SES throttled");
    };
    // Act
    const first = await system(() =>
      runReminders({ asOf: day, sources: [f.source], directory: f.directory, calendars: f.calendars, send: failing }),
    );
    const second = await system(() =>
      runReminders({ asOf: day, sources: [f.source], directory: f.directory, calendars: f.calendars, send: mail.send }),
    );
    // Assess
    const want = f.expected(day, day);
    expect(first.sent).toBe(0);
    expect(second.committed).toBe(0);
    expect(mail.sent.map((s) => `${s.day} ${s.message.to}`).sort()).toEqual(want);
  });
});
