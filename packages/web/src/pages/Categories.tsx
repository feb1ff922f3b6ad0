import { asciiSlug } from "@bigep/core/shared";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Area, areaNames, currentYear, recentYears } from "../activity";
import { defaultProvince, useProvincesFor } from "../admin";
import { ApiError, api, messageOf, request } from "../api";
import { provinceLabel } from "../format";
import { useSession } from "../session";
import { Alert } from "../ui";

/** One editable line; `id` is null until a new category is saved (its id comes from its name). */
type Line = { key: string; id: string | null; name: string };
type Lists = Record<Area, Line[]>;
type Loaded = { lists: Lists; etag: string; version: number };

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

/** The lists of a GET or PUT answer, with the version to send back as If-Match. */
async function loadedOf(call: ReturnType<typeof api.api.categories.$get | typeof api.api.categories.$put>) {
  const response = await call;
  const info = await request(Promise.resolve(response));
  const lists = Object.fromEntries(
    Area.options.map((area) => [area, info.lists[area].map((c) => ({ key: c.id, id: c.id, name: c.name }))]),
  ) as Lists;
  return { lists, etag: response.headers.get("etag") ?? `"${info.version}"`, version: info.version };
}

const fetchLists = (province: string, year: string): Promise<Loaded> =>
  loadedOf(api.api.categories.$get({ query: { province, year } }));

/** A new category's id: the ASCII slug of its name, made unique within its area. */
function idFor(name: string, taken: Set<string>): string {
  const base = asciiSlug(name).replace(/-/g, "_").slice(0, 44).replace(/_+$/, "") || "kategori";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

/** The first problem of the lists as a Turkish sentence, or null. */
function problemOf(lists: Lists): string | null {
  for (const area of Area.options) {
    const lines = lists[area];
    if (lines.length === 0) return `“${areaNames[area]}” alanında en az bir kategori olmalı.`;
    if (lines.length > 50) return `“${areaNames[area]}” alanında en çok 50 kategori olabilir.`;
    const bad = lines.findIndex((l) => l.name.trim().length < 2 || l.name.trim().length > 120);
    if (bad >= 0) return `“${areaNames[area]}” alanının ${bad + 1}. kategorisinin adı 2–120 karakter olmalı.`;
  }
  return null;
}

/**
 * The category lists of a province for a school year, for its admins: rename, add, remove and
 * reorder, then save the whole set (If-Match; a concurrent change answers 409 and reloads).
 */
export function Categories() {
  const { scopesFor } = useSession();
  const manageScopes = scopesFor("category.manage");
  const provinces = useProvincesFor(manageScopes);
  const [chosen, setChosen] = useState("");
  const province = chosen || defaultProvince(provinces, manageScopes);
  const [year, setYear] = useState(currentYear);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const focus = useRef<string | null>(null);

  const show = (next: Loaded) => {
    setLoaded(next);
    setLists(next.lists);
  };

  useEffect(() => {
    if (!province) return;
    let live = true;
    setLoaded(null);
    setLists(null);
    setError(null);
    setNotice(null);
    fetchLists(province, year).then(
      (next) => {
        if (!live) return;
        setLoaded(next);
        setLists(next.lists);
      },
      (failure) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [province, year]);

  // Puts the cursor into a freshly added line.
  useEffect(() => {
    if (!focus.current) return;
    document.getElementById(`category-${focus.current}`)?.focus();
    focus.current = null;
  });

  const edit = (area: Area, change: (lines: Line[]) => Line[]) => {
    setNotice(null);
    setLists((current) => (current ? { ...current, [area]: change(current[area]) } : current));
  };
  const move = (area: Area, from: number, to: number) =>
    edit(area, (lines) => {
      const next = [...lines];
      const [line] = next.splice(from, 1);
      if (line) next.splice(to, 0, line);
      return next;
    });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!lists || !loaded) return;
    const problem = problemOf(lists);
    setError(problem);
    setNotice(null);
    if (problem) return;
    const body = Object.fromEntries(
      Area.options.map((area) => {
        const taken = new Set(lists[area].flatMap((l) => (l.id ? [l.id] : [])));
        return [area, lists[area].map((l) => ({ id: l.id ?? idFor(l.name, taken), name: l.name.trim() }))];
      }),
    ) as Record<Area, { id: string; name: string }[]>;
    setBusy(true);
    try {
      show(
        await loadedOf(
          api.api.categories.$put({
            query: { province, year },
            header: { "if-match": loaded.etag },
            json: { lists: body },
          }),
        ),
      );
      setNotice("Kategoriler kaydedildi.");
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        setError(`${failure.message} Güncel listeler yüklendi; değişikliklerinizi yeniden yapıp kaydedin.`);
        show(await fetchLists(province, year));
      } else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Kategoriler</h1>
      <p className="muted">
        Her ödül alanının etkinlik kategorileri, il ve eğitim öğretim yılı için ayrı tutulur. Kaldırılan bir kategoriye
        kayıtlı etkinlikler silinmez; kategorileri kimliğiyle görünür.
      </p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="category-province">İl</label>
          <select
            id="category-province"
            value={province}
            disabled={!provinces || provinces.length < 2}
            onChange={(event) => setChosen(event.target.value)}
          >
            {!provinces && <option value="">Yükleniyor…</option>}
            {provinces?.map((p) => (
              <option key={p.code} value={p.code}>
                {provinceLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="category-year">Eğitim öğretim yılı</label>
          <select id="category-year" value={year} onChange={(event) => setYear(event.target.value)}>
            {recentYears().map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </div>
      </form>

      {provinces && provinces.length === 0 && <p className="muted">Kategorilerini yönetebileceğiniz bir il yok.</p>}
      {province && !lists && !error && <p className="muted">Yükleniyor…</p>}
      {lists && loaded && (
        <form className="form category-lists" onSubmit={(event) => void save(event)}>
          {loaded.version === 0 && (
            <p className="hint">
              Bu yıl için programın varsayılan listeleri kullanılıyor; kaydettiğinizde ile özel listeler oluşur.
            </p>
          )}
          {Area.options.map((area) => (
            <fieldset key={area}>
              <legend>{areaNames[area]}</legend>
              <ol>
                {lists[area].map((line, i) => (
                  <li key={line.key}>
                    <span className="inline">
                      <input
                        id={`category-${line.key}`}
                        aria-label={`${areaNames[area]}: ${i + 1}. kategori`}
                        value={line.name}
                        maxLength={120}
                        onChange={(e) =>
                          edit(area, (lines) =>
                            lines.map((l) => (l.key === line.key ? { ...l, name: e.target.value } : l)),
                          )
                        }
                      />
                      <button
                        type="button"
                        className="secondary small"
                        aria-label="Yukarı taşı"
                        title="Yukarı taşı"
                        disabled={i === 0}
                        onClick={() => move(area, i, i - 1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="secondary small"
                        aria-label="Aşağı taşı"
                        title="Aşağı taşı"
                        disabled={i === lists[area].length - 1}
                        onClick={() => move(area, i, i + 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="secondary small"
                        disabled={lists[area].length === 1}
                        onClick={() => edit(area, (lines) => lines.filter((l) => l.key !== line.key))}
                      >
                        Kaldır
                      </button>
                    </span>
                  </li>
                ))}
              </ol>
              <button
                type="button"
                className="secondary small"
                disabled={lists[area].length >= 50}
                onClick={() => {
                  const key = newKey();
                  focus.current = key;
                  edit(area, (lines) => [...lines, { key, id: null, name: "" }]);
                }}
              >
                Kategori ekle
              </button>
            </fieldset>
          ))}
          <Alert text={error} />
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? "Kaydediliyor…" : "Kaydet"}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setLists(loaded.lists)}>
              Değişiklikleri geri al
            </button>
          </div>
        </form>
      )}
      {!lists && <Alert text={error} />}
    </>
  );
}
