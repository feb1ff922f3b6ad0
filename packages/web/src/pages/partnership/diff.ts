/** Differences between two versions of a joint action plan, as sentences a coordinator reads. */
import type { PartnershipStoredItem } from "@bigep/core/shared";

const fields: [keyof PartnershipStoredItem, string][] = [
  ["title", "başlık"],
  ["topic", "konu başlığı"],
  ["activityType", "faaliyet türü"],
  ["description", "açıklama"],
  ["schools", "sorumlu okullar"],
  ["zumre", "zümre"],
  ["from", "başlangıç"],
  ["to", "bitiş"],
  ["people", "kişiler"],
];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Items added, removed and changed from `before` to `after` (matched by item and indicator id). */
export function diffPlans(before: readonly PartnershipStoredItem[], after: readonly PartnershipStoredItem[]): string[] {
  const out: string[] = [];
  const old = new Map(before.map((i) => [i.id, i]));
  const next = new Set(after.map((i) => i.id));
  for (const item of after) {
    const was = old.get(item.id);
    if (!was) {
      out.push(`Eklendi: ${item.title}`);
      continue;
    }
    const what = fields.filter(([key]) => !same(was[key], item[key])).map(([, label]) => label);
    const oldInd = new Map(was.indicators.map((i) => [i.id, i]));
    for (const ind of item.indicators) {
      const prior = oldInd.get(ind.id);
      if (!prior) what.push(`yeni gösterge "${ind.name}"`);
      else if (prior.target !== ind.target) what.push(`"${ind.name}" hedefi ${prior.target} → ${ind.target}`);
      else if (!same(prior, ind)) what.push(`"${ind.name}" göstergesi`);
    }
    const kept = new Set(item.indicators.map((i) => i.id));
    for (const ind of was.indicators) if (!kept.has(ind.id)) what.push(`çıkarılan gösterge "${ind.name}"`);
    if (what.length) out.push(`Değişti: ${item.title} (${what.join(", ")})`);
  }
  for (const item of before) if (!next.has(item.id)) out.push(`Çıkarıldı: ${item.title}`);
  return out;
}
