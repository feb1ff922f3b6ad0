/**
 * The part of ECharts the dashboard uses: bar charts drawn as SVG with title, legend, grid and
 * tooltip. Static named imports let the bundler keep only these (≈ a third of ECharts); the module
 * is loaded on demand by `charts.tsx`, so the app's first load does not carry it.
 */
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, TitleComponent, LegendComponent, GridComponent, TooltipComponent, SVGRenderer]);

/** An ECharts instance drawing SVG into `el`. */
export const initChart = (el: HTMLElement) => init(el, null, { renderer: "svg" });
