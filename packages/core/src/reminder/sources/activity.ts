/**
 * BİGEP's activity source. Rule `activity.drafts` ("this school has no draft activities left"):
 * before the entry deadline, every owner of a draft or returned activity in the province is
 * pending, once per school; after it, the school's principal, district and province hear of it.
 * Reads: the province's districts (one Query), then per district one Query per status.
 */
import { undoneOfDistrict } from "../../activity/reminders";
import { District } from "../../org";
import { getMany } from "../../org/store";
import type { PendingItem, ReminderSource } from "../source";

export const activitySource: ReminderSource = {
  name: "bigep-activity",
  rules: ["activity.drafts"],
  async *pending(_milestone, ctx) {
    if (ctx.scope.type !== "province") return;
    const districts = await District.list({ province: ctx.scope.id });
    for (const district of districts.items) {
      // owner#school → counts; a district's undone records are few next to its schools × teachers.
      const byOwner = new Map<
        string,
        { ownerId: string; ownerName: string; school: string; drafts: number; returned: number }
      >();
      for await (const a of undoneOfDistrict(district.id, ctx.schoolYear)) {
        const key = `${a.ownerId}|${a.schoolCode}`;
        const entry = byOwner.get(key) ?? {
          ownerId: a.ownerId,
          ownerName: a.ownerName,
          school: a.schoolCode,
          drafts: 0,
          returned: 0,
        };
        if (a.status === "draft") entry.drafts++;
        else entry.returned++;
        byOwner.set(key, entry);
      }
      if (byOwner.size === 0) continue;
      const schools = await getMany([...new Set([...byOwner.values()].map((e) => e.school))]);
      for (const e of byOwner.values()) {
        const name = schools.get(e.school)?.name ?? e.school;
        const parts = [e.drafts ? `${e.drafts} taslak` : "", e.returned ? `${e.returned} iade edilmiş` : ""].filter(
          Boolean,
        );
        const item: PendingItem = {
          personId: e.ownerId,
          name: e.ownerName,
          item: {
            key: `${e.school}.${e.ownerId}`,
            title: `${name}: gönderilmemiş ${parts.join(", ")} etkinlik`,
            link: `/etkinlikler?okul=${e.school}&yil=${ctx.schoolYear}`,
          },
          escalation: { school: e.school, district: district.id, province: ctx.scope.id },
        };
        yield item;
      }
    }
  },
};
