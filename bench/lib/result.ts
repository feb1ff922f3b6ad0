/**
 * One benchmark figure as `bench/results.json` stores it. Every timed figure has a baseline
 * measured in the same run on the same machine (these machines are shared and noisy), and the
 * budget is stated against it. Informational figures have no budget and always pass.
 */
export type Result = {
  /** Chart and table group (one SVG chart per group). */
  group: string;
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** value / baseline, when there is a baseline. */
  ratio: number | null;
  /** The budget in words, e.g. "ratio ≤ 1.5" or "≤ baseline + 60 ms"; null for information. */
  budget: string | null;
  pass: boolean;
  /** How it was measured, or why it failed. */
  note?: string;
};

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** A figure with a budget on its ratio to the baseline. */
export function ratioResult(
  group: string,
  name: string,
  value: number,
  unit: string,
  baseline: number,
  maxRatio: number,
  note?: string,
): Result {
  const ratio = baseline > 0 ? value / baseline : Number.POSITIVE_INFINITY;
  return {
    group,
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(ratio),
    budget: `ratio ≤ ${maxRatio}`,
    pass: ratio <= maxRatio,
    ...(note ? { note } : {}),
  };
}

/** A figure with an absolute budget (sizes, counts). */
export function maxResult(
  group: string,
  name: string,
  value: number,
  unit: string,
  max: number,
  note?: string,
): Result {
  return {
    group,
    name,
    value: round(value),
    unit,
    baseline: null,
    ratio: null,
    budget: `≤ ${max.toLocaleString("en-US")}${unit === "count" ? "" : ` ${unit}`}`,
    pass: value <= max,
    ...(note ? { note } : {}),
  };
}

/** A figure reported for information (no budget). */
export function info(
  group: string,
  name: string,
  value: number,
  unit: string,
  baseline: number | null = null,
  note?: string,
): Result {
  return {
    group,
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
    budget: null,
    pass: true,
    ...(note ? { note } : {}),
  };
}

/** A group that could not run: one failing figure saying why. */
export function failed(group: string, error: unknown): Result {
  const message = error instanceof Error ? error.message : String(error);
  return {
    group,
    name: `${group}: did not complete`,
    value: 0,
    unit: "",
    baseline: null,
    ratio: null,
    budget: "completes",
    pass: false,
    note: message,
  };
}

/** The q-quantile (0..1) of the samples, nearest-rank. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (samples: number[]) => quantile(samples, 0.5);
