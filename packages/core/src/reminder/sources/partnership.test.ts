import { expect, it } from "vitest";
import { withActor } from "../../actor";
import { partnershipTemplate } from "../../calendar/templates";
import { seedDemoUsers } from "../../identity";
import { seedDemo } from "../../org";
import { remindersView, seedDemoPartnerships } from "../../partnership/system";
import type { PendingItem, SourceContext } from "../source";
import { partnershipSource } from "./partnership";

const system = <T>(work: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, work);

async function pendingOf(step: string, ctx: SourceContext): Promise<PendingItem[]> {
  const milestone = partnershipTemplate(ctx.schoolYear).find((m) => m.id === step);
  if (!milestone) throw new Error(step);
  const out: PendingItem[] = [];
  for await (const item of partnershipSource.pending(milestone, ctx)) out.push(item);
  return out;
}

it("reminds only the coordinators of pairs whose plan is not prepared, and the I. grup coordinator until it is sent", async () => {
  // Prepare: the demo pairs — 710204+716101 plan submitted, 710104+716102 draft, 710105+716201 no plan.
  await seedDemo();
  await seedDemoUsers();
  await seedDemoPartnerships();
  const ctx: SourceContext = {
    programme: "okul-ortakligi",
    scope: { type: "national", id: "" },
    schoolYear: "2026-2027",
    asOf: "2026-09-20",
  };
  const rows = await system(async () => {
    const all = [];
    for await (const row of remindersView({ schoolYear: ctx.schoolYear })) all.push(row);
    return all;
  });
  const pairOf = (first: string) => rows.find((r) => r.schools.some((s) => s.code === first));
  const submitted = pairOf("710204");
  const draft = pairOf("710104");
  const none = pairOf("710105");

  // Act
  const prepared = await system(() => pendingOf("oop-4", ctx));
  const sent = await system(() => pendingOf("oop-5", ctx));
  const coordinatorsStep = await system(() => pendingOf("oop-3", ctx));

  // Assess: step 4 — both coordinators of the draft pair and of the pair without a plan.
  const keysOf = (items: PendingItem[]) => items.map((i) => i.item.key).sort();
  const everyone = (row: typeof draft) => (row?.coordinators ?? []).map((c) => `${row?.partnershipId}.${c.userId}`);
  const lead = (row: typeof draft) =>
    (row?.coordinators ?? [])
      .filter((c) => c.school === row?.leadSchool)
      .map((c) => `${row?.partnershipId}.${c.userId}`);
  expect(submitted && draft && none).toBeTruthy();
  expect(keysOf(prepared)).toEqual([...everyone(draft), ...everyone(none)].sort());
  // Step 5 — only the I. grup school's coordinator of each pair whose plan is not sent.
  expect(keysOf(sent)).toEqual([...lead(draft), ...lead(none)].sort());
  expect(sent.every((i) => i.escalation.school && i.escalation.district && i.escalation.province)).toBe(true);
  expect(prepared.some((i) => i.item.key.startsWith(`${submitted?.partnershipId}.`))).toBe(false);
  // Step 3 — every pair is created with its coordinators.
  expect(coordinatorsStep).toEqual([]);
});
