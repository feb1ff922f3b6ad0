import { useEffect, useState } from "react";
import { Area, areaNames, currentYear, formatDay, recentYears, Status, schoolsOf, statusNames } from "../activity";
import { api, messageOf, request } from "../api";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";

type Page = Awaited<ReturnType<typeof fetchPage>>;
type Item = Page["items"][number];
type Categories = Record<string, { id: string; name: string }[]>;

const fetchPage = (query: Record<string, string>) => request(api.api.activities.$get({ query }));

/** A school's activities of a year, filtered by area, status and category (kept in the address). */
export function Activities() {
  const session = useSession();
  const { search } = useLocation();
  const mySchools = schoolsOf(session);
  const school = search.get("okul") ?? mySchools[0] ?? "";
  const year = search.get("yil") ?? currentYear();
  const area = search.get("alan") ?? "";
  const status = search.get("durum") ?? "";
  const category = search.get("kategori") ?? "";

  const [items, setItems] = useState<Item[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [categories, setCategories] = useState<Categories>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams({ okul: school, yil: year, alan: area, durum: status, kategori: category });
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    if ("alan" in changes) next.set("kategori", "");
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    navigate(`/etkinlikler?${next}`, { replace: true });
  };

  useEffect(() => {
    if (!school) return;
    let live = true;
    request(api.api.schools[":code"].$get({ param: { code: school } }))
      .then((info) => request(api.api.categories.$get({ query: { province: info.provinceCode, year } })))
      .then(
        (info) => live && setCategories(info.lists),
        () => live && setCategories({}),
      );
    return () => {
      live = false;
    };
  }, [school, year]);

  const load = async (after: string | null, previous: Item[]) => {
    setBusy(true);
    setError(null);
    try {
      const page = await fetchPage({
        school,
        year,
        ...(area ? { area } : {}),
        ...(status ? { status } : {}),
        ...(category ? { category } : {}),
        ...(after ? { cursor: after } : {}),
      });
      setItems([...previous, ...page.items]);
      setCursor(page.cursor);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a filter changes
  useEffect(() => {
    setItems(null);
    if (school) void load(null, []);
  }, [school, year, area, status, category]);

  const categoryName = (a: Item) => categories[a.area]?.find((c) => c.id === a.category)?.name ?? a.category;

  return (
    <>
      <h1>Etkinlikler</h1>
      <p>
        <Link className="button" to="/etkinlikler/yeni">
          Yeni etkinlik
        </Link>
      </p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="school">Okul (kurum kodu)</label>
          {mySchools.length > 0 ? (
            <select id="school" value={school} onChange={(e) => set({ okul: e.target.value })}>
              {mySchools.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="school"
              inputMode="numeric"
              defaultValue={school}
              onBlur={(e) => set({ okul: e.target.value.trim() })}
            />
          )}
        </div>
        <div className="field">
          <label htmlFor="year">Eğitim öğretim yılı</label>
          <select id="year" value={year} onChange={(e) => set({ yil: e.target.value })}>
            {recentYears().map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="area">Alan</label>
          <select id="area" value={area} onChange={(e) => set({ alan: e.target.value })}>
            <option value="">Tümü</option>
            {Area.options.map((a) => (
              <option key={a} value={a}>
                {areaNames[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Durum</label>
          <select id="status" value={status} onChange={(e) => set({ durum: e.target.value })}>
            <option value="">Tümü</option>
            {Status.options.map((s) => (
              <option key={s} value={s}>
                {statusNames[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="category">Kategori</label>
          <select id="category" value={category} disabled={!area} onChange={(e) => set({ kategori: e.target.value })}>
            <option value="">{area ? "Tümü" : "Önce alan seçin"}</option>
            {(categories[area] ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </form>

      {!school && <p className="muted">Etkinlikleri görmek için bir okulun kurum kodunu girin.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">Bu seçimle kayıtlı etkinlik yok.</p>}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Başlık</th>
                <th scope="col">Alan</th>
                <th scope="col">Kategori</th>
                <th scope="col">Tarih</th>
                <th scope="col">Durum</th>
                <th scope="col">Kaydeden</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/etkinlikler/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{areaNames[a.area]}</td>
                  <td>{categoryName(a)}</td>
                  <td>{formatDay(a.startDate)}</td>
                  <td>
                    <span className={`status status-${a.status}`}>{statusNames[a.status]}</span>
                  </td>
                  <td>{a.ownerName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && items && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void load(cursor, items)}>
          {busy ? "Yükleniyor…" : "Daha fazla"}
        </button>
      )}
      {busy && !items && <p className="muted">Yükleniyor…</p>}
    </>
  );
}
