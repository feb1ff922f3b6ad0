/**
 * The programmes the province seeder adds (bench/seed-programmes.ts) at a tiny scale: the review
 * round and the partnerships are what the domains' own operations read and work on.
 */
import { describe, expect, it } from "vitest";
import { seedProvince } from "../bench/seed";
import { programmeScale, seededProgrammes } from "../bench/seed-programmes";
import { withActor } from "../packages/core/src/actor";
import { School } from "../packages/core/src/org";
import { Dashboard } from "../packages/core/src/partnership";
import { eligibleTypes } from "../packages/core/src/partnership/fields";
import { Round } from "../packages/core/src/review";

const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "test" }, run);

describe("province seeder: programmes", () => {
  it("writes a district round the assignment can fill and partnerships the dashboard lists", async () => {
    // Prepare
    const scale = { districts: 3, schools: 6, users: 40, activities: 120 };
    const sizes = programmeScale(scale);

    // Act
    const seeded = await seedProvince(scale);
    const p = seededProgrammes();

    // Assess: the round takes the year's forwarded activities up to the scale's cap, the panel
    // has the scale's members in every district.
    const forwarded = seeded.schools.reduce((n, s) => n + (s.byStatus.district ?? 0), 0);
    expect(p.entries).toBe(Math.min(sizes.entries, forwarded));
    expect(p.panel).toHaveLength(scale.districts * sizes.panelPerDistrict);
    const round = await system(() => Round.get(p.roundId));
    expect(round).toMatchObject({ province: "10", year: seeded.year, level: "district", k: 3 });
    // District boards hold no school roles: nothing conflicts, so every entry gets k reviewers
    // (or the whole panel when it is smaller).
    const preview = await system(() => Round.previewAssignment({ roundId: p.roundId }));
    expect(preview.activities).toBe(p.entries);
    expect(preview.newPairs).toBe(p.entries * Math.min(3, p.panel.length));
    expect(preview.short).toEqual([]);

    // Every eligible school of the province with people takes part in one pair (up to the total).
    expect(p.partnerships).toBe(sizes.partnerships);
    const schools = await system(() => Promise.all(seeded.schools.map((s) => School.get(s.code))));
    const eligible = schools.filter((s) => s && (eligibleTypes as readonly string[]).includes(s.type)).length;
    expect(p.provincePartnerships).toBe(Math.min(sizes.partnerships, eligible));
    const dashboard = await system(() => Dashboard.get({ year: seeded.year, province: "10", limit: 50 }));
    expect(dashboard.totals.partnerships).toBe(p.provincePartnerships);
    for (const row of dashboard.items) {
      expect(new Set(row.schools.map((s) => s.province)).size).toBe(2);
      expect(row.schools.map((s) => s.province)).toContain("10");
    }
  });
});
