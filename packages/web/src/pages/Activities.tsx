import {
  Area,
  areaNames,
  categoryName,
  currentYear,
  formatDay,
  recentYears,
  Status,
  schoolsOf,
  statusNames,
  useCategories,
} from "../activity";
import { api, request } from "../api";
import { MoreButton, usePaged } from "../paging";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert } from "../ui";

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

  const categories = useCategories(school, year);
  const paged = usePaged(
    school
      ? (cursor) =>
          fetchPage({
            school,
            year,
            ...(area ? { area } : {}),
            ...(status ? { status } : {}),
            ...(category ? { category } : {}),
            ...(cursor ? { cursor } : {}),
          })
      : null,
    [school, year, area, status, category],
  );
  const { items } = paged;

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams({ okul: school, yil: year, alan: area, durum: status, kategori: category });
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    if ("alan" in changes) next.set("kategori", "");
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    navigate(`/etkinlikler?${next}`, { replace: true });
  };

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
      <Alert text={paged.error} />
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
                  <td>{categoryName(categories, a)}</td>
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
      <MoreButton paged={paged} />
    </>
  );
}
