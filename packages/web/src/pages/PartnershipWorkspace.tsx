/**
 * The shared workspace of a partnership, for the people of both schools (and the officers who
 * follow it): overview, the year's joint action plan, the indicator board, joint activities,
 * meetings, the shared materials library and the evaluation report. The year and the tab live in the address (`?yil=…&bolum=…`).
 */
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { messageOf } from "../api";
import { ScopeName } from "../names";
import {
  defaultYear,
  fetchPartnership,
  type PartnershipView,
  partnershipStatusNames,
  schoolNameIn,
  termYears,
} from "../partnership";
import { Link, navigate, useLocation, useParams } from "../router";
import { Alert } from "../ui";
import { IndicatorBoard } from "./partnership/IndicatorBoard";
import { MaterialsTab } from "./partnership/MaterialsTab";
import { MeetingsTab } from "./partnership/MeetingsTab";
import { PlanTab } from "./partnership/PlanTab";
import { ReportTab } from "./partnership/ReportTab";
import { WorkTab } from "./partnership/WorkTab";

const tabs = [
  ["genel", "Genel bakış"],
  ["plan", "Eylem planı"],
  ["gostergeler", "Göstergeler"],
  ["etkinlikler", "Ortak etkinlikler"],
  ["toplantilar", "Toplantılar"],
  ["materyaller", "Materyaller"],
  ["rapor", "Değerlendirme raporu"],
] as const;
type Tab = (typeof tabs)[number][0];

export function PartnershipWorkspace() {
  const { id } = useParams<"id">();
  const { search } = useLocation();
  const [partnership, setPartnership] = useState<PartnershipView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setPartnership(await fetchPartnership(id));
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!partnership) {
    return (
      <>
        <h1>Ortaklık</h1>
        {error ? <Alert text={error} /> : <p className="muted">Yükleniyor…</p>}
      </>
    );
  }
  const years = termYears(partnership.startYear);
  const year = years.find((y) => y === search.get("yil")) ?? defaultYear(partnership.startYear);
  const tab: Tab = tabs.find(([key]) => key === search.get("bolum"))?.[0] ?? "genel";
  const href = (next: { yil?: string; bolum?: Tab }) =>
    `/ortakliklar/${id}?yil=${next.yil ?? year}&bolum=${next.bolum ?? tab}`;

  return (
    <>
      <h1>{partnership.schools.map((s) => s.name).join(" – ")}</h1>
      <div className="filters">
        <div className="field short">
          <label htmlFor="workspace-year">Eğitim öğretim yılı</label>
          <select
            id="workspace-year"
            value={year}
            onChange={(event) => navigate(href({ yil: event.target.value }), { replace: true })}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <nav aria-label="Çalışma alanı bölümleri">
        <ul className="tabs">
          {tabs.map(([key, label]) => (
            <li key={key}>
              <Link to={href({ bolum: key })} aria-current={key === tab ? "page" : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "genel" && <Overview partnership={partnership} />}
      {tab === "plan" && <PlanTab key={year} partnership={partnership} year={year} />}
      {tab === "gostergeler" && <IndicatorBoard key={year} partnership={partnership} year={year} />}
      {tab === "etkinlikler" && <WorkTab key={year} partnership={partnership} year={year} />}
      {tab === "toplantilar" && <MeetingsTab key={year} partnership={partnership} year={year} />}
      {tab === "materyaller" && <MaterialsTab partnership={partnership} />}
      {tab === "rapor" && <ReportTab key={year} partnership={partnership} year={year} />}
    </>
  );
}

function Overview({ partnership: p }: { partnership: PartnershipView }) {
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Genel bakış</h2>
      <dl className="facts">
        <Fact term="Durum">
          {partnershipStatusNames[p.status]} ({p.startYear} başlangıçlı, dört yıl)
        </Fact>
        <Fact term="I. grup okul">{schoolNameIn(p.schools, p.leadSchool)}</Fact>
        {p.schools.map((s) => (
          <Fact key={s.code} term={s.name}>
            <ScopeName scope={{ type: "province", id: s.province }} code={false} /> · Koordinatör:{" "}
            {p.coordinators[s.code]?.name ?? "—"}
          </Fact>
        ))}
        <Fact term="Ortak zümreler">
          {p.zumres.length
            ? p.zumres
                .map((z) => `${z.subject} (başkan: ${z.head.name}, ${schoolNameIn(p.schools, z.head.school)})`)
                .join("; ")
            : "Henüz ortak zümre yok."}
        </Fact>
      </dl>
      <p>
        Herkese açık vitrin: <Link to={`/vitrin/${p.id}`}>onaylanmış ortak çalışmalar</Link>
      </p>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
