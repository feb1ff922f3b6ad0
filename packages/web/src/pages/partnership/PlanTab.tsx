/**
 * The joint action plan of a year: the current version (or an earlier one), its items under the
 * programme's topic headings with their indicators, the editor while it is a draft, the workflow
 * steps the server allows (agree, submit, receive, forward, return, amend) and the history with
 * the differences between versions.
 */
import {
  activityTypeLabels,
  type PartnershipActivityType,
  type PartnershipStoredItem,
  type PartnershipTopic,
  topicLabels,
} from "@bigep/core/shared";
import { useCallback, useEffect, useState } from "react";
import { ApiError, api, messageOf, request } from "../../api";
import { formatDateTime } from "../../format";
import { DateInput } from "../../inputs";
import {
  ChainBadge,
  fetchHistory,
  fetchPlan,
  formatDay,
  type PartnershipView,
  type PlanView,
  schoolNameIn,
} from "../../partnership";
import { useSession } from "../../session";
import { Alert, TableBox, useConfirm } from "../../ui";
import { ChainActions } from "./ChainActions";
import { diffPlans } from "./diff";

type FormIndicator = {
  id?: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  aggregate: "sum" | "latest";
  owner: string;
};
type FormItem = {
  id?: string;
  topic: PartnershipTopic;
  activityType: PartnershipActivityType;
  title: string;
  description: string;
  schools: string[];
  zumre: string;
  from: string;
  to: string;
  people: PartnershipStoredItem["people"];
  indicators: FormIndicator[];
};

const toForm = (item: PartnershipStoredItem): FormItem => ({
  id: item.id,
  topic: item.topic,
  activityType: item.activityType,
  title: item.title,
  description: item.description ?? "",
  schools: item.schools,
  zumre: item.zumre ?? "",
  from: item.from,
  to: item.to,
  people: item.people,
  indicators: item.indicators.map((ind) => ({
    id: ind.id,
    name: ind.name,
    unit: ind.unit,
    baseline: String(ind.baseline),
    target: String(ind.target),
    aggregate: ind.aggregate,
    owner: ind.owner,
  })),
});

const fromForm = (item: FormItem) => ({
  ...(item.id ? { id: item.id } : {}),
  topic: item.topic,
  activityType: item.activityType,
  title: item.title,
  ...(item.description.trim() ? { description: item.description } : {}),
  schools: item.schools,
  people: item.people,
  ...(item.zumre ? { zumre: item.zumre } : {}),
  from: item.from,
  to: item.to,
  indicators: item.indicators.map((ind) => ({
    ...(ind.id ? { id: ind.id } : {}),
    name: ind.name,
    unit: ind.unit,
    baseline: Number(ind.baseline.replace(",", ".")),
    target: Number(ind.target.replace(",", ".")),
    aggregate: ind.aggregate,
    owner: ind.owner,
  })),
});

const historyNames: Record<string, string> = {
  create: "Plan oluşturuldu",
  create_from_report: "Rapordan oluşturuldu",
  update: "Düzenlendi",
  agree: "Koordinatör onayladı",
  submit: "Gönderildi",
  receive: "Teslim alındı",
  forward: "OGM'ye iletildi",
  return: "İade edildi",
  amend: "Değişiklik (yeni sürüm)",
  compile: "Rapor derlendi",
};

export function PlanTab({ partnership: p, year }: { partnership: PartnershipView; year: string }) {
  const session = useSession();
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [previous, setPrevious] = useState<PlanView | null>(null);
  const [missing, setMissing] = useState(false);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [history, setHistory] = useState<Awaited<ReturnType<typeof fetchHistory>>>([]);
  const [items, setItems] = useState<FormItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();

  const load = useCallback(async () => {
    try {
      const loaded = await fetchPlan(p.id, year, version);
      setPlan(loaded);
      setMissing(false);
      setItems(loaded.items.map(toForm));
      setPrevious(loaded.version > 1 ? await fetchPlan(p.id, year, loaded.version - 1) : null);
      setHistory((await fetchHistory(p.id, year)).filter((h) => h.kind === "plan"));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) {
        setPlan(null);
        setMissing(true);
        setItems([]);
      } else setError(messageOf(failure));
    }
  }, [p.id, year, version]);
  useEffect(() => {
    void load();
  }, [load]);

  const current = !!plan && (version === undefined || version === plan.versions);
  const editable =
    !!p.may?.editPlan && (missing || (current && (plan?.status === "draft" || plan?.status === "agreed")));
  const codes = p.schools.map((s) => s.code);
  const blank = (): FormItem => ({
    topic: "academic_success",
    activityType: "joint_exam",
    title: "",
    description: "",
    schools: codes,
    zumre: "",
    from: `${year.slice(0, 4)}-10-01`,
    to: `${year.slice(5)}-05-31`,
    people: [],
    indicators: [],
  });
  const change = (index: number, patch: Partial<FormItem>) =>
    setItems((all) => all.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const changeIndicator = (index: number, j: number, patch: Partial<FormIndicator>) =>
    change(index, {
      indicators: (items[index]?.indicators ?? []).map((ind, k) => (k === j ? { ...ind, ...patch } : ind)),
    });

  const save = async () => {
    setError(null);
    setNotice(null);
    try {
      const saved = (await request(
        api.api.partnerships[":id"].plans[":year"].$put({
          param: { id: p.id, year },
          header: { "if-match": `"${plan?.rev ?? 0}"` },
          json: { items: items.map(fromForm) },
        }),
      )) as PlanView;
      setNotice(`Plan kaydedildi (sürüm ${saved.version}). Onaylar yeniden başlar.`);
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const myAgreement = plan
    ? p.schools.find((s) => p.coordinators[s.code]?.userId === session.me?.user.id)?.code
    : undefined;

  return (
    <section aria-labelledby="plan-title">
      {dialog}
      <h2 id="plan-title">Ortak eylem planı {year}</h2>
      {missing && <p className="muted">Bu yıl için eylem planı henüz yok.</p>}
      {plan && (
        <div className="plan-head">
          <p>
            Sürüm {plan.version} / {plan.versions} · <ChainBadge status={plan.status} /> · Son değişiklik{" "}
            {formatDateTime(plan.updatedAt)}
          </p>
          {Object.keys(plan.agreements).length > 0 && (
            <p>
              Onaylayan koordinatörler:{" "}
              {Object.entries(plan.agreements)
                .map(([code, a]) => `${a.name} (${schoolNameIn(p.schools, code)}, ${formatDateTime(a.at)})`)
                .join("; ")}
            </p>
          )}
          {plan.returnReason && plan.status === "returned" && (
            <p className="error">İade gerekçesi: {plan.returnReason}</p>
          )}
          {plan.versions > 1 && (
            <div className="field short">
              <label htmlFor="plan-version">Gösterilen sürüm</label>
              <select
                id="plan-version"
                value={version ?? plan.versions}
                onChange={(event) => setVersion(Number(event.target.value))}
              >
                {Array.from({ length: plan.versions }, (_, i) => i + 1).map((v) => (
                  <option key={v} value={v}>
                    Sürüm {v}
                    {v === plan.versions ? " (güncel)" : ""}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Alert text={error} />
      {plan && current && (
        <ChainActions
          kind="plan"
          partnership={p}
          year={year}
          state={plan}
          mine={myAgreement}
          ask={ask}
          onDone={async (text) => {
            setNotice(text);
            setVersion(undefined);
            await load();
          }}
          onError={setError}
        />
      )}
      {editable ? (
        <form
          className="plan-editor"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {items.map((item, index) => (
            <fieldset className="plan-item" key={item.id ?? `new-${index}`}>
              <legend>Madde {index + 1}</legend>
              <div className="field">
                <label htmlFor={`item-${index}-title`}>Başlık</label>
                <input
                  id={`item-${index}-title`}
                  required
                  maxLength={200}
                  value={item.title}
                  onChange={(event) => change(index, { title: event.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`item-${index}-topic`}>Konu başlığı</label>
                <select
                  id={`item-${index}-topic`}
                  value={item.topic}
                  onChange={(event) => change(index, { topic: event.target.value as PartnershipTopic })}
                >
                  {Object.entries(topicLabels).map(([key, label]) => (
                    <option key={key} value={key}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`item-${index}-type`}>Faaliyet türü</label>
                <select
                  id={`item-${index}-type`}
                  value={item.activityType}
                  onChange={(event) => change(index, { activityType: event.target.value as PartnershipActivityType })}
                >
                  {Object.entries(activityTypeLabels).map(([key, label]) => (
                    <option key={key} value={key}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`item-${index}-description`}>Açıklama</label>
                <textarea
                  id={`item-${index}-description`}
                  maxLength={4000}
                  value={item.description}
                  onChange={(event) => change(index, { description: event.target.value })}
                />
              </div>
              <fieldset>
                <legend>Sorumlu okul(lar)</legend>
                {p.schools.map((s) => (
                  <label className="check" key={s.code}>
                    <input
                      type="checkbox"
                      checked={item.schools.includes(s.code)}
                      onChange={(event) =>
                        change(index, {
                          schools: event.target.checked
                            ? codes.filter((c) => c === s.code || item.schools.includes(c))
                            : item.schools.filter((c) => c !== s.code),
                        })
                      }
                    />{" "}
                    {s.name}
                  </label>
                ))}
              </fieldset>
              <div className="row">
                {p.zumres.length > 0 && (
                  <div className="field">
                    <label htmlFor={`item-${index}-zumre`}>Ortak zümre</label>
                    <select
                      id={`item-${index}-zumre`}
                      value={item.zumre}
                      onChange={(event) => change(index, { zumre: event.target.value })}
                    >
                      <option value="">—</option>
                      {p.zumres.map((z) => (
                        <option key={z.subject} value={z.subject}>
                          {z.subject}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <div className="field">
                  <label htmlFor={`item-${index}-from`}>Başlangıç</label>
                  <DateInput
                    id={`item-${index}-from`}
                    required
                    value={item.from}
                    onChange={(from) => change(index, { from })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`item-${index}-to`}>Bitiş</label>
                  <DateInput
                    id={`item-${index}-to`}
                    required
                    value={item.to}
                    onChange={(to) => change(index, { to })}
                  />
                </div>
              </div>
              {item.indicators.map((ind, j) => (
                <fieldset className="indicator-row" key={ind.id ?? `new-${j}`}>
                  <legend>
                    Performans göstergesi {index + 1}.{j + 1}
                  </legend>
                  <div className="field">
                    <label htmlFor={`ind-${index}-${j}-name`}>Gösterge adı</label>
                    <input
                      id={`ind-${index}-${j}-name`}
                      required
                      maxLength={200}
                      value={ind.name}
                      onChange={(event) => changeIndicator(index, j, { name: event.target.value })}
                    />
                  </div>
                  <div className="row">
                    <div className="field">
                      <label htmlFor={`ind-${index}-${j}-unit`}>Birim</label>
                      <input
                        id={`ind-${index}-${j}-unit`}
                        required
                        maxLength={40}
                        value={ind.unit}
                        onChange={(event) => changeIndicator(index, j, { unit: event.target.value })}
                      />
                    </div>
                    <div className="field">
                      <label htmlFor={`ind-${index}-${j}-baseline`}>Başlangıç değeri</label>
                      <input
                        id={`ind-${index}-${j}-baseline`}
                        inputMode="decimal"
                        required
                        value={ind.baseline}
                        onChange={(event) => changeIndicator(index, j, { baseline: event.target.value })}
                      />
                    </div>
                    <div className="field">
                      <label htmlFor={`ind-${index}-${j}-target`}>Hedef</label>
                      <input
                        id={`ind-${index}-${j}-target`}
                        inputMode="decimal"
                        required
                        value={ind.target}
                        onChange={(event) => changeIndicator(index, j, { target: event.target.value })}
                      />
                    </div>
                  </div>
                  <div className="row">
                    <div className="field">
                      <label htmlFor={`ind-${index}-${j}-aggregate`}>Hesaplama</label>
                      <select
                        id={`ind-${index}-${j}-aggregate`}
                        value={ind.aggregate}
                        onChange={(event) =>
                          changeIndicator(index, j, { aggregate: event.target.value === "latest" ? "latest" : "sum" })
                        }
                      >
                        <option value="sum">Gerçekleşmeler toplanır (ör. yapılan sınav)</option>
                        <option value="latest">Son ölçüm geçerlidir (ör. başarı oranı)</option>
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`ind-${index}-${j}-owner`}>Ölçen okul</label>
                      <select
                        id={`ind-${index}-${j}-owner`}
                        value={ind.owner}
                        onChange={(event) => changeIndicator(index, j, { owner: event.target.value })}
                      >
                        {p.schools.map((s) => (
                          <option key={s.code} value={s.code}>
                            {s.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  </div>
                  <button
                    type="button"
                    className="link"
                    onClick={() => change(index, { indicators: item.indicators.filter((_, k) => k !== j) })}
                  >
                    Göstergeyi çıkar
                  </button>
                </fieldset>
              ))}
              <div className="actions">
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    change(index, {
                      indicators: [
                        ...item.indicators,
                        { name: "", unit: "adet", baseline: "0", target: "", aggregate: "sum", owner: p.leadSchool },
                      ],
                    })
                  }
                >
                  Gösterge ekle
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setItems((all) => all.filter((_, i) => i !== index))}
                >
                  Maddeyi çıkar
                </button>
              </div>
            </fieldset>
          ))}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setItems((all) => [...all, blank()])}>
              Madde ekle
            </button>
            <button type="submit">Planı kaydet</button>
          </div>
        </form>
      ) : (
        plan && <PlanItems plan={plan} partnership={p} />
      )}
      {plan && previous && <Differences plan={plan} previous={previous} />}
      {history.length > 0 && (
        <>
          <h3>Plan geçmişi</h3>
          <TableBox label="Plan geçmişi">
            <table aria-label="Plan geçmişi">
              <thead>
                <tr>
                  <th scope="col">Tarih</th>
                  <th scope="col">Sürüm</th>
                  <th scope="col">Adım</th>
                  <th scope="col">Kişi</th>
                  <th scope="col">Gerekçe</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={`${h.at}-${h.action}`}>
                    <td>{formatDateTime(h.at)}</td>
                    <td className="mono">{h.version ?? "—"}</td>
                    <td>{historyNames[h.action] ?? h.action}</td>
                    <td>{h.actorName}</td>
                    <td>{h.reason ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      )}
    </section>
  );
}

/** The items of a plan, read-only. */
function PlanItems({ plan, partnership: p }: { plan: PlanView; partnership: PartnershipView }) {
  if (!plan.items.length) return <p className="muted">Planda madde yok.</p>;
  return (
    <TableBox label="Plan maddeleri">
      <table aria-label="Plan maddeleri">
        <thead>
          <tr>
            <th scope="col">Madde</th>
            <th scope="col">Konu ve faaliyet</th>
            <th scope="col">Sorumlu</th>
            <th scope="col">Takvim</th>
            <th scope="col">Göstergeler (başlangıç → hedef)</th>
          </tr>
        </thead>
        <tbody>
          {plan.items.map((item) => (
            <tr key={item.id}>
              <td>{item.title}</td>
              <td>
                {topicLabels[item.topic]}
                <small className="code-line">{activityTypeLabels[item.activityType]}</small>
              </td>
              <td>{item.schools.map((s) => schoolNameIn(p.schools, s)).join(", ")}</td>
              <td>
                {formatDay(item.from)} – {formatDay(item.to)}
              </td>
              <td>
                {item.indicators.length
                  ? item.indicators.map((ind) => `${ind.name}: ${ind.baseline} → ${ind.target} ${ind.unit}`).join("; ")
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

/** What changed from the previous version: items added, removed and changed (with what). */
function Differences({ plan, previous }: { plan: PlanView; previous: PlanView }) {
  const changes = diffPlans(previous.items, plan.items);
  return (
    <section aria-labelledby="plan-diff-title">
      <h3 id="plan-diff-title">
        Sürüm {previous.version} → {plan.version} farkları
      </h3>
      {changes.length === 0 ? (
        <p className="muted">Maddelerde değişiklik yok.</p>
      ) : (
        <ul>
          {changes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
