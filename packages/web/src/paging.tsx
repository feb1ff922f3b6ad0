/** Cursor paging for the list pages: one state machine and one "Daha fazla" button for all of them. */
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "./api";

/** What a list endpoint answers (`{items, cursor}`). */
export type Page<T> = { items: T[]; cursor?: string | null; total?: number };

export type Paged<T> = {
  /** null until the first page arrived (or after it failed). */
  items: T[] | null;
  cursor: string | null;
  /** The list's real total when the endpoint counts it (on its first page); null otherwise. */
  total: number | null;
  busy: boolean;
  error: string | null;
  /** Appends the next page. */
  more(): void;
  /** Loads the first page again, keeping the shown items until it arrives. */
  reload(): Promise<void>;
};

/**
 * Loads the first page of `fetchPage` whenever `deps` change (nothing while `fetchPage` is null,
 * e.g. before a school is chosen) and appends further pages on `more()`. An answer that arrives
 * after the query changed is dropped, so a slow old page never overwrites a newer one.
 * `sort` orders each page as it arrives (the server pages by key, the reader wants names in
 * order); later pages are appended below, never sorted in among the rows already shown.
 */
export function usePaged<T>(
  fetchPage: ((cursor: string | null) => Promise<Page<T>>) | null,
  deps: DependencyList,
  sort?: (a: T, b: T) => number,
): Paged<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [busy, setBusy] = useState(fetchPage !== null);
  const [error, setError] = useState<string | null>(null);
  // The caller passes new closures on every render; the latest ones are the ones to call.
  const latest = useRef({ fetchPage, sort });
  latest.current = { fetchPage, sort };
  const generation = useRef(0);

  const load = useCallback(async (after: string | null) => {
    const { fetchPage, sort } = latest.current;
    if (!fetchPage) return;
    const run = ++generation.current;
    setBusy(true);
    setError(null);
    try {
      const page = await fetchPage(after);
      if (run !== generation.current) return;
      // Each page is ordered on its own and appended: rows already on screen keep their place
      // (sorting later rows in among them would move what the reader was looking at).
      const fresh = sort ? [...page.items].sort(sort) : [...page.items];
      setItems((shown) => (after ? [...(shown ?? []), ...fresh] : fresh));
      setCursor(page.cursor ?? null);
      if (!after) setTotal(page.total ?? null);
    } catch (failure) {
      if (run === generation.current) setError(messageOf(failure));
    } finally {
      if (run === generation.current) setBusy(false);
    }
  }, []);

  useEffect(
    () => {
      generation.current++;
      setItems(null);
      setCursor(null);
      setTotal(null);
      setBusy(false);
      setError(null);
      void load(null);
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps say when the query changed
    deps,
  );

  return { items, cursor, total, busy, error, more: () => void load(cursor), reload: () => load(null) };
}

/** "Yükleniyor…" while the first page loads, then "Daha fazla" as long as there is a next page. */
export function MoreButton({ paged }: { paged: Paged<unknown> }) {
  if (!paged.items) return paged.busy ? <p className="muted">Yükleniyor…</p> : null;
  if (!paged.cursor) return null;
  return (
    <button type="button" className="secondary" disabled={paged.busy} onClick={paged.more}>
      {paged.busy ? "Yükleniyor…" : "Daha fazla"}
    </button>
  );
}
