import { useEffect, useState } from "react";
import { api, request } from "../api";
import { formatDateTime } from "../format";
import { scopeLabel, scopeText } from "../identity";
import { isActive, JobState, type JobView } from "../jobs";
import { MoreButton, usePaged } from "../paging";
import { navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

const fetchJobs = (scope: string, cursor: string | null) =>
  request(api.api.jobs.$get({ query: { scope, limit: "25", ...(cursor ? { cursor } : {}) } }));

/** Result summaries of the job types people start from the web. */
function summaryOf(job: { type: string; result?: unknown }): string | null {
  const r = job.result as Record<string, number | unknown[]> | undefined;
  if (!r) return null;
  if (job.type === "school-import")
    return `${r.created} okul eklendi, ${r.updated} güncellendi, ${r.unchanged} değişmedi.`;
  if (job.type === "staff-import")
    return `${r.created} yeni hesap, ${r.granted} rol verildi, ${r.unchanged} değişmedi.`;
  if (job.type === "sweep-uploads") return `${r.swept} yarım kalan yükleme kapatıldı.`;
  return null;
}

/** The jobs of a scope I administer, newest first; refreshed every 2 s while any is running. */
export function Jobs() {
  const session = useSession();
  const { search } = useLocation();
  // The scopes where the server says this person may read jobs (no copy of the rules here).
  const managed = session.scopesFor("job.read");
  const scope = search.get("kapsam") ?? (managed[0] ? scopeText(managed[0]) : "");
  const paged = usePaged(scope ? (cursor) => fetchJobs(scope, cursor) : null, [scope]);
  const items = paged.items ?? [];
  const active = items.some(isActive);
  const reload = paged.reload;
  const [cancelError, setCancelError] = useState<string | null>(null);
  // The server decides (job.run where the job is filed, or the person who started it); the
  // button only appears where it would say yes.
  const mayRun = session.scopesFor("job.run").some((s) => scopeText(s) === scope);
  const mayCancel = (job: { status: JobView["status"]; createdBy?: { id: string } | undefined }) =>
    isActive(job) && (mayRun || job.createdBy?.id === session.me?.user.id);
  const cancel = async (job: JobView) => {
    if (!window.confirm(`"${job.title}" işi iptal edilsin mi? Yapılmış olan kısmı geri alınmaz.`)) return;
    setCancelError(null);
    try {
      await request(api.api.jobs[":id"].cancel.$post({ param: { id: job.id } }));
    } catch (error) {
      setCancelError((error as Error).message);
    }
    await reload();
  };

  // Each answer sets new items, which schedules the next look while anything still runs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: new items are the trigger; reload is stable
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => void reload(), 2000);
    return () => clearTimeout(timer);
  }, [active, paged.items]);

  return (
    <>
      <h1>İşler</h1>
      <p className="hint">
        İçe aktarmalar ve zamanlanmış işler burada izlenir. Başarısız olan bir iş birkaç kez yeniden denenir; yine
        olmazsa hatasıyla birlikte "Başarısız" görünür ve teknik ekibe bildirilir.
      </p>
      <div className="filters">
        <div className="field wide">
          <label htmlFor="jobs-scope">Kapsam</label>
          <select
            id="jobs-scope"
            value={scope}
            onChange={(event) => navigate(`/isler?kapsam=${encodeURIComponent(event.target.value)}`, { replace: true })}
          >
            {managed.map((s) => (
              <option key={scopeText(s)} value={scopeText(s)}>
                {scopeLabel(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Alert text={paged.error ?? cancelError} />
      {paged.items?.length === 0 && <p className="muted">Bu kapsamda iş yok.</p>}
      {items.length > 0 && (
        <TableBox label="İşler">
          <table aria-label="İşler">
            <thead>
              <tr>
                <th scope="col">İş</th>
                <th scope="col">Durum</th>
                <th scope="col">Başlatan</th>
                <th scope="col">Başlangıç</th>
                <th scope="col">Sonuç</th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => (
                <tr key={job.id} data-status={job.status}>
                  <td>{job.title}</td>
                  <td>
                    <JobState job={job} />
                  </td>
                  <td>{job.createdBy?.name ?? "Sistem"}</td>
                  <td>{formatDateTime(job.createdAt)}</td>
                  <td>
                    {summaryOf(job) ?? ""}
                    {mayCancel(job) && (
                      <button type="button" className="secondary" onClick={() => void cancel(job)}>
                        İptal et
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <MoreButton paged={paged} />
    </>
  );
}
