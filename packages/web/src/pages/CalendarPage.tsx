/**
 * A programme's calendar of a school year (public dates). The responsible board edits the
 * dates (saved with If-Match; a concurrent edit answers 409); officers who manage reminders see
 * what was sent for each milestone; in local mode an admin runs the day's reminders now.
 */
import { useCallback, useEffect, useState } from "react";
import { fetchJson, messageOf } from "../api";
import { roleNames } from "../identity";
import { useLocalMode } from "../outbox";
import { navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

type Milestone = {
  id: string;
  title: string;
  from: string;
  to: string;
  actor: { role: string; level: string };
  rule: string;
  source: "calendar" | "review";
};
type Cal = { programme: string; schoolYear: string; milestones: Milestone[]; version: number; editable?: boolean };
type Sent = { day: string; email: string; offset: string; items: string[] };

function currentYear(): string {
  const today = new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 7);
  const y = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
}

export function CalendarPage() {
  const { search } = useLocation();
  const session = useSession();
  const local = useLocalMode();
  const programme = search.get("program") ?? "bigep";
  const year = search.get("yil") ?? currentYear();
  const province = search.get("il") ?? "10";
  const [cal, setCal] = useState<Cal | null>(null);
  const [draft, setDraft] = useState<Milestone[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sent, setSent] = useState<{ id: string; items: Sent[] } | null>(null);
  const [asOf, setAsOf] = useState(new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10));
  const query = programme === "bigep" ? `?province=${province}` : "";
  const base = `/api/calendar/programmes/${programme}/${year}`;
  const managesReminders = session.scopesFor("reminder.manage").length > 0;
  const runsJobs = session.scopesFor("job.run").length > 0;

  const load = useCallback(() => {
    setError(null);
    fetchJson<Cal>(`${base}${query}`).then(
      (c) => {
        setCal(c);
        setDraft(c.milestones);
      },
      (e) => setError(messageOf(e)),
    );
  }, [base, query]);
  useEffect(load, [load]);

  const go = (p: string, y: string) =>
    navigate(`/takvim?program=${p}&yil=${y}${p === "bigep" ? `&il=${province}` : ""}`);
  const set = (id: string, field: "from" | "to", value: string) =>
    setDraft((d) => d.map((m) => (m.id === id ? { ...m, [field]: value } : m)));

  async function save() {
    if (!cal) return;
    setError(null);
    setNotice(null);
    try {
      const next = await fetchJson<Cal>(`${base}${query}`, {
        method: "PUT",
        body: { milestones: draft },
        headers: { "if-match": `"${cal.version}"` },
      });
      setCal(next);
      setDraft(next.milestones);
      setNotice("Takvim kaydedildi.");
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function showSent(id: string) {
    try {
      const page = await fetchJson<{ items: Sent[] }>(
        `${base}/sent${query ? `${query}&` : "?"}milestone=${id}&limit=100`,
      );
      setSent({ id, items: page.items });
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function runNow() {
    setNotice(null);
    try {
      await fetchJson("/api/dev/jobs/reminders", { method: "POST", body: { asOf, params: {} } });
      setNotice(`${asOf} günü için hatırlatmalar başlatıldı; gönderilenler posta kutusunda.`);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <>
      <h1>Takvim</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor="cal-programme">Program</label>
          <select id="cal-programme" value={programme} onChange={(e) => go(e.target.value, year)}>
            <option value="bigep">BİGEP (Balıkesir)</option>
            <option value="okul-ortakligi">Okul Ortaklığı Programı</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="cal-year">Eğitim öğretim yılı</label>
          <input
            id="cal-year"
            value={year}
            onChange={(e) => /^\d{4}-\d{4}$/.test(e.target.value) && go(programme, e.target.value)}
          />
        </div>
      </div>
      <Alert text={error} />
      {notice && <p role="status">{notice}</p>}
      {cal && (
        <TableBox label="Takvim">
          <table>
            <thead>
              <tr>
                <th>İş</th>
                <th>Başlangıç</th>
                <th>Son gün</th>
                <th>Kim</th>
                {managesReminders && <th>Gönderilen</th>}
              </tr>
            </thead>
            <tbody>
              {draft.map((m) => (
                <tr key={m.id}>
                  <td>{m.title}</td>
                  {(["from", "to"] as const).map((field) => (
                    <td key={field}>
                      {cal.editable && m.source === "calendar" ? (
                        <input
                          type="date"
                          aria-label={`${m.title} ${field === "from" ? "başlangıç" : "son gün"}`}
                          value={m[field]}
                          onChange={(e) => set(m.id, field, e.target.value)}
                        />
                      ) : (
                        m[field]
                      )}
                    </td>
                  ))}
                  <td>{roleNames[m.actor.role as keyof typeof roleNames] ?? m.actor.role}</td>
                  {managesReminders && (
                    <td>
                      {m.rule !== "none" && (
                        <button type="button" className="button secondary" onClick={() => void showSent(m.id)}>
                          Göster
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {cal?.editable && (
        <p>
          <button type="button" className="button" onClick={() => void save()}>
            Takvimi kaydet
          </button>
        </p>
      )}
      {sent && (
        <section className="panel">
          <h2>Gönderilen hatırlatmalar: {sent.id}</h2>
          {sent.items.length === 0 ? (
            <p className="muted">Henüz gönderilmedi.</p>
          ) : (
            <ul>
              {sent.items.map((s) => (
                <li key={`${s.day}.${s.email}.${s.offset}`}>
                  {s.day} · {s.email} · {s.offset} · {s.items.join("; ")}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {local && runsJobs && (
        <section className="panel">
          <h2>Hatırlatmaları şimdi çalıştır (yerel)</h2>
          <div className="inline">
            <input type="date" aria-label="Gün" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
            <button type="button" className="button" onClick={() => void runNow()}>
              Çalıştır
            </button>
          </div>
        </section>
      )}
    </>
  );
}
