import { useEffect, useState } from "react";
import { api, messageOf, request } from "../api";
import { ReportCharts } from "../charts";
import { formatDateTime } from "../format";
import { parseScope, scopeLabel, scopeText } from "../identity";
import { JobState, useJob } from "../jobs";
import { MoreButton, usePaged } from "../paging";
import { navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

const formats = [
  ["pdf", "PDF"],
  ["xlsx", "Excel"],
  ["csv", "CSV"],
  ["json", "JSON"],
] as const;

/** The school year that ended before today (on 1 September, the one just ended). */
function lastYear(): string {
  const now = new Date();
  const start = now.getMonth() >= 8 ? now.getFullYear() - 1 : now.getFullYear() - 2;
  return `${start}-${start + 1}`;
}

const fetchRun = (id: string) => request(api.api.reports[":id"].$get({ param: { id } }));

const fetchRuns = (scope: string, year: string, cursor: string | null) =>
  request(api.api.reports.$get({ query: { scope, year, limit: "25", ...(cursor ? { cursor } : {}) } }));

/** Yearly reports of a scope: compile one (progress bar), the runs so far, a link per format. */
export function Reports() {
  const session = useSession();
  const { search } = useLocation();
  const readable = session.scopesFor("report.read");
  const runnable = session.scopesFor("report.run").map(scopeText);
  const scope = search.get("kapsam") ?? (readable[0] ? scopeText(readable[0]) : "");
  const year = search.get("yil") ?? lastYear();
  const paged = usePaged(scope ? (cursor) => fetchRuns(scope, year, cursor) : null, [scope, year]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { job } = useJob(jobId);
  // The dashboard: the charts of the chosen run (the newest by default), drawn from the run itself.
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = chosen ?? paged.items?.[0]?.id ?? null;
  // A run that just finished joins the list (once: reloading during render looped, React #301).
  const finished = job?.status === "succeeded" ? job.id : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a new run finishes, not on every page change
  useEffect(() => {
    if (finished) {
      setChosen(finished);
      void paged.reload();
    }
  }, [finished]);
  const [detail, setDetail] = useState<Awaited<ReturnType<typeof fetchRun>> | null>(null);
  useEffect(() => {
    setDetail(null);
    if (!shown) return;
    let gone = false;
    fetchRun(shown).then(
      (run) => !gone && setDetail(run),
      (failure) => !gone && setError(messageOf(failure)),
    );
    return () => {
      gone = true;
    };
  }, [shown]);
  const go = (next: { kapsam?: string; yil?: string }) =>
    navigate(
      `/raporlar?kapsam=${encodeURIComponent(next.kapsam ?? scope)}&yil=${encodeURIComponent(next.yil ?? year)}`,
      {
        replace: true,
      },
    );

  const start = async () => {
    setError(null);
    const parsed = parseScope(scope);
    if (!parsed) return;
    try {
      const started = await request(api.api.jobs.$post({ json: { type: "report", params: { scope: parsed, year } } }));
      setJobId(started.id);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const download = async (id: string, format: (typeof formats)[number][0]) => {
    setError(null);
    try {
      const link = await request(api.api.reports[":id"].files[":format"].$get({ param: { id, format } }));
      window.location.assign(link.url);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <>
      <h1>Raporlar</h1>
      <p className="hint">
        Yıllık raporlar her yıl 1 Eylül'de biten eğitim öğretim yılı için derlenir; yetkiniz varsa istediğiniz zaman
        yeniden derleyebilirsiniz. Her rapor PDF, Excel, CSV ve JSON olarak indirilebilir.
      </p>
      <div className="filters">
        <div className="field wide">
          <label htmlFor="reports-scope">Kapsam</label>
          <select id="reports-scope" value={scope} onChange={(event) => go({ kapsam: event.target.value })}>
            {readable.map((s) => (
              <option key={scopeText(s)} value={scopeText(s)}>
                {scopeLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="reports-year">Eğitim öğretim yılı</label>
          <input
            id="reports-year"
            value={year}
            pattern="\d{4}-\d{4}"
            onChange={(event) => /^\d{4}-\d{4}$/.test(event.target.value) && go({ yil: event.target.value })}
          />
        </div>
        {runnable.includes(scope) && (
          <button
            type="button"
            onClick={() => void start()}
            disabled={!!job && job.status !== "succeeded" && job.status !== "failed"}
          >
            Raporu derle
          </button>
        )}
      </div>
      {job && <JobState job={job} />}
      <Alert text={error ?? paged.error} />
      {paged.items?.length === 0 && <p className="muted">Bu kapsam ve yıl için derlenmiş rapor yok.</p>}
      {(paged.items ?? []).length > 0 && (
        <TableBox label="Derlenmiş raporlar">
          <table aria-label="Derlenmiş raporlar">
            <thead>
              <tr>
                <th scope="col">Derlenme</th>
                <th scope="col">Etkinlik</th>
                <th scope="col">Kanıt</th>
                <th scope="col">İndir</th>
              </tr>
            </thead>
            <tbody>
              {(paged.items ?? []).map((run) => (
                <tr key={run.id} data-run={run.id}>
                  <td>{formatDateTime(run.createdAt)}</td>
                  <td className="mono">{run.totals.activities.toLocaleString("tr-TR")}</td>
                  <td className="mono">{run.totals.evidence.toLocaleString("tr-TR")}</td>
                  <td>
                    {formats.map(([format, label]) => (
                      <button key={format} type="button" className="link" onClick={() => void download(run.id, format)}>
                        {label}
                      </button>
                    ))}
                    <button
                      type="button"
                      className="link"
                      aria-pressed={run.id === shown}
                      onClick={() => setChosen(run.id)}
                    >
                      Grafikler
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <MoreButton paged={paged} />
      {detail && (
        <section aria-labelledby="report-charts">
          <h2 id="report-charts">Grafikler — {formatDateTime(detail.createdAt)} derlemesi</h2>
          <ReportCharts charts={detail.charts} />
        </section>
      )}
    </>
  );
}
