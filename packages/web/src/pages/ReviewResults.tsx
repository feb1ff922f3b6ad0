/**
 * A school's review results: each activity's outcome in the rounds published so far (score,
 * rank, promotion, award tier, fair selection) and the reviewers' comments without their names,
 * as GET /api/reviews/results returns them (unpublished rounds are not returned). An awarded
 * activity's certificate is downloaded through a presigned link; until it is generated the
 * API answers 404 `certificate_missing`, shown as a plain message.
 */
import { useEffect, useState } from "react";
import { currentYear } from "../activity";
import { ApiError, api, fetchJson, messageOf, request } from "../api";
import { scopeTitle, useScopeNames } from "../names";
import { areaName, formatScore, roundLevelNames, tierName } from "../reviews";
import { navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert } from "../ui";

const fetchResults = (school: string, year: string) =>
  request(api.api.reviews.results.$get({ query: { school, year } }));
type Outcome = Awaited<ReturnType<typeof fetchResults>>[number];

export function ReviewResults() {
  const session = useSession();
  const { search } = useLocation();
  const scopes = session.scopesFor("review.results");
  const schools = scopes.filter((s) => s.type === "school");
  const school = search.get("okul") ?? schools[0]?.id ?? "";
  const year = search.get("yil") ?? currentYear();
  const [results, setResults] = useState<Outcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [certificate, setCertificate] = useState<Record<string, string>>({});
  const [code, setCode] = useState(school);
  const names = useScopeNames(schools);

  useEffect(() => {
    setResults(null);
    setError(null);
    if (!/^\d{6,8}$/.test(school)) return;
    fetchResults(school, year).then(setResults, (e) => setError(messageOf(e)));
  }, [school, year]);

  const go = (next: { okul?: string; yil?: string }) =>
    navigate(`/sonuclar?okul=${next.okul ?? school}&yil=${next.yil ?? year}`, { replace: true });

  const download = async (o: Outcome) => {
    const key = `${o.roundId}.${o.activityId}`;
    setCertificate((c) => ({ ...c, [key]: "" }));
    try {
      const link = await fetchJson<{ url: string }>(
        `/api/reviews/rounds/${o.roundId}/activities/${o.activityId}/certificate`,
      );
      window.location.assign(link.url);
    } catch (e) {
      const missing = e instanceof ApiError && e.status === 404;
      setCertificate((c) => ({
        ...c,
        [key]: missing ? "Sertifika henüz hazırlanmadı; kurul hazırladığında buradan indirebilirsiniz." : messageOf(e),
      }));
    }
  };

  return (
    <>
      <h1>Değerlendirme sonuçları</h1>
      <div className="filters">
        {schools.length > 0 && scopes.every((s) => s.type === "school") ? (
          <div className="field wide">
            <label htmlFor="results-school">Okul</label>
            <select id="results-school" value={school} onChange={(e) => go({ okul: e.target.value })}>
              {schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {scopeTitle(s, names)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <form
            className="field"
            onSubmit={(e) => {
              e.preventDefault();
              go({ okul: code });
            }}
          >
            <label htmlFor="results-code">Okul kurum kodu</label>
            <div className="inline">
              <input
                id="results-code"
                inputMode="numeric"
                pattern="\d{6,8}"
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              <button type="submit">Göster</button>
            </div>
          </form>
        )}
        <div className="field">
          <label htmlFor="results-year">Eğitim öğretim yılı</label>
          <input
            id="results-year"
            defaultValue={year}
            pattern="\d{4}-\d{4}"
            onChange={(e) => /^\d{4}-\d{4}$/.test(e.target.value) && go({ yil: e.target.value })}
          />
        </div>
      </div>
      <Alert text={error} />
      {results?.length === 0 && <p className="muted">Bu yıl için yayımlanmış bir sonuç yok.</p>}
      <div className="cards">
        {(results ?? []).map((o) => {
          const key = `${o.roundId}.${o.activityId}`;
          return (
            <article key={key} className="card" data-outcome={key}>
              <h2>{o.title}</h2>
              <p className="muted">
                {o.roundName} · {roundLevelNames[o.level] ?? o.level} · {areaName(o.area)}
              </p>
              <p>
                {o.score !== undefined && <>Puan: {formatScore(o.score)} · </>}
                {o.rank !== undefined && <>Sıra: {o.rank}</>}
              </p>
              {o.promoted !== undefined && <p>{o.promoted ? "Üst tura yükseldi." : "Üst tura yükselmedi."}</p>}
              {o.tier && (
                <p>
                  <strong>{o.tierName ?? tierName(o.tier)}</strong>
                  {o.fair ? " · Yıl sonu sergisine seçildi" : ""}
                </p>
              )}
              {o.comments.length > 0 && (
                <>
                  <h3>Değerlendirici yorumları</h3>
                  <ul className="outcome-comments">
                    {o.comments.map((c, i) => (
                      // Comments carry no id; their order is the API's and stable.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                </>
              )}
              {o.tier && (
                <p>
                  <button type="button" onClick={() => void download(o)}>
                    Sertifikayı indir
                  </button>
                </p>
              )}
              {certificate[key] && <p role="status">{certificate[key]}</p>}
            </article>
          );
        })}
      </div>
    </>
  );
}
