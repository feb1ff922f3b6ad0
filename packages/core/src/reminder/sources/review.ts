/**
 * BİGEP's review source (rules `review.school|district|province`): every reviewer of the
 * province's rounds at that level with assignments not yet submitted, read from
 * `review/system.ts` `pendingByReviewer` (the province's rounds, then each round's assignments).
 * A reviewer belongs to a board, not to one school, so an overdue review escalates to the province.
 */
import { pendingByReviewer } from "../../review/system";
import type { PendingItem, ReminderSource } from "../source";

const levels = { "review.school": "school", "review.district": "district", "review.province": "province" } as const;
const levelNames = { school: "okul", district: "ilçe", province: "il" } as const;

export const reviewSource: ReminderSource = {
  name: "review",
  rules: ["review.school", "review.district", "review.province"],
  async *pending(milestone, ctx) {
    const level = levels[milestone.rule as keyof typeof levels];
    if (!level || ctx.scope.type !== "province") return;
    const rows = await pendingByReviewer({ province: ctx.scope.id, schoolYear: ctx.schoolYear });
    for (const row of rows) {
      if (row.level !== level || row.pending === 0) continue;
      const item: PendingItem = {
        personId: row.reviewerId,
        item: {
          key: `${row.roundId}.${row.reviewerId}`,
          title: `${levelNames[level]} değerlendirme turu: puanlanmamış ${row.pending} etkinlik`,
          link: "/",
        },
        escalation: { province: ctx.scope.id },
      };
      yield item;
    }
  },
};
