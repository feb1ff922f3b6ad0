/**
 * The indicator board: every indicator of the year's current plan with its target, the value
 * reached and the attainment the API computes (per indicator, per item, for the plan), and the
 * form that records an actual. The web never computes attainment itself.
 */
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError, api, messageOf, request } from "../../api";
import { DateInput } from "../../inputs";
import { AttainmentBar, fetchPlan, type PartnershipView, type PlanView, schoolNameIn } from "../../partnership";
import { Alert, TableBox } from "../../ui";

/** Today in Istanbul as yyyy-MM-dd. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul" }).format(new Date());

const number = (n: number | null) => (n === null ? "—" : n.toLocaleString("tr-TR"));

export function IndicatorBoard({ partnership: p, year }: { partnership: PartnershipView; year: string }) {
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [indicatorId, setIndicatorId] = useState("");
  const [date, setDate] = useState(today());
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");

  const load = useCallback(async () => {
    try {
      setPlan(await fetchPlan(p.id, year));
      setMissing(false);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) setMissing(true);
      else setError(messageOf(failure));
    }
  }, [p.id, year]);
  useEffect(() => {
    void load();
  }, [load]);

  const attainment = plan?.attainment;
  const indicators = attainment?.items.flatMap((item) => item.indicators.map((ind) => ({ item, ind }))) ?? [];

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const chosen = indicatorId || indicators[0]?.ind.indicatorId;
    if (!chosen) return;
    try {
      await request(
        api.api.partnerships[":id"].years[":year"].actuals.$post({
          param: { id: p.id, year },
          json: {
            indicatorId: chosen,
            date,
            value: Number(value.replace(",", ".")),
            ...(note.trim() ? { note } : {}),
          },
        }),
      );
      setValue("");
      setNote("");
      setNotice("Gerçekleşme kaydedildi; gerçekleşme oranları güncellendi.");
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="board-title">
      <h2 id="board-title">Gösterge panosu {year}</h2>
      {missing && <p className="muted">Bu yıl için eylem planı yok; göstergeler planla birlikte tanımlanır.</p>}
      {attainment && (
        <p className="plan-attainment">
          Planın gerçekleşme oranı: <AttainmentBar percent={attainment.percent} label="Planın gerçekleşme oranı" />
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Alert text={error} />
      {plan && indicators.length === 0 && <p className="muted">Planda gösterge yok.</p>}
      {indicators.length > 0 && attainment && (
        <TableBox label="Göstergeler">
          <table aria-label="Göstergeler">
            <thead>
              <tr>
                <th scope="col">Plan maddesi</th>
                <th scope="col">Gösterge</th>
                <th scope="col">Ölçen okul</th>
                <th scope="col">Başlangıç</th>
                <th scope="col">Hedef</th>
                <th scope="col">Gerçekleşen</th>
                <th scope="col">Gerçekleşme</th>
              </tr>
            </thead>
            <tbody>
              {attainment.items.map((item) =>
                item.indicators.map((ind, j) => (
                  <tr key={ind.indicatorId} data-indicator={ind.indicatorId}>
                    <td>
                      {j === 0 ? item.title : ""}
                      {j === 0 && item.indicators.length > 1 && (
                        <small className="code-line">
                          Madde: <AttainmentBar percent={item.percent} label={`${item.title} gerçekleşme oranı`} />
                        </small>
                      )}
                    </td>
                    <td>{ind.name}</td>
                    <td>{schoolNameIn(p.schools, ind.owner)}</td>
                    <td className="mono">{number(ind.baseline)}</td>
                    <td className="mono">
                      {number(ind.target)} {ind.unit}
                    </td>
                    <td className="mono">
                      {number(ind.value)} {ind.value === null ? "" : ind.unit}
                    </td>
                    <td>
                      <AttainmentBar percent={ind.percent} label={`${ind.name} gerçekleşme oranı`} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableBox>
      )}
      {p.may?.work && indicators.length > 0 && (
        <form className="form panel" onSubmit={(event) => void record(event)}>
          <h3>Gerçekleşme kaydet</h3>
          <div className="field">
            <label htmlFor="actual-indicator">Gösterge</label>
            <select id="actual-indicator" value={indicatorId} onChange={(event) => setIndicatorId(event.target.value)}>
              {indicators.map(({ item, ind }) => (
                <option key={ind.indicatorId} value={ind.indicatorId}>
                  {item.title}: {ind.name}
                </option>
              ))}
            </select>
          </div>
          <div className="row">
            <div className="field">
              <label htmlFor="actual-date">Tarih</label>
              <DateInput id="actual-date" required value={date} onChange={setDate} />
            </div>
            <div className="field">
              <label htmlFor="actual-value">Değer</label>
              <input
                id="actual-value"
                inputMode="decimal"
                required
                pattern="-?\d+([.,]\d+)?"
                value={value}
                onChange={(event) => setValue(event.target.value)}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor="actual-note">Not</label>
            <input id="actual-note" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
          <button type="submit">Gerçekleşmeyi kaydet</button>
        </form>
      )}
    </section>
  );
}
