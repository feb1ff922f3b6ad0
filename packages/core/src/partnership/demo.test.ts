import { expect, it } from "vitest";
import { withActor } from "../actor";
import { seedDemoUsers } from "../identity";
import { seedDemo } from "../org";
import { seedDemoPartnerships, yearSummary } from "./system";

it("seeds three demo pairs across Balıkesir and Trabzon in different states, once", async () => {
  await seedDemo();
  await seedDemoUsers();
  const first = await seedDemoPartnerships();
  const again = await seedDemoPartnerships();
  const summary = await withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, () =>
    yearSummary({ scope: { type: "province", id: "61" }, schoolYear: "2026-2027" }),
  );
  expect([first, again]).toEqual([3, 0]);
  expect(summary.totals).toMatchObject({ partnerships: 3, plans: { submitted: 1, draft: 1 } });
});
