import { describe, expect, it } from "vitest";
import { DESTRUCTION_INTERVAL_DAYS, isDue, retention, schoolYearEnd } from "./retention";

describe("retention", () => {
  it("ends a school year at midnight of 31 August in Istanbul (21:00 UTC)", () => {
    expect(schoolYearEnd("2025-2026").toISOString()).toBe("2026-08-31T21:00:00.000Z");
    expect(() => schoolYearEnd("2025")).toThrow(RangeError);
  });

  it("keeps evidence of 2023-2024 for exactly 730 days after that year ends", () => {
    // 2024-08-31T21:00Z + 730 days (no 29 February in between) = 2026-08-31T21:00Z.
    const start = schoolYearEnd("2023-2024");

    expect(isDue("evidence", start, new Date("2026-08-31T20:59:59Z"))).toBe(false);
    expect(isDue("evidence", start, new Date("2026-08-31T21:00:00Z"))).toBe(false);
    expect(isDue("evidence", start, new Date("2026-08-31T21:00:01Z"))).toBe(true);
  });

  it("removes audit IPs after 180 days and sign-in records after 90", () => {
    const at = new Date("2026-01-01T12:00:00Z");

    expect(isDue("auditIp", at, new Date("2026-06-30T12:00:00Z"))).toBe(false); // day 180
    expect(isDue("auditIp", at, new Date("2026-06-30T12:00:01Z"))).toBe(true);
    expect(isDue("signIn", at, new Date("2026-04-01T12:00:01Z"))).toBe(true); // 90 days + 1 s
  });

  it("runs destruction at least every six months, as KVKK requires, and every rule is positive", () => {
    expect(DESTRUCTION_INTERVAL_DAYS).toBeLessThanOrEqual(183);
    for (const rule of Object.values(retention)) expect(rule.days).toBeGreaterThan(0);
  });
});
