/**
 * A review round record for tests that write rounds straight to the table (certificates,
 * reports): a province round of Balıkesir 2026-2027 with neutral settings; tests override what
 * they are about. Used only by tests.
 */
import type { EntityItem } from "electrodb";
import type { entities } from "./entities";

type RoundRecord = EntityItem<ReturnType<typeof entities>["Round"]>;

export function roundRecord(overrides: Partial<RoundRecord> & Pick<RoundRecord, "roundId">): RoundRecord {
  return {
    provinceCode: "10",
    schoolYear: "2026-2027",
    level: "province",
    name: "İl turu",
    opensAt: "2027-04-01T09:00",
    closesAt: "2027-05-01T17:00",
    k: 3,
    threshold: 20,
    rankBy: "raw",
    allowOwnDistrict: false,
    promotion: {},
    mentions: 1,
    rubrics: {},
    createdBy: "system",
    createdAt: "2027-03-01T00:00:00.000Z",
    version: 1,
    ...overrides,
  };
}
