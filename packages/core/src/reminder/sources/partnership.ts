/**
 * The partnership programme's source (rules `partnership.*` of the nine-step calendar), read from
 * `partnership/system.ts` `remindersView` (four cohort Queries, then each pair's plan and report).
 * - `plan.prepared` / `report.prepared`: both coordinators, while the year's plan (report) is not
 *   started, a draft or returned.
 * - `plan.submitted` / `report.submitted`: the I. grup school's coordinator, until it is submitted.
 * - `coordinators`: a pair is created with a coordinator at each school, so never pending.
 * Escalation goes to the coordinator's own school, district and province.
 */
import { type ReminderRow, remindersView } from "../../partnership/system";
import type { PendingItem, ReminderSource } from "../source";

type Status = ReminderRow["plan"];
const notPrepared = (s: Status) => s === null || s === "draft" || s === "returned";
const notSubmitted = (s: Status) => notPrepared(s) || s === "agreed";

const what = {
  "partnership.plan.prepared": { of: "plan", done: notPrepared, lead: false, text: "ortak eylem planı hazırlanmadı" },
  "partnership.plan.submitted": { of: "plan", done: notSubmitted, lead: true, text: "ortak eylem planı gönderilmedi" },
  "partnership.report.prepared": {
    of: "report",
    done: notPrepared,
    lead: false,
    text: "değerlendirme raporu hazırlanmadı",
  },
  "partnership.report.submitted": {
    of: "report",
    done: notSubmitted,
    lead: true,
    text: "değerlendirme raporu gönderilmedi",
  },
} as const;

export const partnershipSource: ReminderSource = {
  name: "partnership",
  rules: [
    "partnership.coordinators",
    "partnership.plan.prepared",
    "partnership.plan.submitted",
    "partnership.report.prepared",
    "partnership.report.submitted",
  ],
  async *pending(milestone, ctx) {
    if (milestone.rule === "partnership.coordinators" || !(milestone.rule in what)) return;
    const rule = what[milestone.rule as keyof typeof what];
    for await (const row of remindersView({ schoolYear: ctx.schoolYear })) {
      // `done` names the predicate "still undone" for this rule.
      if (!rule.done(row[rule.of])) continue;
      const people = rule.lead ? row.coordinators.filter((c) => c.school === row.leadSchool) : row.coordinators;
      const pair = row.schools.map((s) => s.code).join(" – ");
      for (const person of people) {
        const school = row.schools.find((s) => s.code === person.school);
        const item: PendingItem = {
          personId: person.userId,
          item: {
            key: `${row.partnershipId}.${person.userId}`,
            title: `${pair} ortaklığı: ${rule.text}`,
            link: `/ortakliklar/${row.partnershipId}`,
          },
          escalation: school ? { school: school.code, district: school.district, province: school.province } : {},
        };
        yield item;
      }
    }
  },
};
