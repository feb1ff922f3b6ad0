/**
 * BİGEP's activity reminder source against the activity domain: owners of drafts and returned
 * records are pending for the entry deadline (once per school), escalating to their school,
 * district and province; an owner whose records are all submitted is not.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../packages/core/src/actor";
import { bigepTemplate } from "../packages/core/src/calendar";
import { seedDemo } from "../packages/core/src/org";
import type { PendingItem } from "../packages/core/src/reminder";
import { activitySource } from "../packages/core/src/reminder/sources/activity";
import { app } from "../packages/functions/src/api/app";
import { userWith } from "./helpers/auth";
import { activityBody } from "./helpers/fixtures";

const year = "2026-2027";

async function create(headers: Record<string, string>, school: string): Promise<string> {
  const res = await app.request("/api/activities", {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(activityBody(school, year)),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  await seedDemo();
});

describe("BİGEP activity reminder source", () => {
  it("lists owners with undone records once per school, with their escalation scope; finished owners are absent", async () => {
    // Prepare: one teacher leaves two drafts; another submits their only record
    const slow = await userWith([{ role: "teacher", scope: { type: "school", id: "710204" } }]);
    const done = await userWith([{ role: "teacher", scope: { type: "school", id: "710104" } }]);
    await create(slow.headers, "710204");
    await create(slow.headers, "710204");
    const id = await create(done.headers, "710104");
    const submit = await app.request(`/api/activities/${id}/transitions`, {
      method: "POST",
      headers: { ...done.headers, "content-type": "application/json" },
      body: JSON.stringify({ action: "submit" }),
    });
    expect(submit.status).toBe(200);
    const milestone = bigepTemplate(year).find((m) => m.rule === "activity.drafts")!;
    // Act
    const items: PendingItem[] = [];
    await withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, async () => {
      for await (const item of activitySource.pending(milestone, {
        programme: "bigep",
        scope: { type: "province", id: "10" },
        schoolYear: year,
        asOf: "2027-04-16",
      })) {
        items.push(item);
      }
    });
    // Assess
    const mine = items.filter((i) => i.personId === slow.userId || i.personId === done.userId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      personId: slow.userId,
      escalation: { school: "710204", district: "10-altieylul", province: "10" },
    });
    expect(mine[0]!.item.title).toContain("2 taslak");
  });
});
