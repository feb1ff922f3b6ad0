/**
 * The local e-mail outbox (local runtime only: GET /api/dev/outbox answers 404 in AWS),
 * so a demo user can read sign-in codes and notifications without a mail server.
 */

import { useCallback, useEffect, useState } from "react";
import { api, messageOf, request } from "./api";
import { formatDateTime } from "./format";
import { Alert } from "./ui";

// Outside the local and test stages every /api/dev path is a 404.
const readOutbox = (to?: string) => api.api.dev.outbox.$get({ query: to ? { to } : {} });
const fetchOutbox = (to?: string) => request(readOutbox(to));
type OutboxItem = Awaited<ReturnType<typeof fetchOutbox>>["items"][number];

let probe: Promise<boolean> | undefined;

/** True once we know the local outbox answers (i.e. we run locally). */
export function useLocalMode(): boolean {
  const [local, setLocal] = useState(false);
  useEffect(() => {
    let live = true;
    probe ??= readOutbox().then(
      (response) => response.ok,
      () => false,
    );
    void probe.then((ok) => live && setLocal(ok));
    return () => {
      live = false;
    };
  }, []);
  return local;
}

/** Messages in the outbox (optionally only those to `to`), newest first, with a refresh button. */
export function OutboxList({ to, refreshKey = 0 }: { to?: string; refreshKey?: number }) {
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const body = await request(readOutbox(to));
      setItems(body.items);
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [to]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a reload after a new message was sent
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  return (
    <div className="outbox">
      <button type="button" className="secondary" onClick={() => void load()}>
        Yenile
      </button>
      <Alert text={error} />
      {items && items.length === 0 && <p className="muted">Henüz ileti yok.</p>}
      {items && items.length > 0 && (
        <ul className="messages" aria-live="polite">
          {items.map((item) => (
            <li key={item.id}>
              <p className="meta">
                <strong>{item.subject}</strong>
                <span>
                  {item.to} · {formatDateTime(item.sentAt)}
                </span>
              </p>
              <pre>{item.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
