/**
 * The province seeder (bench/seed.ts) at a tiny scale: what it writes is what the domains read
 * back through their public operations, in the numbers the scale asks for.
 */
import { describe, expect, it } from "vitest";
import { seedProvince, verify } from "../bench/seed";
import { Activity } from "../packages/core/src/activity";
import { withActor } from "../packages/core/src/actor";
import { School } from "../packages/core/src/org";

describe("province seeder", () => {
  it("writes the scale's districts, schools, people and activities so the domain operations read them", async () => {
    // Prepare
    const scale = { districts: 3, schools: 6, users: 40, activities: 120 };

    // Act
    const seeded = await seedProvince(scale);

    // Assess: counts follow from the scale (each person has one e-mail claim and one role).
    expect(seeded.counts.district).toBe(3);
    expect(seeded.counts.school).toBe(6);
    expect(seeded.counts.user).toBe(40);
    expect(seeded.counts.emailclaim).toBe(40);
    expect(seeded.counts.role).toBe(40);
    expect(seeded.counts.activity).toBe(120);
    // One history entry for the creation, one more for anything past draft.
    expect(seeded.counts.activityhistory).toBeGreaterThanOrEqual(120);
    expect(seeded.counts.activityhistory).toBeLessThanOrEqual(240);
    expect(seeded.schools.reduce((n, s) => n + s.staff.length, 0)).toBe(40 - 2 * 3);

    const checks = await verify(seeded);
    expect(checks).toHaveLength(8);

    const school = seeded.schools.find((s) => s.sample.length > 0);
    const id = school?.sample[0] ?? "";
    const activity = await withActor({ actor: { type: "system", reason: "test" }, requestId: "test" }, () =>
      Activity.get(id),
    );
    expect(activity).toMatchObject({ id, school: school?.code, district: school?.districtId, province: "10" });
    const stored = await withActor({ actor: { type: "system", reason: "test" }, requestId: "test" }, () =>
      School.get(school?.code ?? ""),
    );
    expect(stored?.districtId).toBe(school?.districtId);
  });
});
