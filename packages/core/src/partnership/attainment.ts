/**
 * Indicator attainment, computed live from the plan's indicators and the recorded actuals.
 *
 * - value: the sum of the year's actuals (`sum` indicators: joint exams held) or the newest
 *   actual (`latest`: a pass rate); undefined while nothing is recorded.
 * - attainment of a `sum` indicator: value / target; of a `latest` one: the share of the way from
 *   baseline to target covered, (value − baseline) / (target − baseline) — so a target below the
 *   baseline (fewer absences) works the same way. Clamped to 0–100 %, one decimal.
 * - an item's attainment is the mean of its indicators', the plan's the mean of its items' (items
 *   without indicators do not count). Nothing recorded counts as 0 %.
 */
import type { StoredItem } from "./fields";

export type ActualPoint = { indicatorId: string; date: string; value: number };

export type IndicatorAttainment = {
  indicatorId: string;
  itemId: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  owner: string;
  value: number | null;
  percent: number;
};
export type ItemAttainment = {
  itemId: string;
  title: string;
  percent: number | null;
  indicators: IndicatorAttainment[];
};
export type PlanAttainment = { percent: number | null; items: ItemAttainment[] };

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number) => Math.min(100, Math.max(0, x));
const mean = (xs: number[]) => (xs.length ? round1(xs.reduce((s, x) => s + x, 0) / xs.length) : null);

/** Percent of target reached (see the module comment for the rule). */
export function percentOf(
  indicator: { baseline: number; target: number; aggregate: "sum" | "latest" },
  value: number | null,
): number {
  if (value === null) return 0;
  if (indicator.aggregate === "sum") {
    if (indicator.target <= 0) return value >= indicator.target ? 100 : 0;
    return round1(clamp((value / indicator.target) * 100));
  }
  return round1(clamp(((value - indicator.baseline) / (indicator.target - indicator.baseline)) * 100));
}

/** Attainment of every indicator, item and the plan, from the actuals of the year. */
export function attainment(items: readonly StoredItem[], actuals: readonly ActualPoint[]): PlanAttainment {
  const byIndicator = new Map<string, ActualPoint[]>();
  for (const a of actuals) byIndicator.set(a.indicatorId, [...(byIndicator.get(a.indicatorId) ?? []), a]);
  const result = items.map((item): ItemAttainment => {
    const indicators = item.indicators.map((ind): IndicatorAttainment => {
      const points = byIndicator.get(ind.id) ?? [];
      let value: number | null = null;
      if (points.length) {
        value =
          ind.aggregate === "sum"
            ? points.reduce((s, p) => s + p.value, 0)
            : [...points].sort((x, y) => x.date.localeCompare(y.date)).at(-1)!.value;
      }
      return {
        indicatorId: ind.id,
        itemId: item.id,
        name: ind.name,
        unit: ind.unit,
        baseline: ind.baseline,
        target: ind.target,
        owner: ind.owner,
        value,
        percent: percentOf(ind, value),
      };
    });
    return { itemId: item.id, title: item.title, percent: mean(indicators.map((i) => i.percent)), indicators };
  });
  return { percent: mean(result.flatMap((i) => (i.percent === null ? [] : [i.percent]))), items: result };
}
