import { useEffect, useState } from "react";
import { api, messageOf, request } from "../api";
import { compareTr, formatNumber, levelLabels, PROGRAMME_PROVINCE, provinceLabel, typeLabels } from "../format";
import { useHomePlace } from "../names";
import { MoreButton, usePaged } from "../paging";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

type Province = { code: string; name: string };
type District = { id: string; name: string };

const fetchSchools = (id: string, cursor: string | null) =>
  request(
    api.api.districts[":id"].schools.$get({ param: { id }, query: { limit: 100, ...(cursor ? { cursor } : {}) } }),
  );

const byName = <T extends { name: string }>(a: T, b: T) => compareTr(a.name, b.name);
const DEFAULT_PROVINCE = PROGRAMME_PROVINCE;

/** Remembers the choices in the address, so the view can be shared and Back works. */
function choose(province: string, district?: string) {
  const query = new URLSearchParams({ il: province, ...(district ? { ilce: district } : {}) });
  navigate(`/okullar?${query}`, { replace: true });
}

/** Directory of schools: province → district → the district's schools. */
export function Schools() {
  const { search } = useLocation();
  const session = useSession();
  // Without a choice in the address the person's own province and district are preselected
  // (Balıkesir for the anonymous); the lists wait until that place is known.
  const home = useHomePlace(session.status === "loading" ? undefined : (session.me?.grants ?? []).map((g) => g.scope));
  const chosen = search.get("il");
  const provinceCode = chosen ?? (home ? (home.province ?? DEFAULT_PROVINCE) : null);
  const districtId = search.get("ilce") ?? (chosen ? "" : (home?.district ?? ""));
  const writer = session.scopesFor("org.write").length > 0;

  const [provinces, setProvinces] = useState<Province[]>([]);
  const [districts, setDistricts] = useState<District[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const paged = usePaged(districtId ? (cursor) => fetchSchools(districtId, cursor) : null, [districtId], byName);
  const schools = paged.items;

  useEffect(() => {
    request(api.api.provinces.$get()).then(
      (page) => setProvinces(page.items),
      (failure) => setError(messageOf(failure)),
    );
  }, []);

  useEffect(() => {
    let live = true;
    setDistricts(null);
    if (!provinceCode) return;
    request(api.api.provinces[":code"].districts.$get({ param: { code: provinceCode } })).then(
      (page) => live && setDistricts([...page.items].sort(byName)),
      (failure) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [provinceCode]);

  const district = districts?.find((d) => d.id === districtId);

  return (
    <>
      <h1>Okullar</h1>
      {writer && (
        <p>
          <Link to="/okullar/yonetim" className="button secondary">
            Okul ekle, düzenle, içe aktar
          </Link>
        </p>
      )}
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="province">İl</label>
          <select id="province" value={provinceCode ?? ""} onChange={(event) => choose(event.target.value)}>
            {provinces.length === 0 && <option value={provinceCode ?? ""}>{provinceCode ?? "Yükleniyor…"}</option>}
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {provinceLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="district">İlçe</label>
          <select
            id="district"
            value={districtId}
            disabled={!districts}
            onChange={(event) => choose(provinceCode ?? DEFAULT_PROVINCE, event.target.value)}
          >
            <option value="">{districts ? "İlçe seçin" : "Yükleniyor…"}</option>
            {districts?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      </form>

      <Alert text={error ?? paged.error} />
      {districts && districts.length === 0 && <p className="muted">Bu il için kayıtlı ilçe yok.</p>}
      {!districtId && districts && districts.length > 0 && (
        <p className="muted">Okulları görmek için bir ilçe seçin.</p>
      )}

      {/* Rows only once the district list is in: the select then shows the chosen district in the
          same render (a deep link's rows never appear beside an empty select). */}
      {schools && districts && (
        <section aria-labelledby="schools-title">
          <h2 id="schools-title">
            {district?.name ?? "İlçe"} okulları{" "}
            <span className="count">({formatNumber(paged.total ?? schools.length)})</span>
          </h2>
          {schools.length === 0 ? (
            <p className="muted">
              Bu ilçede kayıtlı okul yok.{" "}
              {writer ? (
                <Link to="/okullar/yonetim">Okul ekleyin ya da CSV ile içe aktarın</Link>
              ) : (
                "Başka bir ilçe seçin."
              )}
            </p>
          ) : (
            <TableBox label={`${district?.name ?? "İlçe"} okulları`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Kurum kodu</th>
                    <th scope="col">Okul adı</th>
                    <th scope="col">Kademe</th>
                    <th scope="col">Tür</th>
                    <th scope="col">E-posta</th>
                    {writer && (
                      <th scope="col">
                        <span className="visually-hidden">İşlem</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {schools.map((school) => (
                    <tr key={school.code}>
                      <td className="mono">{school.code}</td>
                      <td>{school.name}</td>
                      <td>{levelLabels[school.level]}</td>
                      <td>{typeLabels[school.type]}</td>
                      <td>
                        <a href={`mailto:${school.email}`}>{school.email}</a>
                      </td>
                      {writer && (
                        <td>
                          <Link
                            to={`/okullar/yonetim?kod=${school.code}`}
                            aria-label={`${school.name} okulunu düzenle`}
                          >
                            Düzenle
                          </Link>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          )}
        </section>
      )}
      <MoreButton paged={paged} />
    </>
  );
}
