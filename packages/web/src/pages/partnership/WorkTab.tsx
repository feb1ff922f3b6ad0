/**
 * Joint activities of the year (owned by the pair, linked to plan items), the form that records
 * one, and the coordinator's offer of an activity for the public showcase: the content rule
 * confirmed, the publication consent stated; a province moderator then decides.
 */
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { api, messageOf, request } from "../../api";
import { DateInput } from "../../inputs";
import {
  fetchPlan,
  fetchWork,
  formatDay,
  type PartnershipView,
  type PlanView,
  schoolNameIn,
  type WorkView,
} from "../../partnership";
import { Alert, TableBox } from "../../ui";

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul" }).format(new Date());

export function WorkTab({ partnership: p, year }: { partnership: PartnershipView; year: string }) {
  const [works, setWorks] = useState<WorkView[] | null>(null);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [offering, setOffering] = useState<WorkView | null>(null);

  const load = useCallback(async () => {
    try {
      setWorks(await fetchWork(p.id, year));
      setPlan(await fetchPlan(p.id, year).catch(() => null));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [p.id, year]);
  useEffect(() => {
    void load();
  }, [load]);

  const itemTitle = (id: string | undefined) => plan?.items.find((i) => i.id === id)?.title ?? "—";

  return (
    <section aria-labelledby="work-title">
      <h2 id="work-title">Ortak etkinlikler {year}</h2>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Alert text={error} />
      {works?.length === 0 && <p className="muted">Bu yıl kaydedilmiş ortak etkinlik yok.</p>}
      {(works ?? []).length > 0 && (
        <TableBox label="Ortak etkinlikler">
          <table aria-label="Ortak etkinlikler">
            <thead>
              <tr>
                <th scope="col">Tarih</th>
                <th scope="col">Etkinlik</th>
                <th scope="col">Plan maddesi</th>
                <th scope="col">Okullar</th>
                <th scope="col">Kaydeden</th>
                {p.may?.editPlan && <th scope="col">Vitrin</th>}
              </tr>
            </thead>
            <tbody>
              {(works ?? []).map((w) => (
                <tr key={w.id} data-work={w.id}>
                  <td>{formatDay(w.date)}</td>
                  <td>{w.title}</td>
                  <td>{itemTitle(w.itemId)}</td>
                  <td>{w.schools.map((s) => schoolNameIn(p.schools, s)).join(", ")}</td>
                  <td>{w.ownerName}</td>
                  {p.may?.editPlan && (
                    <td>
                      <button type="button" className="link" onClick={() => setOffering(w)}>
                        Vitrine öner
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {offering && (
        <OfferForm
          partnership={p}
          year={year}
          work={offering}
          onDone={(text) => {
            setOffering(null);
            setNotice(text);
          }}
          onCancel={() => setOffering(null)}
        />
      )}
      {p.may?.work && (
        <WorkForm
          partnership={p}
          year={year}
          plan={plan}
          onCreated={async (title) => {
            setNotice(`"${title}" kaydedildi.`);
            await load();
          }}
        />
      )}
    </section>
  );
}

function WorkForm({
  partnership: p,
  year,
  plan,
  onCreated,
}: {
  partnership: PartnershipView;
  year: string;
  plan: PlanView | null;
  onCreated(title: string): Promise<void>;
}) {
  const codes = p.schools.map((s) => s.code);
  const [title, setTitle] = useState("");
  const [date, setDate] = useState(today());
  const [itemId, setItemId] = useState("");
  const [schools, setSchools] = useState<string[]>(codes);
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await request(
        api.api.partnerships[":id"].years[":year"].work.$post({
          param: { id: p.id, year },
          json: {
            title,
            date,
            schools,
            people: [],
            ...(itemId ? { itemId } : {}),
            ...(description.trim() ? { description } : {}),
          },
        }),
      );
      setTitle("");
      setDescription("");
      await onCreated(title);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <form className="form panel" onSubmit={(event) => void submit(event)}>
      <h3>Ortak etkinlik kaydet</h3>
      <div className="field">
        <label htmlFor="work-title-input">Etkinlik adı</label>
        <input
          id="work-title-input"
          required
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="work-date">Tarih</label>
          <DateInput id="work-date" required value={date} onChange={setDate} />
        </div>
        <div className="field">
          <label htmlFor="work-item">Plan maddesi</label>
          <select id="work-item" value={itemId} onChange={(event) => setItemId(event.target.value)}>
            <option value="">—</option>
            {(plan?.items ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>Okullar</legend>
        {p.schools.map((s) => (
          <label className="check" key={s.code}>
            <input
              type="checkbox"
              checked={schools.includes(s.code)}
              onChange={(event) =>
                setSchools(
                  event.target.checked
                    ? codes.filter((c) => c === s.code || schools.includes(c))
                    : schools.filter((c) => c !== s.code),
                )
              }
            />{" "}
            {s.name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="work-description">Açıklama</label>
        <textarea
          id="work-description"
          maxLength={4000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <Alert text={error} />
      <button type="submit">Etkinliği kaydet</button>
    </form>
  );
}

function OfferForm({
  partnership: p,
  year,
  work,
  onDone,
  onCancel,
}: {
  partnership: PartnershipView;
  year: string;
  work: WorkView;
  onDone(text: string): void;
  onCancel(): void;
}) {
  const [rule, setRule] = useState(false);
  const [consent, setConsent] = useState(false);
  const [summary, setSummary] = useState(work.description ?? "");
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await request(
        api.api.partnerships[":id"].years[":year"].posts.$post({
          param: { id: p.id, year },
          json: {
            workId: work.id,
            contentRule: rule as true,
            consent,
            ...(summary.trim() ? { summary: summary.trim() } : {}),
          },
        }),
      );
      onDone(`"${work.title}" il moderasyonuna gönderildi; onaylanınca vitrinde görünür.`);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <form className="form panel" onSubmit={(event) => void submit(event)}>
      <h3>Vitrine öner: {work.title}</h3>
      <label className="check">
        <input type="checkbox" required checked={rule} onChange={(event) => setRule(event.target.checked)} /> İçerik
        siyasi ya da reklam içerikli unsur, genel ahlak kurallarına ve toplum yapısına aykırı bir şey içermiyor.
      </label>
      <label className="check">
        <input type="checkbox" checked={consent} onChange={(event) => setConsent(event.target.checked)} /> Tanınabilir
        öğrenci görüntüsü varsa yayın izinleri kayıtlıdır.
      </label>
      <div className="field">
        <label htmlFor="offer-summary">Vitrinde görünecek özet (öğrenci adı yazmayın)</label>
        <textarea
          id="offer-summary"
          maxLength={1000}
          value={summary}
          onChange={(event) => setSummary(event.target.value)}
        />
      </div>
      <Alert text={error} />
      <div className="actions">
        <button type="submit">Moderasyona gönder</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Vazgeç
        </button>
      </div>
    </form>
  );
}
