/// <reference path="./render/vendor.d.ts" />
/**
 * Chart options built from a report's `Chart` spec, for Apache ECharts. Pure (no ECharts import):
 * the PDF renders the option to SVG on the server (ECharts' SSR SVG renderer) and the web draws the
 * same option in the dashboard, so the screen and the file show the same figures the same way.
 */
import type { Chart } from "./section";

/** Dimensions the PDF draws charts at (points). */
export const chartSize = { width: 500, height: 260 } as const;

export function chartOption(chart: Chart, options: { animation?: boolean } = {}) {
  const many = chart.labels.length > 8;
  return {
    animation: options.animation ?? false,
    title: { text: chart.title, left: "center", textStyle: { fontSize: 13, fontFamily: "DejaVu Sans" } },
    textStyle: { fontFamily: "DejaVu Sans" },
    legend: chart.series.length > 1 ? { bottom: 0, textStyle: { fontSize: 9 } } : undefined,
    grid: { left: 48, right: 16, top: 40, bottom: chart.series.length > 1 ? (many ? 90 : 40) : many ? 70 : 30 },
    xAxis: {
      type: "category" as const,
      data: chart.labels,
      axisLabel: { fontSize: 9, interval: 0, rotate: many ? 45 : 0 },
    },
    yAxis: { type: "value" as const, minInterval: 1, axisLabel: { fontSize: 9 } },
    series: chart.series.map((s) => ({
      type: "bar" as const,
      name: s.name,
      data: s.values,
      stack: chart.series.length > 1 ? "total" : undefined,
    })),
  };
}

let loading: Promise<typeof import("echarts/core")> | undefined;

/**
 * ECharts' core with only what `chartOption` draws (bar series, simple grid, title, plain legend,
 * SVG renderer), as the web's `echarts-bar.ts` does. The whole `echarts` entry registers every
 * chart and component: measured here, importing it took 1.4–2.5 s of a report job, this 0.4–0.55 s,
 * and the SVG is byte for byte the same. The `lib/chart/*` and `lib/component/*` modules are
 * ECharts' public side-effect entries (each registers itself; listed in its package exports).
 */
function echartsCore() {
  loading ??= (async () => {
    const core = await import("echarts/core");
    await import("echarts/lib/chart/bar");
    await import("echarts/lib/component/gridSimple");
    await import("echarts/lib/component/title");
    await import("echarts/lib/component/legendPlain");
    const { SVGRenderer } = await import("echarts/renderers");
    core.use([SVGRenderer]);
    return core;
  })();
  return loading;
}

/** The chart as an SVG string (server side; ECharts loaded on use). */
export async function chartSvg(chart: Chart): Promise<string> {
  const echarts = await echartsCore();
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, ...chartSize });
  instance.setOption(chartOption(chart));
  const svg = instance.renderToSVGString();
  instance.dispose();
  return svg;
}
