/**
 * The board's list of review rounds of a province and school year, and (for those the server
 * lets manage rounds) the form that creates one: window in Istanbul time, k reviewers per
 * activity, disagreement threshold, ranking score, promotion rule and a panel picked by name
 * from the people who hold a fitting role (GET /api/reviews/candidates).
 */
import { type FormEvent, useEffect, useState } from "react";
import { currentYear } from "../activity";
import { api, messageOf, request } from "../api";
import { PROGRAMME_PROVINCE, provinceLabel } from "../format";
import { useScopeNames } from "../names";
import { MinuteInput } from "../reviewInputs";
import { formatMinute, istanbulNow, roundLevelNames } from "../reviews";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

const fetchRounds = (province: string, year: string) =>
  request(api.api.reviews.rounds.$get({ query: { province, year } }));
type Round = Awaited<ReturnType<typeof fetchRounds>>[number];
type Level = Round["level"];
const fetchCandidates = (province: string, year: string, level: Level, district?: string) =>
  request(api.api.reviews.candidates.$get({ query: { province, year, level, ...(district ? { district } : {}) } }));
type Candidate = Awaited<ReturnType<typeof fetchCandidates>>[number];
const previousLevel: Record<Level, Level | undefined> = { school: undefined, district: "school", province: "district" };

/** Where a round stands, in one phrase. */
export function roundState(r: Round): string {
  if (r.publishAt) return `Yayım: ${formatMinute(r.publishAt)}`;
  if (r.awardedAt) return "Ödüller verildi";
  if (r.promotedAt) return "Üst tura yükseltildi";
  if (r.assignedAt) return "Atama yapıldı";
  return "Hazırlanıyor";
}

export function ReviewBoard() {
  const session = useSession();
  const { search } = useLocation();
  const readable = session.scopesFor("review.read");
  const manages = session.scopesFor("review.manage").length > 0;
  const provinces = readable.filter((s) => s.type === "province").map((s) => s.id);
  const province = search.get("il") ?? provinces[0] ?? PROGRAMME_PROVINCE;
  const year = search.get("yil") ?? currentYear();
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = useScopeNames(provinces.map((id) => ({ type: "province" as const, id })));

  useEffect(() => {
    setRounds(null);
    fetchRounds(province, year).then(setRounds, (e) => setError(messageOf(e)));
  }, [province, year]);

  const go = (next: { il?: string; yil?: string }) =>
    navigate(`/kurul?il=${next.il ?? province}&yil=${next.yil ?? year}`, { replace: true });

  return (
    <>
      <h1>Değerlendirme kurulu</h1>
      <div className="filters">
        {provinces.length > 1 && (
          <div className="field">
            <label htmlFor="board-province">İl</label>
            <select id="board-province" value={province} onChange={(e) => go({ il: e.target.value })}>
              {provinces.map((p) => (
                <option key={p} value={p}>
                  {provinceLabel({ code: p, name: names[`province:${p}`] ?? "" })}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="board-year">Eğitim öğretim yılı</label>
          <input
            id="board-year"
            defaultValue={year}
            pattern="\d{4}-\d{4}"
            onChange={(e) => /^\d{4}-\d{4}$/.test(e.target.value) && go({ yil: e.target.value })}
          />
        </div>
      </div>
      <Alert text={error} />
      {rounds?.length === 0 && <p className="muted">Bu yıl için tur yok.</p>}
      {rounds && rounds.length > 0 && (
        <TableBox label="Değerlendirme turları">
          <table>
            <thead>
              <tr>
                <th scope="col">Tur</th>
                <th scope="col">Düzey</th>
                <th scope="col">Açılış</th>
                <th scope="col">Kapanış</th>
                <th scope="col">Durum</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/kurul/${r.id}`}>{r.name}</Link>
                  </td>
                  <td>{roundLevelNames[r.level]}</td>
                  <td>{formatMinute(r.opensAt)}</td>
                  <td>{formatMinute(r.closesAt)}</td>
                  <td>{roundState(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {manages && rounds && <CreateRound province={province} year={year} rounds={rounds} />}
    </>
  );
}

function CreateRound({ province, year, rounds }: { province: string; year: string; rounds: Round[] }) {
  const [level, setLevel] = useState<Level>("school");
  const [name, setName] = useState("");
  const [opensAt, setOpensAt] = useState(istanbulNow());
  const [closesAt, setClosesAt] = useState(istanbulNow(14));
  const [k, setK] = useState("3");
  const [threshold, setThreshold] = useState("25");
  const [rankBy, setRankBy] = useState<"raw" | "normalised">("normalised");
  const [topN, setTopN] = useState("");
  const [minScore, setMinScore] = useState("");
  const [mentions, setMentions] = useState("2");
  const [allowOwnDistrict, setAllowOwnDistrict] = useState(false);
  const [previous, setPrevious] = useState("");
  const [district, setDistrict] = useState("");
  const [districts, setDistricts] = useState<{ id: string; name: string }[]>([]);
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [panel, setPanel] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const earlier = rounds.filter((r) => r.level === previousLevel[level]);

  useEffect(() => {
    request(api.api.provinces[":code"].districts.$get({ param: { code: province } })).then(
      (page) => setDistricts(page.items.map((d) => ({ id: d.id, name: d.name }))),
      () => setDistricts([]),
    );
  }, [province]);

  useEffect(() => {
    setCandidates(null);
    if (level === "school" && !district) return;
    fetchCandidates(province, year, level, level === "school" ? district : undefined).then(setCandidates, (e) =>
      setError(messageOf(e)),
    );
  }, [province, year, level, district]);

  const toggle = (id: string) =>
    setPanel((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const round = await request(
        api.api.reviews.rounds.$post({
          json: {
            province,
            year,
            level,
            name,
            opensAt,
            closesAt,
            k: Number(k),
            threshold: Number(threshold),
            rankBy,
            allowOwnDistrict,
            mentions: Number(mentions),
            promotion: {
              ...(topN ? { topN: Number(topN) } : {}),
              ...(minScore ? { minScore: Number(minScore) } : {}),
            },
            ...(previous ? { previousRoundId: previous } : {}),
            panel: [...panel].map((userId) => ({ userId })),
          },
        }),
      );
      navigate(`/kurul/${round.id}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="panel" aria-labelledby="create-round">
      <h2 id="create-round">Yeni tur</h2>
      <form className="form" onSubmit={(e) => void create(e)}>
        <div className="field">
          <label htmlFor="round-level">Düzey</label>
          <select
            id="round-level"
            value={level}
            onChange={(e) => {
              // A new level has other candidates; another district adds to the people already picked.
              setLevel(e.target.value as Level);
              setPanel(new Set());
            }}
          >
            {(["school", "district", "province"] as const).map((l) => (
              <option key={l} value={l}>
                {roundLevelNames[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="round-name">Tur adı</label>
          <input id="round-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="row">
          <MinuteInput id="round-opens" legend="Açılış (İstanbul saati)" value={opensAt} onChange={setOpensAt} />
          <MinuteInput id="round-closes" legend="Kapanış (İstanbul saati)" value={closesAt} onChange={setClosesAt} />
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="round-k">Etkinlik başına değerlendirici (k)</label>
            <input id="round-k" type="number" min={1} max={7} value={k} onChange={(e) => setK(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="round-threshold">Ayrışma eşiği (puan farkı)</label>
            <input
              id="round-threshold"
              type="number"
              min={0}
              max={100}
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="round-rank">Sıralamayı belirleyen</label>
            <select id="round-rank" value={rankBy} onChange={(e) => setRankBy(e.target.value as "raw" | "normalised")}>
              <option value="normalised">Normalleştirilmiş puan</option>
              <option value="raw">Ham puan</option>
            </select>
          </div>
        </div>
        {level !== "province" ? (
          <div className="row">
            <div className="field">
              <label htmlFor="round-top">Üst tura: gruptaki ilk N</label>
              <input
                id="round-top"
                type="number"
                min={1}
                max={100}
                value={topN}
                onChange={(e) => setTopN(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="round-min">Üst tura: en az puan</label>
              <input
                id="round-min"
                type="number"
                min={0}
                max={100}
                value={minScore}
                onChange={(e) => setMinScore(e.target.value)}
              />
            </div>
          </div>
        ) : (
          <>
            <div className="field short">
              <label htmlFor="round-mentions">Mansiyon sayısı</label>
              <input
                id="round-mentions"
                type="number"
                min={0}
                max={10}
                value={mentions}
                onChange={(e) => setMentions(e.target.value)}
              />
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={allowOwnDistrict}
                onChange={(e) => setAllowOwnDistrict(e.target.checked)}
              />
              Üyeler kendi ilçelerinin etkinliklerini de değerlendirebilir
            </label>
          </>
        )}
        {previousLevel[level] && (
          <div className="field">
            <label htmlFor="round-previous">Önceki tur</label>
            <select id="round-previous" value={previous} onChange={(e) => setPrevious(e.target.value)}>
              <option value="">Seçin</option>
              {earlier.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {level === "school" && (
          <div className="field">
            <label htmlFor="round-district">Kurul adayları: ilçe</label>
            <select id="round-district" value={district} onChange={(e) => setDistrict(e.target.value)}>
              <option value="">Seçin</option>
              {districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset className="field">
          <legend>Kurul ({panel.size} kişi seçildi)</legend>
          {candidates === null ? (
            <p className="muted">{level === "school" ? "Adayları görmek için ilçe seçin." : "Adaylar yükleniyor…"}</p>
          ) : candidates.length === 0 ? (
            <p className="muted">Bu düzeyde görev alabilecek kimse bulunamadı.</p>
          ) : (
            candidates.map((c) => (
              <label key={c.userId} className="check">
                <input type="checkbox" checked={panel.has(c.userId)} onChange={() => toggle(c.userId)} />
                {c.name}
              </label>
            ))
          )}
        </fieldset>
        <Alert text={error} />
        <div className="actions">
          <button type="submit" disabled={panel.size === 0}>
            Turu oluştur
          </button>
        </div>
      </form>
    </section>
  );
}
