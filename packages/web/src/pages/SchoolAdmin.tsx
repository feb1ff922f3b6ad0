import { Level, levelLabels, SchoolField, SchoolType, typeLabels, typeLevel } from "@bigep/core/shared";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { apiFieldErrors } from "../activity";
import { CsvImport, type CsvTemplate, defaultProvince, type ImportErrors, useProvincesFor } from "../admin";
import { ApiError, api, messageOf, request } from "../api";
import { compareTr, provinceLabel } from "../format";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert } from "../ui";

type School = Awaited<ReturnType<typeof fetchSchool>>["school"];
type District = { id: string; name: string };
type SchoolImport = ImportErrors & { created: number; updated: number; unchanged: number };

/** The form's values, all as text; empty optional fields mean "none". */
/** The school field rules of the API (core's pure schemas), per form field. */
const fieldRules: Partial<Record<string, { safeParse(value: unknown): { success: boolean } }>> = {
  code: SchoolField.Code,
  name: SchoolField.Name,
  email: SchoolField.Email,
  phone: SchoolField.Phone,
  address: SchoolField.Address,
};

/** True when `value` passes the field's rule (optional phone and address may be empty). */
function fieldValid(name: string, value: string): boolean {
  if ((name === "phone" || name === "address") && value.trim() === "") return true;
  return fieldRules[name]?.safeParse(value).success ?? value !== "";
}

type Form = {
  province: string;
  districtId: string;
  code: string;
  name: string;
  level: Level;
  type: SchoolType;
  email: string;
  phone: string;
  address: string;
};

const blank = (province: string): Form => ({
  province,
  districtId: "",
  code: "",
  name: "",
  level: "lise",
  type: "anadolu_lisesi",
  email: "",
  phone: "",
  address: "",
});

const formOf = (school: School): Form => ({
  province: school.provinceCode,
  districtId: school.districtId,
  code: school.code,
  name: school.name,
  level: school.level,
  type: school.type,
  email: school.email,
  phone: school.phone ?? "",
  address: school.address ?? "",
});

/** Types that belong to a level (plus those that span levels). */
const typesOf = (level: Level) => SchoolType.options.filter((t) => typeLevel[t] === level || typeLevel[t] === null);

/** A school with its version (ETag), which an update sends back as If-Match. */
async function fetchSchool(code: string) {
  const response = await api.api.schools[":code"].$get({ param: { code } });
  const school = await request(Promise.resolve(response));
  return { school, etag: response.headers.get("etag") ?? `"${school.version}"` };
}

const schoolsTemplate: CsvTemplate = {
  name: "okullar.csv",
  header: "kurum_kodu,okul_adi,kademe,tur,ilce,eposta,telefon,adres",
  example:
    "712345,Örnek Ortaokulu,Ortaokul,Ortaokul,Karesi,712345@meb.k12.tr,0266 123 45 67,Örnek Mah. Okul Sok. No: 1",
  values: [
    ["kurum_kodu", ["6–8 haneli MEB kurum kodu"]],
    ["kademe", Object.values(levelLabels)],
    ["tur", Object.values(typeLabels)],
    ["ilce", ["seçilen ildeki ilçenin adı (ör. Altıeylül, Karesi)"]],
    ["eposta", ["okulun e-posta adresi"]],
    ["telefon, adres", ["isteğe bağlı"]],
  ],
};

/**
 * School administration for org writers: add a school, edit one (optimistic locking), and import
 * a province's schools from CSV (province admins). The server checks every write's scope.
 */
export function SchoolAdmin() {
  const { scopesFor } = useSession();
  const writeScopes = scopesFor("org.write");
  const { search } = useLocation();
  const code = search.get("kod") ?? "";
  const provinces = useProvincesFor(writeScopes, { districts: true });
  const importProvinces = useProvincesFor(scopesFor("org.import"));
  const [importProvince, setImportProvince] = useState("");
  const chosenImport = importProvince || defaultProvince(importProvinces, scopesFor("org.import"));
  const firstProvince = defaultProvince(provinces, writeScopes);
  // Someone who writes schools only in some districts (a district officer) picks among those.
  const wider = writeScopes.some((s) => s.type === "province" || s.type === "national");
  const districtKey = writeScopes
    .filter((s) => s.type === "district")
    .map((s) => s.id)
    .join(",");
  const districtScopes = useMemo(() => (wider ? null : districtKey.split(",").filter(Boolean)), [wider, districtKey]);

  return (
    <>
      <h1>Okul yönetimi</h1>
      <p className="muted">
        Okul ekleyin, kurum koduyla bir okulu düzenleyin ya da bir ilin okullarını CSV dosyasından aktarın.{" "}
        <Link to="/okullar">Okul listesine dön</Link>
      </p>

      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          const value = String(new FormData(event.currentTarget).get("kod") ?? "").trim();
          navigate(value ? `/okullar/yonetim?kod=${encodeURIComponent(value)}` : "/okullar/yonetim");
        }}
      >
        <div className="field">
          <label htmlFor="find-code">Düzenlenecek okulun kurum kodu</label>
          <span className="inline">
            <input
              id="find-code"
              name="kod"
              key={code}
              defaultValue={code}
              inputMode="numeric"
              pattern="\d{6,8}"
              title="6–8 haneli kurum kodu"
            />
            <button type="submit" className="secondary">
              Getir
            </button>
          </span>
        </div>
      </form>

      {code && <EditSchool key={code} code={code} provinces={provinces ?? []} districtScopes={districtScopes} />}

      <section className="panel" aria-labelledby="add-title">
        <h2 id="add-title">Okul ekle</h2>
        {provinces && provinces.length > 0 ? (
          <SchoolForm
            key={firstProvince}
            initial={blank(firstProvince)}
            provinces={provinces}
            districtScopes={districtScopes}
            submitLabel="Okulu ekle"
            onSubmit={async (form) => {
              const school = await request(api.api.schools.$post({ json: toCreate(form) }));
              return `${school.name} (${school.code}) eklendi.`;
            }}
          />
        ) : (
          <p className="muted">{provinces ? "Okul ekleyebileceğiniz bir il yok." : "Yükleniyor…"}</p>
        )}
      </section>

      {importProvinces && importProvinces.length > 0 && (
        <CsvImport<SchoolImport>
          id="schools-import"
          title="Okulları CSV'den içe aktar"
          path={`/api/schools/import?province=${chosenImport}`}
          template={schoolsTemplate}
          hint="Kurum koduna göre eklenir ya da güncellenir; kademe, tür ve ilçe adıyla yazılabilir. Telefon ve adres isteğe bağlıdır. En çok 2 MB / 5000 satır."
          summary={(r) => `${r.created} okul eklendi, ${r.updated} güncellendi, ${r.unchanged} değişmedi.`}
        >
          <div className="field short">
            <label htmlFor="import-province">İl</label>
            <select
              id="import-province"
              value={chosenImport}
              disabled={importProvinces.length === 1}
              onChange={(event) => setImportProvince(event.target.value)}
            >
              {importProvinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {provinceLabel(p)}
                </option>
              ))}
            </select>
          </div>
        </CsvImport>
      )}
    </>
  );
}

function toCreate(form: Form) {
  return {
    code: form.code.trim(),
    name: form.name,
    level: form.level,
    type: form.type,
    districtId: form.districtId,
    email: form.email,
    ...(form.phone.trim() ? { phone: form.phone } : {}),
    ...(form.address.trim() ? { address: form.address } : {}),
  };
}

/** Loads a school and edits it; a stale version (409) reloads the current record. */
function EditSchool({
  code,
  provinces,
  districtScopes,
}: {
  code: string;
  provinces: { code: string; name: string }[];
  districtScopes: string[] | null;
}) {
  const [loaded, setLoaded] = useState<Awaited<ReturnType<typeof fetchSchool>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Kept here, not in the form: the form is rebuilt from each newly loaded version.
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchSchool(code).then(
      (result) => live && setLoaded(result),
      (failure) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [code]);

  if (!loaded) {
    return (
      <section className="panel" aria-labelledby="edit-title">
        <h2 id="edit-title">Okulu düzenle — {code}</h2>
        {error ? <Alert text={error} /> : <p className="muted">Yükleniyor…</p>}
      </section>
    );
  }
  const { school, etag } = loaded;
  // The school's own province stays selectable even outside the editor's list (the server decides).
  const choices = provinces.some((p) => p.code === school.provinceCode)
    ? provinces
    : [...provinces, { code: school.provinceCode, name: school.provinceCode }];

  return (
    <section className="panel" aria-labelledby="edit-title">
      <h2 id="edit-title">
        Okulu düzenle — {school.name} <span className="count">({school.code})</span>
      </h2>
      <Alert text={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <SchoolForm
        key={etag}
        initial={formOf(school)}
        provinces={choices}
        districtScopes={districtScopes}
        editing
        submitLabel="Değişiklikleri kaydet"
        onSubmit={async (form) => {
          setError(null);
          setNotice(null);
          try {
            const saved = await request(
              api.api.schools[":code"].$patch({
                param: { code },
                header: { "if-match": etag },
                json: {
                  name: form.name,
                  level: form.level,
                  type: form.type,
                  districtId: form.districtId,
                  email: form.email,
                  phone: form.phone.trim() ? form.phone : null,
                  address: form.address.trim() ? form.address : null,
                },
              }),
            );
            setLoaded({ school: saved, etag: `"${saved.version}"` });
            setNotice(`${saved.name} kaydedildi.`);
          } catch (failure) {
            if (!(failure instanceof ApiError && failure.status === 409)) throw failure;
            setError(`${failure.message} Kaydın güncel hâli yüklendi; değişikliklerinizi yeniden yapıp kaydedin.`);
            setLoaded(await fetchSchool(code));
          }
          return null;
        }}
      />
    </section>
  );
}

/** The school fields; `onSubmit` answers the notice to show (null: the caller shows its own), or throws the API's error. */
function SchoolForm({
  initial,
  provinces,
  districtScopes,
  editing = false,
  submitLabel,
  onSubmit,
}: {
  initial: Form;
  provinces: { code: string; name: string }[];
  districtScopes: string[] | null;
  editing?: boolean;
  submitLabel: string;
  onSubmit(form: Form): Promise<string | null>;
}) {
  const [form, setForm] = useState(initial);
  const [districts, setDistricts] = useState<District[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A mark clears as soon as its field is valid by the same rules the server applies (a choice
    // from a list is valid once made); the server checks everything again on save.
    const fixed = (Object.keys(patch) as (keyof Form)[]).filter((k) => errors[k] && fieldValid(k, patch[k] ?? ""));
    if (fixed.length > 0)
      setErrors((shown) => Object.fromEntries(Object.entries(shown).filter(([k]) => !fixed.includes(k as keyof Form))));
  };
  const prefix = editing ? "edit" : "add";

  useEffect(() => {
    if (!form.province) return;
    let live = true;
    setDistricts(null);
    request(api.api.provinces[":code"].districts.$get({ param: { code: form.province } })).then(
      (page) =>
        live &&
        setDistricts(
          page.items
            .filter((d) => !districtScopes || districtScopes.includes(d.id) || d.id === initial.districtId)
            .sort((a, b) => compareTr(a.name, b.name)),
        ),
      (failure) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [form.province, districtScopes, initial.districtId]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    setNotice(null);
    try {
      setNotice(await onSubmit(form));
      if (!editing) setForm((f) => ({ ...blank(f.province), districtId: f.districtId }));
    } catch (failure) {
      setErrors(apiFieldErrors(failure));
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const id = (name: keyof Form) => `${prefix}-${name}`;
  const invalid = (name: keyof Form) =>
    errors[name] ? { "aria-invalid": true, "aria-describedby": `${id(name)}-error` } : {};
  const message = (name: keyof Form) =>
    errors[name] ? (
      <span id={`${id(name)}-error`} className="error field-error">
        {errors[name]}
      </span>
    ) : null;

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <div className="row">
        <div className="field short">
          <label htmlFor={id("code")}>Kurum kodu</label>
          <input
            id={id("code")}
            value={form.code}
            onChange={(e) => change({ code: e.target.value })}
            disabled={editing}
            required
            inputMode="numeric"
            pattern="\d{6,8}"
            title="6–8 haneli kurum kodu"
            {...invalid("code")}
          />
          {message("code")}
        </div>
        {provinces.length > 1 && (
          <div className="field short">
            <label htmlFor={id("province")}>İl</label>
            <select
              id={id("province")}
              value={form.province}
              onChange={(e) => change({ province: e.target.value, districtId: "" })}
            >
              {provinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {provinceLabel(p)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field short">
          <label htmlFor={id("districtId")}>İlçe</label>
          <select
            id={id("districtId")}
            value={form.districtId}
            onChange={(e) => change({ districtId: e.target.value })}
            required
            {...invalid("districtId")}
          >
            <option value="">{districts ? "İlçe seçin" : "Yükleniyor…"}</option>
            {districts?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {message("districtId")}
        </div>
      </div>
      <div className="field">
        <label htmlFor={id("name")}>Okul adı</label>
        <input
          id={id("name")}
          value={form.name}
          onChange={(e) => change({ name: e.target.value })}
          required
          minLength={2}
          maxLength={200}
          {...invalid("name")}
        />
        {message("name")}
      </div>
      <div className="row">
        <div className="field short">
          <label htmlFor={id("level")}>Kademe</label>
          <select
            id={id("level")}
            value={form.level}
            onChange={(e) => {
              const level = e.target.value as Level;
              const types = typesOf(level);
              change({ level, type: types.includes(form.type) ? form.type : (types[0] ?? "other") });
            }}
          >
            {Level.options.map((l) => (
              <option key={l} value={l}>
                {levelLabels[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("type")}>Kurum türü</label>
          <select
            id={id("type")}
            value={form.type}
            onChange={(e) => change({ type: e.target.value as SchoolType })}
            {...invalid("type")}
          >
            {typesOf(form.level).map((t) => (
              <option key={t} value={t}>
                {typeLabels[t]}
              </option>
            ))}
          </select>
          {message("type")}
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={id("email")}>E-posta</label>
          <input
            id={id("email")}
            type="email"
            value={form.email}
            onChange={(e) => change({ email: e.target.value })}
            required
            maxLength={254}
            {...invalid("email")}
          />
          {message("email")}
        </div>
        <div className="field short">
          <label htmlFor={id("phone")}>
            Telefon <span className="hint">(isteğe bağlı)</span>
          </label>
          <input
            id={id("phone")}
            type="tel"
            value={form.phone}
            onChange={(e) => change({ phone: e.target.value })}
            maxLength={20}
            {...invalid("phone")}
          />
          {message("phone")}
        </div>
      </div>
      <div className="field">
        <label htmlFor={id("address")}>
          Adres <span className="hint">(isteğe bağlı)</span>
        </label>
        <textarea
          id={id("address")}
          rows={2}
          value={form.address}
          onChange={(e) => change({ address: e.target.value })}
          maxLength={300}
          {...invalid("address")}
        />
        {message("address")}
      </div>
      <Alert text={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}{" "}
          {form.districtId && (
            <Link to={`/okullar?il=${form.province}&ilce=${encodeURIComponent(form.districtId)}`}>
              İlçe listesini aç
            </Link>
          )}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Kaydediliyor…" : submitLabel}
      </button>
    </form>
  );
}
