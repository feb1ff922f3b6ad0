/**
 * "Değerlendirmelerim": the reviewer's assignments grouped by round, with each round's progress
 * (submitted / assigned) and closing time; a row opens the scoring form. Only what the server
 * assigned is listed (GET /api/reviews/queue).
 */
import { useEffect, useState } from "react";
import { api, messageOf, request } from "../api";
import { areaName, formatMinute, formatScore } from "../reviews";
import { Link } from "../router";
import { Alert, TableBox } from "../ui";

const fetchQueue = () => request(api.api.reviews.queue.$get({ query: {} }));
type Queue = Awaited<ReturnType<typeof fetchQueue>>;
type Item = Queue["items"][number];

const stateOf = (item: Item): string =>
  item.submittedAt ? "Gönderildi" : item.savedAt ? "Taslak kaydedildi" : "Başlanmadı";

export function ReviewQueue() {
  const [queue, setQueue] = useState<Queue | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchQueue().then(setQueue, (e) => setError(messageOf(e)));
  }, []);

  const rounds = new Map<string, Item[]>();
  for (const item of queue?.items ?? []) rounds.set(item.roundId, [...(rounds.get(item.roundId) ?? []), item]);

  return (
    <>
      <h1>Değerlendirmelerim</h1>
      <p className="hint">
        Size atanan etkinlikleri ölçütlere göre puanlayın. Puanlarınız siz yazdıkça taslak olarak kaydedilir; diğer
        değerlendiricilerin puanlarını kendi puanlarınızı gönderdikten sonra görürsünüz.
      </p>
      <Alert text={error} />
      {queue && queue.items.length === 0 && <p className="muted">Size atanmış bir değerlendirme yok.</p>}
      {queue && queue.items.length > 0 && (
        <p role="status">
          Toplam: {queue.progress.submitted} / {queue.progress.assigned} gönderildi
        </p>
      )}
      {[...rounds.values()].map((items) => {
        const first = items[0] as Item;
        const submitted = items.filter((i) => i.submittedAt).length;
        return (
          <section key={first.roundId} className="panel" aria-labelledby={`round-${first.roundId}`}>
            <h2 id={`round-${first.roundId}`}>{first.roundName}</h2>
            <p>
              <strong data-progress={first.roundId}>
                {submitted} / {items.length} gönderildi
              </strong>
              <span className="muted"> · Son gün: {formatMinute(first.closesAt)}</span>
            </p>
            <progress
              className="review-progress"
              max={items.length}
              value={submitted}
              aria-label={`${first.roundName} ilerlemesi`}
            />
            <TableBox label={`${first.roundName} atamaları`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Etkinlik</th>
                    <th scope="col">Alan</th>
                    <th scope="col">Durum</th>
                    <th scope="col">Puanım</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.activityId}>
                      <td>
                        <Link to={`/degerlendirmeler/${item.roundId}/${item.activityId}`}>{item.title}</Link>
                      </td>
                      <td>{areaName(item.area)}</td>
                      <td>{stateOf(item)}</td>
                      <td className="mono">{formatScore(item.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          </section>
        );
      })}
    </>
  );
}
