/**
 * "Yaklaşan son tarihler": the signed-in person's upcoming milestones, from
 * `GET /api/calendar/upcoming` (the server picks the calendars and marks what the person's
 * roles act on). Self-contained so any dashboard can place it.
 */
import { useEffect, useState } from "react";
import { fetchJson, messageOf } from "../api";
import { Alert } from "../ui";

export type UpcomingItem = {
  programme: string;
  programmeName: string;
  schoolYear: string;
  province?: string;
  milestone: { id: string; title: string; from: string; to: string };
  daysLeft: number;
  mine: boolean;
};

function trDate(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}.${m}.${y}`;
}

/** Upcoming deadlines (default: the next 60 days), the person's own first when on the same day. */
export function UpcomingDeadlines({ days = 60, limit = 8 }: { days?: number; limit?: number }) {
  const [items, setItems] = useState<UpcomingItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchJson<UpcomingItem[]>(`/api/calendar/upcoming?days=${days}`).then(setItems, (e) => setError(messageOf(e)));
  }, [days]);
  if (error) return <Alert text={error} />;
  if (!items) return <p className="muted">Yükleniyor…</p>;
  return (
    <section className="panel upcoming" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">Yaklaşan son tarihler</h2>
      {items.length === 0 ? (
        <p className="muted">Önümüzdeki {days} günde son tarih yok.</p>
      ) : (
        <ul>
          {items.slice(0, limit).map((u) => (
            <li key={`${u.programme}.${u.schoolYear}.${u.milestone.id}`} className={u.mine ? "mine" : undefined}>
              <a href={`/takvim?program=${u.programme}&yil=${u.schoolYear}${u.province ? `&il=${u.province}` : ""}`}>
                {u.programmeName}: {u.milestone.title}
              </a>{" "}
              — son gün {trDate(u.milestone.to)} ({u.daysLeft === 0 ? "bugün" : `${u.daysLeft} gün`})
              {u.mine ? " · sizin işiniz" : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
