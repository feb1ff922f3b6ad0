/**
 * The calendar's personal data (privacy/hooks.ts): the person's iCalendar feed tokens (`byUser`;
 * a secret URL that opens their reminders) and their name on the edit history of calendars they
 * edited (found through the audit trail). Erasure deletes the tokens (the feed URL stops working)
 * and replaces the editor's name; the calendars stay.
 */
import { ERASED_NAME, type Person, type PersonalData } from "../privacy/hooks";
import { entities } from "./entities";

/** A calendar's key from its audit id (`programme.scope.year`, scope `tr` for the ministry). */
function keyOf(id: string) {
  const match = /^([a-z_]+)\.(.+)\.(\d{4}-\d{4})$/.exec(id);
  if (!match) return undefined;
  const [, programme = "", scope = "", schoolYear = ""] = match;
  const scopeType =
    scope === "tr"
      ? "national"
      : /^\d{2}$/.test(scope)
        ? "province"
        : /^\d{2}-/.test(scope)
          ? "district"
          : /^\d{6,8}$/.test(scope)
            ? "school"
            : "partnership";
  return { programme, scopeType, scopeId: scope === "tr" ? "-" : scope, schoolYear };
}

async function tokensOf(person: Person) {
  return (await entities().FeedToken.query.byUser({ userId: person.userId }).go({ pages: "all" })).data;
}

export const calendarData: PersonalData = {
  domain: "calendar",
  async export(person) {
    return { feedTokens: (await tokensOf(person)).map((t) => ({ createdAt: t.createdAt })) };
  },
  async erase(person) {
    const { FeedToken, History } = entities();
    let changed = 0;
    for (const t of await tokensOf(person)) {
      await FeedToken.delete({ token: t.token }).go();
      changed++;
    }
    for (const touched of person.touched.filter((t) => t.type === "calendar")) {
      const key = keyOf(touched.id);
      if (!key) continue;
      for (const h of (await History.query.byCalendar(key).go({ pages: "all" })).data) {
        if (h.byName === ERASED_NAME || (h.by !== person.userId && h.byName !== person.name)) continue;
        await History.patch({ ...key, version: h.version })
          .set({ byName: ERASED_NAME })
          .go();
        changed++;
      }
    }
    return changed;
  },
};
