/** The school-year dashboard: how many activities each award area has, in which status, with CSS bars. */
import { memo, useEffect, useState } from "react";
import { areaNames, areas, statuses, statusNames } from "./activity";
import { api, request } from "./api";
import { TableBox } from "./ui";

type Stats = Awaited<ReturnType<typeof fetchStats>>;

const fetchStats = (school: string, year: string) =>
  request(api.api.activities.stats.$get({ query: { school, year } }));

/**
 * Counts per area and status of `school` in `year`; `refresh` changing asks again. Memoised: the
 * list page renders again as names and categories arrive, which changes nothing here.
 */
export const StatsPanel = memo(function StatsPanel({
  school,
  year,
  refresh,
}: {
  school: string;
  year: string;
  refresh?: unknown;
}) {
  // null while loading, undefined when the school's counts cannot be read.
  const [stats, setStats] = useState<Stats | null | undefined>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` only says when to ask again
  useEffect(() => {
    let live = true;
    setStats((shown) => (shown === undefined ? null : shown));
    // A school the person may not read fails here as it does in the list beside, which says so.
    fetchStats(school, year).then(
      (next) => live && setStats(next),
      () => live && setStats(undefined),
    );
    return () => {
      live = false;
    };
  }, [school, year, refresh]);

  if (stats === undefined) return null;
  // While the counts load the panel keeps its place with blank cells (aria-busy), so the list
  // below it does not jump down when they arrive (CLS, issue 9); it goes only if they fail.
  const shown = stats && stats.school === school && stats.year === year ? stats : null;
  const widest = shown ? Math.max(1, ...areas.map((a) => shown.areas[a].total)) : 1;
  return (
    <section className="stats" aria-labelledby="stats-title" aria-busy={!shown}>
      <h2 id="stats-title">
        Özet: {shown ? shown.total : "…"} etkinlik ({year})
      </h2>
      <TableBox label="Alanlara ve durumlara göre etkinlik sayıları">
        <table aria-label="Alanlara ve durumlara göre etkinlik sayıları">
          <thead>
            <tr>
              <th scope="col">Alan</th>
              {statuses.map((s) => (
                <th scope="col" key={s} className="num">
                  <span className={`swatch stat-bar status-${s}`} aria-hidden="true" />
                  {statusNames[s]}
                </th>
              ))}
              <th scope="col" className="num">
                Toplam
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.map((area) => {
              const row = shown?.areas[area];
              return (
                <tr key={area} data-area={area}>
                  <th scope="row">
                    {areaNames[area]}
                    <span className="bar-track" aria-hidden="true">
                      {statuses.map(
                        (s) =>
                          row &&
                          row.byStatus[s] > 0 && (
                            <span
                              key={s}
                              className={`stat-bar status-${s}`}
                              style={{ width: `${(row.byStatus[s] / widest) * 100}%` }}
                            />
                          ),
                      )}
                    </span>
                  </th>
                  {statuses.map((s) => (
                    <td key={s} data-status={s} className={row?.byStatus[s] ? "num" : "num muted"}>
                      {row ? row.byStatus[s] : "–"}
                    </td>
                  ))}
                  <td data-status="total" className="num">
                    <strong>{row ? row.total : "–"}</strong>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableBox>
    </section>
  );
});
