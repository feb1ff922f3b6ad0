/**
 * The officers' dashboard of the Okul Ortaklığı Programı: a province's pairs (province officers,
 * OGM) or a cohort's pairs nationwide (OGM), each with its status, its plan's and report's step
 * for the school year and its plan attainment, and the totals over every page. The API pages the
 * rows and gives additive totals per page; this page adds the pages up (it never computes a
 * figure the API did not give).
 */
import { type ChainStatus, chainStatusLabels, schoolYearOf } from "@bigep/core/shared";
import { useEffect, useState } from "react";
import { api, messageOf, request } from "../api";
import { scopeText } from "../identity";
import { scopeTitle, useScopeNames } from "../names";
import { partnershipStatusNames } from "../partnership";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

type Query = { year: string; province?: string; cohort?: string };
const fetchPage = (query: Query, cursor: string | null) =>
  request(
    api.api.partnerships.dashboard.$get({
      query: { ...query, limit: "50", ...(cursor ? { cursor } : {}) },
    }),
  );
type Page = Awaited<ReturnType<typeof fetchPage>>;
type Totals = Page["totals"];

/** Adds a page's totals into the running ones (every figure is additive; attainment is sum/count). */
function add(into: Totals | null, page: Totals): Totals {
  if (!into) return page;
  const merge = (a: Record<string, number>, b: Record<string, number>) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const attainmentSum = into.attainmentSum + page.attainmentSum;
  const attainmentCount = into.attainmentCount + page.attainmentCount;
  return {
    partnerships: into.partnerships + page.partnerships,
    byStatus: merge(into.byStatus, page.byStatus),
    plans: merge(into.plans, page.plans),
    reports: merge(into.reports, page.reports),
    plansSubmitted: into.plansSubmitted + page.plansSubmitted,
    plansApproved: into.plansApproved + page.plansApproved,
    reportsSubmitted: into.reportsSubmitted + page.reportsSubmitted,
    reportsApproved: into.reportsApproved + page.reportsApproved,
    attainmentSum,
    attainmentCount,
    attainment: attainmentCount ? Math.round((attainmentSum / attainmentCount) * 10) / 10 : null,
  };
}

const step = (s: ChainStatus | null) => (s ? chainStatusLabels[s] : "Başlamadı");
const percent = (n: number | null) => (n === null ? "—" : `%${n.toLocaleString("tr-TR")}`);

export function PartnershipDashboard() {
  const session = useSession();
  const { search } = useLocation();
  const scopes = session
    .scopesFor("partnership.dashboard")
    .filter((s) => s.type === "province" || s.type === "national");
  const names = useScopeNames(scopes);
  const chosen = search.get("kapsam") ?? (scopes[0] ? scopeText(scopes[0]) : "");
  const scope = scopes.find((s) => scopeText(s) === chosen) ?? scopes[0];
  const year = search.get("yil") ?? schoolYearOf(new Date());
  const cohort = search.get("donem") ?? year.slice(0, 4);
  const [rows, setRows] = useState<Page["items"] | null>(null);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = (next: { kapsam?: string; yil?: string; donem?: string }) =>
    navigate(
      `/ortaklik-panosu?kapsam=${encodeURIComponent(next.kapsam ?? chosen)}&yil=${next.yil ?? year}&donem=${next.donem ?? cohort}`,
      { replace: true },
    );

  // The query as text: the effect reruns when what is asked changes, not when the scope object does.
  const asked = scope
    ? JSON.stringify(scope.type === "province" ? { year, province: scope.id } : { year, cohort })
    : "";
  useEffect(() => {
    if (!asked) return;
    const query = JSON.parse(asked) as Query;
    let gone = false;
    setRows(null);
    setTotals(null);
    setError(null);
    void (async () => {
      try {
        let cursor: string | null = null;
        let all: Page["items"] = [];
        let sum: Totals | null = null;
        // A province has tens of pairs, a cohort a few hundred: every page, shown as it arrives.
        do {
          const page: Page = await fetchPage(query, cursor);
          if (gone) return;
          all = [...all, ...page.items];
          sum = add(sum, page.totals);
          setRows(all);
          setTotals(sum);
          cursor = page.cursor;
        } while (cursor);
      } catch (failure) {
        if (!gone) setError(messageOf(failure));
      }
    })();
    return () => {
      gone = true;
    };
  }, [asked]);

  if (!scope) return <Alert text="Bu panoyu görme yetkiniz yok." />;
  return (
    <>
      <h1>Ortaklık panosu</h1>
      <div className="filters">
        <div className="field wide">
          <label htmlFor="dash-scope">Görünüm</label>
          <select id="dash-scope" value={scopeText(scope)} onChange={(e) => go({ kapsam: e.target.value })}>
            {scopes.map((s) => (
              <option key={scopeText(s)} value={scopeText(s)}>
                {s.type === "national" ? "Ulusal (döneme göre)" : scopeTitle(s, names)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dash-year">Eğitim öğretim yılı</label>
          <input
            id="dash-year"
            defaultValue={year}
            pattern="\d{4}-\d{4}"
            onChange={(e) => /^\d{4}-\d{4}$/.test(e.target.value) && go({ yil: e.target.value })}
          />
        </div>
        {scope.type === "national" && (
          <div className="field">
            <label htmlFor="dash-cohort">Dönem (başlangıç yılı)</label>
            <input
              id="dash-cohort"
              defaultValue={cohort}
              pattern="20\d\d"
              onChange={(e) => /^20\d\d$/.test(e.target.value) && go({ donem: e.target.value })}
            />
          </div>
        )}
      </div>
      <Alert text={error} />
      {totals && (
        <dl className="cards" aria-label="Özet">
          <div>
            <dt>Ortaklık</dt>
            <dd>{totals.partnerships}</dd>
          </div>
          <div>
            <dt>Gönderilen plan</dt>
            <dd>{totals.plansSubmitted}</dd>
          </div>
          <div>
            <dt>OGM'ye ulaşan plan</dt>
            <dd>{totals.plansApproved}</dd>
          </div>
          <div>
            <dt>Gönderilen rapor</dt>
            <dd>{totals.reportsSubmitted}</dd>
          </div>
          <div>
            <dt>OGM'ye ulaşan rapor</dt>
            <dd>{totals.reportsApproved}</dd>
          </div>
          <div>
            <dt>Ortalama gerçekleşme</dt>
            <dd>{percent(totals.attainment)}</dd>
          </div>
        </dl>
      )}
      {rows?.length === 0 && <p className="muted">Bu görünümde ortaklık yok.</p>}
      {rows && rows.length > 0 && (
        <TableBox label="Ortaklıklar">
          <table aria-label="Ortaklıklar">
            <thead>
              <tr>
                <th scope="col">Okullar</th>
                <th scope="col">Dönem</th>
                <th scope="col">Durum</th>
                <th scope="col">Eylem planı</th>
                <th scope="col">Rapor</th>
                <th scope="col">Gerçekleşme</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-partnership={r.id}>
                  <td>
                    <Link to={`/ortakliklar/${r.id}?yil=${year}`}>{r.schools.map((s) => s.name).join(" – ")}</Link>
                  </td>
                  <td className="mono">{r.cohort}</td>
                  <td>{partnershipStatusNames[r.status]}</td>
                  <td>{step(r.plan)}</td>
                  <td>{step(r.report)}</td>
                  <td className="mono">{percent(r.attainment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </>
  );
}
