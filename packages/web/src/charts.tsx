/**
 * A report's charts on screen: the same `Chart` specs and the same ECharts options the PDF uses
 * (`chartOption` from core), so the dashboard and the files never disagree. ECharts is loaded
 * only when a chart is shown (its own chunk, not the app's first load). Under every chart its
 * figures as a table: readable by screen readers and on any printer.
 */
import { type Chart, chartOption } from "@bigep/core/shared";
import { useEffect, useRef } from "react";
import { TableBox } from "./ui";

type ECharts = { setOption(option: unknown): void; resize(): void; dispose(): void };

let loading: Promise<(el: HTMLElement) => ECharts> | undefined;

/** ECharts' bar charts and SVG renderer, loaded once on first use. */
function echarts(): Promise<(el: HTMLElement) => ECharts> {
  loading ??= import("./echarts-bar").then((m) => m.initChart as unknown as (el: HTMLElement) => ECharts);
  return loading;
}

function ChartView({ chart }: { chart: Chart }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let instance: ECharts | undefined;
    let observer: ResizeObserver | undefined;
    let gone = false;
    void echarts().then((init) => {
      if (gone || !box.current) return;
      instance = init(box.current);
      instance.setOption({ ...chartOption(chart, { animation: false }), tooltip: { trigger: "axis" } });
      observer = new ResizeObserver(() => instance?.resize());
      observer.observe(box.current);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, [chart]);
  const many = chart.series.length > 1;
  return (
    <figure className="chart" data-chart={chart.id}>
      <div ref={box} className="chart-canvas" role="img" aria-label={chart.title} />
      <figcaption>
        <TableBox label={`${chart.title} — veriler`}>
          <table aria-label={`${chart.title} — veriler`}>
            <thead>
              <tr>
                <th scope="col">{chart.title}</th>
                {chart.series.map((s) => (
                  <th key={s.name} scope="col">
                    {many ? s.name : "Sayı"}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {chart.series.map((s) => (
                    <td key={s.name} className="mono">
                      {(s.values[i] ?? 0).toLocaleString("tr-TR")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      </figcaption>
    </figure>
  );
}

/** Every chart of a report run, in the report's order. */
export function ReportCharts({ charts }: { charts: Chart[] }) {
  if (charts.length === 0) return <p className="muted">Bu raporda grafik yok.</p>;
  return (
    <div className="charts">
      {charts.map((chart) => (
        <ChartView key={chart.id} chart={chart} />
      ))}
    </div>
  );
}
