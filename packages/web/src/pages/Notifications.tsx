/**
 * Notification preferences (which programmes' reminders, digest on/off), the person's
 * iCalendar feed URL (rotatable), and for platform admins the suppression list. `/abonelik`
 * is the public one-click unsubscribe page the e-mails link to.
 */
import { useEffect, useState } from "react";
import { fetchJson, messageOf } from "../api";
import { useLocation } from "../router";
import { useSession } from "../session";
import { Alert } from "../ui";

type Prefs = { muted: string[]; digest: boolean };
type Suppression = { email: string; reason: string; at: string; detail?: string };
const programmes = [
  { id: "bigep", name: "BİGEP" },
  { id: "okul-ortakligi", name: "Okul Ortaklığı Programı" },
];

export function Notifications() {
  const session = useSession();
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [feed, setFeed] = useState<string | null>(null);
  const [list, setList] = useState<Suppression[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const national = session.scopesFor("reminder.manage").some((s) => s.type === "national");

  useEffect(() => {
    fetchJson<Prefs>("/api/reminders/preferences").then(setPrefs, (e) => setError(messageOf(e)));
    fetchJson<{ path: string }>("/api/calendar/feed").then(
      (f) => setFeed(f.path),
      (e) => setError(messageOf(e)),
    );
  }, []);
  useEffect(() => {
    if (national) {
      fetchJson<{ items: Suppression[] }>("/api/reminders/suppressions?limit=100").then(
        (p) => setList(p.items),
        (e) => setError(messageOf(e)),
      );
    }
  }, [national]);

  async function save(next: Prefs) {
    setPrefs(next);
    setNotice(null);
    try {
      setPrefs(await fetchJson<Prefs>("/api/reminders/preferences", { method: "PUT", body: next }));
      setNotice("Tercihleriniz kaydedildi.");
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function rotate() {
    try {
      setFeed((await fetchJson<{ path: string }>("/api/calendar/feed/rotate", { method: "POST" })).path);
      setNotice("Takvim akışına yeni adres verildi; eski adres artık çalışmaz.");
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <>
      <h1>Bildirimler</h1>
      <Alert text={error} />
      {notice && <p role="status">{notice}</p>}
      {prefs && (
        <fieldset className="panel">
          <legend>E-posta hatırlatmaları</legend>
          <label>
            <input
              type="checkbox"
              checked={prefs.digest}
              onChange={(e) => void save({ ...prefs, digest: e.target.checked })}
            />{" "}
            Son tarihler yaklaşırken günlük özet e-postası al
          </label>
          {programmes.map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                checked={!prefs.muted.includes(p.id)}
                disabled={!prefs.digest}
                onChange={(e) =>
                  void save({
                    ...prefs,
                    muted: e.target.checked ? prefs.muted.filter((m) => m !== p.id) : [...prefs.muted, p.id],
                  })
                }
              />{" "}
              {p.name}
            </label>
          ))}
          <p className="hint">
            Süresi geçen işler için okul müdürüne, ilçeye ve ile giden bildirimler görev gereği kapatılamaz.
          </p>
        </fieldset>
      )}
      {feed && (
        <section className="panel">
          <h2>Takvim akışı (iCalendar)</h2>
          <p className="hint">Bu adresi takvim uygulamanıza ekleyin. Adres gizlidir; paylaştıysanız yenileyin.</p>
          <p className="mono">{`${window.location.origin}${feed}`}</p>
          <button type="button" className="button secondary" onClick={() => void rotate()}>
            Yeni adres ver
          </button>
        </section>
      )}
      {list && (
        <section className="panel">
          <h2>E-posta gönderilmeyen adresler</h2>
          {list.length === 0 ? (
            <p className="muted">Liste boş.</p>
          ) : (
            <ul>
              {list.map((s) => (
                <li key={s.email}>
                  {s.email} — {s.reason === "bounce" ? "geri döndü" : s.reason === "complaint" ? "şikâyet" : "elle"} (
                  {s.at.slice(0, 10)})
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** Public: the page the e-mails' unsubscribe link opens; one button, no sign-in. */
export function Unsubscribe() {
  const { search } = useLocation();
  const token = search.get("t") ?? "";
  const [state, setState] = useState<"idle" | "done" | string>("idle");
  async function confirm() {
    try {
      await fetchJson(`/api/reminders/unsubscribe?t=${encodeURIComponent(token)}`, { method: "POST" });
      setState("done");
    } catch (e) {
      setState(messageOf(e));
    }
  }
  return (
    <>
      <h1>Hatırlatma e-postalarından çık</h1>
      {state === "done" ? (
        <p role="status">
          Artık hatırlatma e-postası almayacaksınız. Tercihlerinizi oturum açıp Bildirimler sayfasından
          değiştirebilirsiniz.
        </p>
      ) : (
        <>
          {state !== "idle" && <Alert text={state} />}
          <button type="button" className="button" onClick={() => void confirm()}>
            Hatırlatmalardan çık
          </button>
        </>
      )}
    </>
  );
}
