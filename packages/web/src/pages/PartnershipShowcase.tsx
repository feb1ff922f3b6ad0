/**
 * The public showcase of a partnership (no sign-in): the joint work a moderator approved, newest
 * first, with no personal data, and the code a school pastes into its own website.
 */
import { useEffect, useState } from "react";
import { api, messageOf, request } from "../api";
import { ScopeName } from "../names";
import { formatDay } from "../partnership";
import { useParams } from "../router";
import { Alert } from "../ui";

const fetchFeed = (id: string) => request(api.api.partnerships[":id"].feed.$get({ param: { id } }));
type Feed = Awaited<ReturnType<typeof fetchFeed>>;

export function PartnershipShowcase() {
  const { id } = useParams<"id">();
  const [feed, setFeed] = useState<Feed | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchFeed(id).then(
      (f) => live && setFeed(f),
      (failure) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const snippetUrl = `${window.location.origin}/api/partnerships/${id}/snippet`;
  const embed = `<iframe src="${snippetUrl}" title="Okul Ortaklığı Programı" width="100%" height="400" loading="lazy"></iframe>`;

  return (
    <>
      <h1>{feed ? feed.partnership.schools.map((s) => s.name).join(" – ") : "Okul ortaklığı vitrini"}</h1>
      <Alert text={error} />
      {feed && (
        <>
          <p className="lead">
            Okul Ortaklığı Programı ({feed.partnership.startYear} başlangıçlı):{" "}
            {feed.partnership.schools.map((s, i) => (
              <span key={s.name}>
                {i > 0 && " ve "}
                {s.name} (<ScopeName scope={{ type: "province", id: s.province }} code={false} />)
              </span>
            ))}
          </p>
          <h2>Ortak çalışmalar</h2>
          {feed.items.length === 0 ? (
            <p className="muted">Henüz yayımlanmış ortak çalışma yok.</p>
          ) : (
            <ul className="feed-list" aria-label="Ortak çalışmalar">
              {feed.items.map((item) => (
                <li key={`${item.date}-${item.title}`}>
                  <strong>{item.title}</strong> <span className="muted">{formatDay(item.date)}</span>
                  {item.summary && <p>{item.summary}</p>}
                </li>
              ))}
            </ul>
          )}
          <h2>Okulunuzun sitesine ekleyin</h2>
          <div className="field">
            <label htmlFor="embed-code">Gömme kodu (kopyalayıp okul sitesine yapıştırın)</label>
            <textarea id="embed-code" className="embed-code" readOnly rows={3} value={embed} />
          </div>
          <p className="hint">
            JSON akışı: <code className="break">/api/partnerships/{id}/feed</code>
          </p>
        </>
      )}
    </>
  );
}
