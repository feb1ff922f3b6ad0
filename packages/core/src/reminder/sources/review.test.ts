import { expect, it } from "vitest";
import { seedDemoActivities } from "../../activity";
import { withActor } from "../../actor";
import { Calendar } from "../../calendar";
import { bigepTemplate } from "../../calendar/templates";
import { attachDemoPhoto } from "../../evidence/system";
import { seedDemoUsers } from "../../identity";
import { seedDemo } from "../../org";
import { seedDemoReviews } from "../../review";
import { pendingByReviewer } from "../../review/system";
import { schoolYearOf } from "../../util/date";
import type { PendingItem, SourceContext } from "../source";
import { reviewSource } from "./review";

const system = <T>(work: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, work);

it("reminds each reviewer of an open round's level who still has unsubmitted assignments, and no one else", async () => {
  // Prepare: the demo — approved activities, a rubric per area and one school round, assigned.
  await seedDemo();
  await seedDemoUsers();
  await seedDemoActivities(attachDemoPhoto);
  await seedDemoReviews();
  const schoolYear = schoolYearOf(new Date());
  const ctx: SourceContext = {
    programme: "bigep",
    scope: { type: "province", id: "10" },
    schoolYear,
    asOf: "2027-03-01",
  };
  const rows = await system(() => pendingByReviewer({ province: "10", schoolYear }));
  const collect = async (rule: string) => {
    const milestone = bigepTemplate(schoolYear).find((m) => m.rule === rule);
    if (!milestone) throw new Error(rule);
    const out: PendingItem[] = [];
    for await (const item of reviewSource.pending(milestone, ctx)) out.push(item);
    return out;
  };

  // Act
  const school = await system(() => collect("review.school"));
  const district = await system(() => collect("review.district"));
  const calendar = await system(() => Calendar.get({ programme: "bigep", schoolYear, province: "10" }));

  // Assess: nobody has scored yet, so every assigned reviewer of the school round is pending.
  const expected = rows.filter((r) => r.level === "school" && r.pending > 0).map((r) => `${r.roundId}.${r.reviewerId}`);
  expect(expected.length).toBeGreaterThan(0);
  expect(school.map((i) => i.item.key).sort()).toEqual(expected.sort());
  expect(district).toEqual([]);
  // The calendar's school review window is the round's (one source of truth); the others stay.
  const { window } = rows.find((r) => r.level === "school") ?? { window: { from: "", to: "" } };
  const schoolStep = calendar.milestones.find((m) => m.rule === "review.school");
  expect(schoolStep).toMatchObject({ source: "review", from: window.from.slice(0, 10) });
  expect(calendar.milestones.find((m) => m.rule === "review.district")?.source).toBe("calendar");
});
