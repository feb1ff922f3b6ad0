/**
 * Okul Ortaklığı Programı: the partnerships a person follows — their school's pair, a province's
 * pairs (either member school), or the national list by cohort — and, for those the server lets
 * create, the form that pairs two high schools of different provinces.
 */
import type { Scope } from "@bigep/core/shared";
import { type FormEvent, useEffect, useState } from "react";
import { api, messageOf, request } from "../api";
import { scopeText } from "../identity";
import { scopeTitle, useScopeNames } from "../names";
import { MoreButton, usePaged } from "../paging";
import { defaultYear, partnershipStatusNames, schoolNameIn } from "../partnership";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

const fetchList = (scope: Scope, cohort: string, cursor: string | null) => {
  const filter =
    scope.type === "school" ? { school: scope.id } : scope.type === "province" ? { province: scope.id } : { cohort };
  return request(api.api.partnerships.$get({ query: { ...filter, limit: "25", ...(cursor ? { cursor } : {}) } }));
};

/** The cohort (start year) shown first nationally: this school year's. */
const thisCohort = () => defaultYear("2000-2001").slice(0, 4);

export function Partnerships() {
  const session = useSession();
  const { search } = useLocation();
  const readable = session.scopesFor("partnership.read").filter((s) => s.type !== "partnership");
  const names = useScopeNames(readable);
  const chosen = search.get("kapsam") ?? (readable[0] ? scopeText(readable[0]) : "");
  const scope = readable.find((s) => scopeText(s) === chosen) ?? readable[0];
  const cohort = search.get("donem") ?? thisCohort();
  const paged = usePaged(scope ? (cursor) => fetchList(scope, cohort, cursor) : null, [
    scope ? scopeText(scope) : "",
    cohort,
  ]);
  const go = (next: { kapsam?: string; donem?: string }) =>
    navigate(
      `/ortakliklar?kapsam=${encodeURIComponent(next.kapsam ?? chosen)}&donem=${encodeURIComponent(next.donem ?? cohort)}`,
      { replace: true },
    );

  return (
    <>
      <h1>Okul ortaklıkları</h1>
      <p className="hint">
        Okul Ortaklığı Programı: farklı illerden iki Anadolu, fen ya da sosyal bilimler lisesi dört yıl boyunca ortak
        eylem planı, ortak etkinlikler ve yıllık değerlendirme raporuyla birlikte çalışır.
      </p>
      <div className="filters">
        <div className="field wide">
          <label htmlFor="partnership-scope">Görünüm</label>
          <select id="partnership-scope" value={chosen} onChange={(event) => go({ kapsam: event.target.value })}>
            {readable.map((s) => (
              <option key={scopeText(s)} value={scopeText(s)}>
                {s.type === "national" ? "Ulusal (başlangıç yılına göre)" : scopeTitle(s, names)}
              </option>
            ))}
          </select>
        </div>
        {scope?.type === "national" && (
          <div className="field short">
            <label htmlFor="partnership-cohort">Başlangıç yılı</label>
            <input
              id="partnership-cohort"
              inputMode="numeric"
              defaultValue={cohort}
              pattern="20\d\d"
              onChange={(event) => /^20\d\d$/.test(event.target.value) && go({ donem: event.target.value })}
            />
          </div>
        )}
      </div>
      <Alert text={paged.error} />
      {paged.items?.length === 0 && <p className="muted">Bu görünümde ortaklık yok.</p>}
      {(paged.items ?? []).length > 0 && (
        <TableBox label="Ortaklıklar">
          <table aria-label="Ortaklıklar">
            <thead>
              <tr>
                <th scope="col">Ortak okullar</th>
                <th scope="col">I. grup okul</th>
                <th scope="col">Başlangıç</th>
                <th scope="col">Durum</th>
              </tr>
            </thead>
            <tbody>
              {(paged.items ?? []).map((p) => (
                <tr key={p.id} data-partnership={p.id}>
                  <td>
                    <Link to={`/ortakliklar/${p.id}`}>{p.schools.map((s) => s.name).join(" – ")}</Link>
                  </td>
                  <td>{schoolNameIn(p.schools, p.leadSchool)}</td>
                  <td className="mono">{p.startYear}</td>
                  <td>{partnershipStatusNames[p.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <MoreButton paged={paged} />
      {session.scopesFor("partnership.create").length > 0 && (
        <CreateForm onCreated={(id) => navigate(`/ortakliklar/${id}`)} />
      )}
    </>
  );
}

type Staff = { id: string; name: string }[] | null;

/** The people of a school the caller may list (null: the server does not show them to this person). */
function useStaff(code: string): Staff {
  const [staff, setStaff] = useState<Staff>(null);
  useEffect(() => {
    setStaff(null);
    if (!/^\d{6,8}$/.test(code)) return;
    let live = true;
    request(api.api.users.$get({ query: { school: code, limit: "100" } })).then(
      (page) => live && setStaff(page.items.map((u) => ({ id: u.id, name: u.name }))),
      () => live && setStaff(null),
    );
    return () => {
      live = false;
    };
  }, [code]);
  return staff;
}

/** A school's coordinator: chosen from its staff when the server lists them, else by user id. */
function CoordinatorField({
  id,
  school,
  value,
  onChange,
}: {
  id: string;
  school: string;
  value: string;
  onChange(value: string): void;
}) {
  const staff = useStaff(school);
  return (
    <div className="field">
      <label htmlFor={id}>Koordinatör</label>
      {staff?.length ? (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)} required>
          <option value="">Seçin</option>
          {staff.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input id={id} value={value} onChange={(event) => onChange(event.target.value)} required maxLength={64} />
          <span className="hint">Okul kadrosunu göremiyorsanız koordinatörün kullanıcı kimliğini (usr_…) yazın.</span>
        </>
      )}
    </div>
  );
}

function CreateForm({ onCreated }: { onCreated(id: string): void }) {
  const [schools, setSchools] = useState<[string, string]>(["", ""]);
  const [lead, setLead] = useState<0 | 1>(0);
  const [startYear, setStartYear] = useState(defaultYear("2000-2001"));
  const [coordinators, setCoordinators] = useState<[string, string]>(["", ""]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Names of the codes typed so far, so the officer sees which schools they are pairing.
  const typed = useScopeNames(schools.filter((c) => /^\d{6,8}$/.test(c)).map((id) => ({ type: "school", id })));
  const nameOf = (code: string) => typed[`school:${code}`];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await request(
        api.api.partnerships.$post({
          json: {
            schools,
            leadSchool: schools[lead],
            startYear,
            coordinators: { [schools[0]]: coordinators[0], [schools[1]]: coordinators[1] },
            zumres: [],
          },
        }),
      );
      onCreated(created.id);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const schoolField = (index: 0 | 1) => (
    <fieldset className="plan-item">
      <legend>{index === 0 ? "Birinci okul" : "İkinci okul"}</legend>
      <div className="field short">
        <label htmlFor={`new-school-${index}`}>Kurum kodu</label>
        <input
          id={`new-school-${index}`}
          inputMode="numeric"
          pattern="\d{6,8}"
          required
          value={schools[index]}
          onChange={(event) => {
            const next: [string, string] = [...schools];
            next[index] = event.target.value.trim();
            setSchools(next);
          }}
        />
        {nameOf(schools[index]) && <span className="hint">{nameOf(schools[index])}</span>}
      </div>
      <CoordinatorField
        id={`new-coordinator-${index}`}
        school={schools[index]}
        value={coordinators[index]}
        onChange={(value) => {
          const next: [string, string] = [...coordinators];
          next[index] = value;
          setCoordinators(next);
        }}
      />
    </fieldset>
  );

  return (
    <section className="panel">
      <h2>Yeni ortaklık</h2>
      <p className="hint">
        İki okul farklı illerden olmalı ve Anadolu lisesi, fen lisesi ya da sosyal bilimler lisesi olmalıdır; ortaklık
        dört eğitim öğretim yılı sürer.
      </p>
      <form className="form" onSubmit={(event) => void submit(event)}>
        {schoolField(0)}
        {schoolField(1)}
        <div className="row">
          <div className="field">
            <label htmlFor="new-lead">I. grup okul (planı ve raporu gönderir)</label>
            <select id="new-lead" value={lead} onChange={(event) => setLead(event.target.value === "1" ? 1 : 0)}>
              <option value={0}>{nameOf(schools[0]) ?? "Birinci okul"}</option>
              <option value={1}>{nameOf(schools[1]) ?? "İkinci okul"}</option>
            </select>
          </div>
          <div className="field short">
            <label htmlFor="new-start">Başlangıç yılı</label>
            <input
              id="new-start"
              pattern="\d{4}-\d{4}"
              required
              value={startYear}
              onChange={(event) => setStartYear(event.target.value)}
            />
          </div>
        </div>
        <Alert text={error} />
        <button type="submit" disabled={busy}>
          Ortaklığı kur
        </button>
      </form>
    </section>
  );
}
