import type { Scope } from "@bigep/core/shared";
import { useEffect, useState } from "react";
import {
  areaNames,
  areas,
  currentYear,
  recentYears,
  statuses,
  statusNames,
  useCategories,
  useProvinceCategories,
} from "../activity";
import { api, request } from "../api";
import { provinceLabel } from "../format";
import { parseScope, scopeText } from "../identity";
import { scopeTitle, useScopeNames } from "../names";
import { MoreButton, usePaged } from "../paging";
import { ActivityTable, awaiting, fetchActivities, viewLabel, viewsOf } from "../review";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { StatsPanel } from "../stats";
import { Alert } from "../ui";

/** Replaces the query string's `changes` (empty values drop out), keeping the rest. */
function setQuery(search: URLSearchParams, changes: Record<string, string>) {
  const next = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) next.set(k, v);
  for (const [k, v] of [...next]) if (!v) next.delete(k);
  navigate(`/etkinlikler?${next}`, { replace: true });
}

/**
 * Activities, in the view the person's grants open: a school's list (with its dashboard and the
 * person's own records) or a district's / province's review queue. Someone with several grants
 * picks one; the choice and the filters live in the address (`okul=` or `kapsam=`).
 */
export function Activities() {
  const session = useSession();
  const { search } = useLocation();
  const views = viewsOf(session.me?.capabilities);
  const names = useScopeNames(views);
  const chosen = parseScope(search.get("kapsam") ?? "");
  const school = search.get("okul");
  const scope: Scope =
    school !== null ? { type: "school", id: school } : (chosen ?? views[0] ?? { type: "school", id: "" });
  const year = search.get("yil") ?? currentYear();

  const choose = (text: string) => {
    const next = parseScope(text);
    if (!next) return;
    navigate(
      next.type === "school"
        ? `/etkinlikler?${new URLSearchParams({ okul: next.id, yil: year })}`
        : `/etkinlikler?${new URLSearchParams({ kapsam: text, yil: year })}`,
      { replace: true },
    );
  };

  return (
    <>
      <h1>Etkinlikler</h1>
      {views.length > 1 && (
        <div className="field view-chooser">
          <label htmlFor="view">Görünüm</label>
          <select id="view" value={scopeText(scope)} onChange={(e) => choose(e.target.value)}>
            {!views.some((v) => scopeText(v) === scopeText(scope)) && (
              <option value={scopeText(scope)}>{viewLabel(scope, names)}</option>
            )}
            {views.map((v) => (
              <option key={scopeText(v)} value={scopeText(v)}>
                {viewLabel(v, names)}
              </option>
            ))}
          </select>
        </div>
      )}
      {scope.type === "school" ? (
        <SchoolList school={scope.id} year={year} search={search} />
      ) : (
        <Queue scope={scope} year={year} search={search} />
      )}
    </>
  );
}

function YearField({ year, search }: { year: string; search: URLSearchParams }) {
  return (
    <div className="field">
      <label htmlFor="year">Eğitim öğretim yılı</label>
      <select id="year" value={year} onChange={(e) => setQuery(search, { yil: e.target.value })}>
        {recentYears().map((y) => (
          <option key={y}>{y}</option>
        ))}
      </select>
    </div>
  );
}

/** A school's activities of a year, filtered by area, status and category, or the person's own records. */
function SchoolList({ school, year, search }: { school: string; year: string; search: URLSearchParams }) {
  const session = useSession();
  const mySchools = viewsOf(session.me?.capabilities)
    .filter((v) => v.type === "school")
    .map((v) => v.id);
  const schoolNames = useScopeNames(mySchools.map((id) => ({ type: "school" as const, id })));
  const area = search.get("alan") ?? "";
  const status = search.get("durum") ?? "";
  const category = search.get("kategori") ?? "";
  const mine = search.get("benim") === "1";
  const set = (changes: Record<string, string>) => setQuery(search, { okul: school, ...changes });

  const categories = useCategories(school, year);
  const paged = usePaged(
    mine
      ? (cursor) => fetchActivities({ mine: "1", ...(cursor ? { cursor } : {}) })
      : school
        ? (cursor) =>
            fetchActivities({
              school,
              year,
              ...(area ? { area } : {}),
              ...(status ? { status } : {}),
              ...(category ? { category } : {}),
              ...(cursor ? { cursor } : {}),
            })
        : null,
    [mine, school, year, area, status, category],
  );
  const { items } = paged;

  return (
    <>
      {session.scopesFor("activity.create").length > 0 && (
        <p>
          <Link className="button" to="/etkinlikler/yeni">
            Yeni etkinlik
          </Link>
        </p>
      )}
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="school">{mySchools.includes(school) ? "Okul" : "Okul (kurum kodu)"}</label>
          {mySchools.includes(school) ? (
            <select id="school" value={school} onChange={(e) => set({ okul: e.target.value })}>
              {mySchools.map((code) => (
                <option key={code} value={code}>
                  {scopeTitle({ type: "school", id: code }, schoolNames)}
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
        <YearField year={year} search={search} />
        {!mine && (
          <>
            <div className="field">
              <label htmlFor="area">Alan</label>
              <select id="area" value={area} onChange={(e) => set({ alan: e.target.value, kategori: "" })}>
                <option value="">Tümü</option>
                {areas.map((a) => (
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
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {statusNames[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="category">Kategori</label>
              <select
                id="category"
                value={category}
                disabled={!area}
                onChange={(e) => set({ kategori: e.target.value })}
              >
                <option value="">{area ? "Tümü" : "Önce alan seçin"}</option>
                {(categories[area] ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <label className="check">
          <input
            type="checkbox"
            id="mine"
            checked={mine}
            onChange={(e) => set({ benim: e.target.checked ? "1" : "" })}
          />
          Benim kayıtlarım
        </label>
      </form>

      {!school && !mine && <p className="muted">Etkinlikleri görmek için bir okulun kurum kodunu girin.</p>}
      {/^\d{6,8}$/.test(school) && <StatsPanel school={school} year={year} />}
      <Alert text={paged.error} />
      {items && items.length === 0 && (
        <p className="muted">
          {mine ? "Henüz kaydınız yok. " : "Bu seçimle kayıtlı etkinlik yok. "}
          {session.scopesFor("activity.create").length > 0 ? (
            <Link to="/etkinlikler/yeni">Yeni bir etkinlik kaydedin</Link>
          ) : (
            "Süzgeçleri değiştirmeyi ya da başka bir eğitim öğretim yılı seçmeyi deneyin."
          )}
        </p>
      )}
      {items && items.length > 0 && <ActivityTable items={items} categories={categories} />}
      <MoreButton paged={paged} />
    </>
  );
}

/**
 * A district's or province's activities of a year in one status, starting on the status that
 * awaits this level. A national role picks the province first.
 */
function Queue({ scope, year, search }: { scope: Scope; year: string; search: URLSearchParams }) {
  const status = search.get("durum") ?? awaiting(scope);
  const province =
    scope.type === "national" ? (search.get("il") ?? "") : scope.type === "district" ? scope.id.slice(0, 2) : scope.id;
  const categories = useProvinceCategories(province, year);
  const paged = usePaged(
    province
      ? (cursor) =>
          fetchActivities({
            ...(scope.type === "district" ? { district: scope.id } : { province }),
            year,
            status,
            ...(cursor ? { cursor } : {}),
          })
      : null,
    [scope.type, scope.id, province, year, status],
  );
  const { items } = paged;

  return (
    <>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        {scope.type === "national" && <ProvinceField province={province} search={search} />}
        <YearField year={year} search={search} />
        <div className="field">
          <label htmlFor="status">Durum</label>
          <select id="status" value={status} onChange={(e) => setQuery(search, { durum: e.target.value })}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusNames[s]}
                {s === awaiting(scope) ? " (karar bekleyen)" : ""}
              </option>
            ))}
          </select>
        </div>
      </form>
      {!province && <p className="muted">İnceleme kuyruğunu görmek için bir il seçin.</p>}
      <Alert text={paged.error} />
      {items && items.length === 0 && (
        <p className="muted">Bu durumda etkinlik yok. Başka bir durum ya da eğitim öğretim yılı seçin.</p>
      )}
      {items && items.length > 0 && <ActivityTable items={items} categories={categories} queue />}
      <MoreButton paged={paged} />
    </>
  );
}

/** The 81 provinces, for a national role's queue. */
function ProvinceField({ province, search }: { province: string; search: URLSearchParams }) {
  const [provinces, setProvinces] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    request(api.api.provinces.$get()).then(
      (page) => setProvinces(page.items),
      () => undefined,
    );
  }, []);
  return (
    <div className="field">
      <label htmlFor="province">İl</label>
      <select id="province" value={province} onChange={(e) => setQuery(search, { il: e.target.value })}>
        <option value="">İl seçin</option>
        {provinces.map((p) => (
          <option key={p.code} value={p.code}>
            {provinceLabel(p)}
          </option>
        ))}
      </select>
    </div>
  );
}
