/**
 * The chair's panel of one round: entries (school round), assignment preview and run (max load,
 * activities left short), the panel's workload, the ranking with raw and normalised scores side
 * by side and its disagreement flags (settled with a reconciliation note), promotion preview and
 * apply, awards (province round) and the publication date. What may be done is the server's
 * answer: the manage controls show for people `GET /api/me` lists with `review.manage`, and every
 * refusal is shown as the API words it.
 */
import { useCallback, useEffect, useState } from "react";
import { api, messageOf, request } from "../api";
import { levelLabels } from "../format";
import { JobState, useJob } from "../jobs";
import { MinuteInput } from "../reviewInputs";
import { areaName, formatMinute, formatScore, istanbulNow, roundLevelNames, tierName } from "../reviews";
import { Link, useParams } from "../router";
import { useSession } from "../session";
import { Alert, TableBox, useConfirm } from "../ui";
import { roundState } from "./ReviewBoard";

const rounds = api.api.reviews.rounds;
const fetchRound = (id: string) => request(rounds[":id"].$get({ param: { id } }));
const fetchRanking = (id: string) => request(rounds[":id"].ranking.$get({ param: { id } }));
const fetchWorkload = (id: string) => request(rounds[":id"].workload.$get({ param: { id } }));
type Round = Awaited<ReturnType<typeof fetchRound>>;
type Ranking = Awaited<ReturnType<typeof fetchRanking>>;
type Workload = Awaited<ReturnType<typeof fetchWorkload>>;
type Preview = Awaited<ReturnType<typeof previewAssignment>>;
type Promotion = Awaited<ReturnType<typeof previewPromotion>>;
const previewAssignment = (id: string, seed: string) =>
  request(rounds[":id"].assignment.preview.$post({ param: { id }, json: { seed } }));
const previewPromotion = (id: string) => request(rounds[":id"].promotion.$get({ param: { id } }));

const levelName = (level: string) => (levelLabels as Record<string, string>)[level] ?? level;

export function ReviewRound() {
  const { id } = useParams<"id">();
  const session = useSession();
  const manages = session.scopesFor("review.manage").length > 0;
  const [round, setRound] = useState<Round | null>(null);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [workload, setWorkload] = useState<Workload | null>(null);
  const [siblings, setSiblings] = useState<Round[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [certificateJob, setCertificateJob] = useState<string | null>(null);
  const { job: certificates } = useJob(certificateJob);
  const [dialog, ask] = useConfirm();

  const reload = useCallback(async () => {
    try {
      const r = await fetchRound(id);
      setRound(r);
      const [rank, load, list] = await Promise.all([
        fetchRanking(id),
        fetchWorkload(id),
        request(rounds.$get({ query: { province: r.province, year: r.year } })),
      ]);
      setRanking(rank);
      setWorkload(load);
      setSiblings(list);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs one step: clears messages, shows the API's refusal, reloads the views on success. */
  const step = async (run: () => Promise<string | undefined>) => {
    setError(null);
    setNotice(null);
    try {
      const done = await run();
      // The views are fresh before the message says the step is done.
      await reload();
      if (done) setNotice(done);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (!round) {
    return (
      <>
        <h1>Değerlendirme turu</h1>
        <Alert text={error} />
      </>
    );
  }
  const names = new Map((ranking?.items ?? []).map((i) => [i.activityId, i.title]));

  return (
    <>
      {dialog}
      <p>
        <Link to={`/kurul?il=${round.province}&yil=${round.year}`}>← Turlar</Link>
      </p>
      <h1>{round.name}</h1>
      <dl className="review-facts">
        <dt>Düzey</dt>
        <dd>{roundLevelNames[round.level]}</dd>
        <dt>Dönem</dt>
        <dd>
          {formatMinute(round.opensAt)} – {formatMinute(round.closesAt)} (İstanbul saati)
        </dd>
        <dt>Değerlendirici / etkinlik</dt>
        <dd>{round.k}</dd>
        <dt>Ayrışma eşiği</dt>
        <dd>{formatScore(round.threshold)} puan</dd>
        <dt>Durum</dt>
        <dd>{roundState(round)}</dd>
      </dl>
      <Alert text={error} />
      {notice && <p role="status">{notice}</p>}
      {manages && round.level === "school" && (
        <section className="panel" aria-labelledby="entries-title">
          <h2 id="entries-title">Kayıtlar</h2>
          <p className="hint">Okulda onaylanmış etkinlikler bu tura alınır; yeniden almak yalnızca eksikleri ekler.</p>
          <button
            type="button"
            onClick={() =>
              void step(async () => {
                const r = await request(rounds[":id"].entries.$post({ param: { id } }));
                return `${r.added} kayıt eklendi; turda ${r.total} kayıt var.`;
              })
            }
          >
            Kayıtları al
          </button>
        </section>
      )}
      {manages && <Assignment id={id} step={step} ask={ask} />}
      {workload && (
        <section className="panel" aria-labelledby="workload-title">
          <h2 id="workload-title">İş yükü</h2>
          {workload.length === 0 ? (
            <p className="muted">Kurulda kimse yok.</p>
          ) : (
            <TableBox label="Kurul üyelerinin iş yükü">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Üye</th>
                    <th scope="col">Atanan</th>
                    <th scope="col">Taslak</th>
                    <th scope="col">Gönderilen</th>
                    <th scope="col">Üst sınır</th>
                  </tr>
                </thead>
                <tbody>
                  {workload.map((w) => (
                    <tr key={w.userId}>
                      <td>{w.name}</td>
                      <td className="mono">{w.assigned}</td>
                      <td className="mono">{w.saved}</td>
                      <td className="mono">{w.submitted}</td>
                      <td className="mono">{w.cap ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          )}
        </section>
      )}
      {ranking && <RankingTable id={id} ranking={ranking} manages={manages} step={step} />}
      {manages && round.level !== "province" && (
        <PromotionPanel
          id={id}
          next={siblings.filter((r) => r.previousRoundId === id)}
          names={names}
          step={step}
          ask={ask}
        />
      )}
      {manages && round.level === "province" && (
        <section className="panel" aria-labelledby="awards-title">
          <h2 id="awards-title">Ödüller</h2>
          <p className="hint">
            Her alan ve okul kademesinde 1., 2. ve 3. sıra birincilik, ikincilik ve üçüncülük; sonraki {round.mentions}{" "}
            sıra mansiyon alır; eşit puanlılar aynı dereceyi paylaşır. Ödül alanlar sergiye seçilir.
          </p>
          <button
            type="button"
            onClick={() =>
              void step(async () => {
                if (!(await ask("Ödül dereceleri verilsin mi? Sonuçlar yayımlanınca okullar görür.", "Ödülleri ver")))
                  return undefined;
                const r = await request(rounds[":id"].awards.$post({ param: { id } }));
                return `${r.awarded} etkinliğe ödül verildi.`;
              })
            }
          >
            Ödülleri ver
          </button>
          <p className="hint">
            Ödüller verildikten sonra her ödül için doğrulama kodlu ve karekodlu bir sertifika (PDF) hazırlanır; yeniden
            çalıştırmak yalnızca eksikleri yapar, değişen ödüllerin eski sertifikasını iptal eder.
          </p>
          <button
            type="button"
            onClick={() =>
              void step(async () => {
                const job = await request(rounds[":id"].certificates.$post({ param: { id } }));
                setCertificateJob(job.id);
                return "Sertifikalar hazırlanıyor.";
              })
            }
          >
            Sertifikaları oluştur
          </button>
          {certificates && <JobState job={certificates} />}
        </section>
      )}
      {manages && <PublishPanel id={id} round={round} step={step} ask={ask} />}
    </>
  );
}

type Step = (run: () => Promise<string | undefined>) => Promise<void>;
type Ask = (text: string, yes: string) => Promise<boolean>;

function Assignment({ id, step, ask }: { id: string; step: Step; ask: Ask }) {
  const [seed, setSeed] = useState("bigep");
  const [preview, setPreview] = useState<Preview | null>(null);
  return (
    <section className="panel" aria-labelledby="assign-title">
      <h2 id="assign-title">Atama</h2>
      <p className="hint">
        Çıkar çatışması olan eşleşmeler yapılmaz; en yüksek yük en aza indirilir. Aynı tohum aynı atamayı verir; var
        olan atamalar korunur.
      </p>
      <div className="inline">
        <label htmlFor="assign-seed">Tohum</label>
        <input id="assign-seed" value={seed} maxLength={64} onChange={(e) => setSeed(e.target.value)} />
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void step(async () => {
              setPreview(await previewAssignment(id, seed));
              return undefined;
            })
          }
        >
          Önizle
        </button>
        <button
          type="button"
          onClick={() =>
            void step(async () => {
              if (!(await ask("Atama yapılsın mı? Değerlendiriciler atamalarını hemen görür.", "Atamayı yap")))
                return undefined;
              const done = await request(rounds[":id"].assignment.$post({ param: { id }, json: { seed } }));
              setPreview(done);
              return `Atama yapıldı: ${done.newPairs} yeni eşleşme.`;
            })
          }
        >
          Atamayı yap
        </button>
      </div>
      {preview && (
        <div data-preview>
          <p>
            {preview.activities} etkinlik · {preview.newPairs} yeni eşleşme · en yüksek yük{" "}
            <strong>{preview.maxLoad}</strong>
            {preview.short.length > 0
              ? ` · ${preview.short.length} etkinliğe yeterli değerlendirici bulunamadı`
              : " · eksik kalan yok"}
          </p>
          <TableBox label="Atama önizlemesi: üye başına yük">
            <table>
              <thead>
                <tr>
                  <th scope="col">Üye</th>
                  <th scope="col">Yük</th>
                  <th scope="col">Üst sınır</th>
                </tr>
              </thead>
              <tbody>
                {preview.load.map((l) => (
                  <tr key={l.userId}>
                    <td>{l.name}</td>
                    <td className="mono">{l.load}</td>
                    <td className="mono">{l.cap ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </div>
      )}
    </section>
  );
}

function RankingTable({ id, ranking, manages, step }: { id: string; ranking: Ranking; manages: boolean; step: Step }) {
  const [open, setOpen] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const flagged = ranking.items.filter((i) => i.disagreement && !i.reconciled);
  const decides = ranking.rankBy === "raw" ? "ham" : "normalleştirilmiş";
  return (
    <section className="panel" aria-labelledby="ranking-title">
      <h2 id="ranking-title">Sıralama</h2>
      <p className="hint">
        Ham puan değerlendiricilerin ağırlıklı toplamlarının ortalaması; normalleştirilmiş puan her değerlendiricinin
        sert ya da cömert puanlamasını dengeler. Bu turda sıralamayı <strong>{decides} puan</strong> belirler.
      </p>
      {flagged.length > 0 && (
        <p className="error" data-flags={flagged.length}>
          {flagged.length} etkinlikte puanlar arasında ayrışma var; uzlaşma notu yazılmadan yükseltme yapılamaz.
        </p>
      )}
      {ranking.items.length === 0 ? (
        <p className="muted">Henüz gönderilmiş puan yok.</p>
      ) : (
        <TableBox label="Sıralama: ham ve normalleştirilmiş puan">
          <table>
            <thead>
              <tr>
                <th scope="col">Sıra</th>
                <th scope="col">Etkinlik</th>
                <th scope="col">Alan / kademe</th>
                <th scope="col">Ham</th>
                <th scope="col">Normalleştirilmiş</th>
                <th scope="col">Fark</th>
                <th scope="col">Durum</th>
              </tr>
            </thead>
            <tbody>
              {ranking.items.map((i) => (
                <tr key={i.activityId} data-activity={i.activityId}>
                  <td className="mono">{i.rank}</td>
                  <td>
                    {i.title}
                    <small className="code-line">{i.schoolName}</small>
                  </td>
                  <td>
                    {areaName(i.area)}
                    <small className="code-line">{levelName(i.schoolLevel)}</small>
                  </td>
                  <td className="mono">
                    {ranking.rankBy === "raw" ? <strong>{formatScore(i.raw)}</strong> : formatScore(i.raw)}
                  </td>
                  <td className="mono">
                    {ranking.rankBy === "normalised" ? (
                      <strong>{formatScore(i.normalised)}</strong>
                    ) : (
                      formatScore(i.normalised)
                    )}
                  </td>
                  <td className="mono">{formatScore(i.spread)}</td>
                  <td>
                    {i.tier ? <strong>{tierName(i.tier)}</strong> : i.promoted ? "Üst tura" : ""}
                    {i.disagreement &&
                      (i.reconciled ? (
                        <small className="code-line">Uzlaşıldı</small>
                      ) : (
                        <span className="badge-warning">Ayrışma</span>
                      ))}
                    {i.submitted < i.reviews && (
                      <small className="code-line">
                        {i.submitted}/{i.reviews} gönderildi
                      </small>
                    )}
                    {manages && i.disagreement && !i.reconciled && open !== i.activityId && (
                      <button type="button" className="link" onClick={() => setOpen(i.activityId)}>
                        Uzlaş
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {open && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void step(async () => {
              await request(rounds[":id"].reconcile.$post({ param: { id }, json: { activityId: open, note } }));
              setOpen(null);
              setNote("");
              return "Uzlaşma notu kaydedildi.";
            });
          }}
        >
          <div className="field">
            <label htmlFor="reconcile-note">
              Uzlaşma notu: {ranking.items.find((i) => i.activityId === open)?.title}
            </label>
            <textarea
              id="reconcile-note"
              required
              minLength={3}
              maxLength={2000}
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <div className="actions">
            <button type="submit">Uzlaşma notunu kaydet</button>
            <button type="button" className="secondary" onClick={() => setOpen(null)}>
              Vazgeç
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function PromotionPanel({
  id,
  next,
  names,
  step,
  ask,
}: {
  id: string;
  next: Round[];
  names: Map<string, string>;
  step: Step;
  ask: Ask;
}) {
  const [nextId, setNextId] = useState("");
  const [preview, setPreview] = useState<Promotion | null>(null);
  const target = nextId || next[0]?.id || "";
  return (
    <section className="panel" aria-labelledby="promotion-title">
      <h2 id="promotion-title">Üst tura yükseltme</h2>
      {next.length === 0 ? (
        <p className="muted">Bu turun devamı olan bir tur yok; önce üst düzeyde bu tura bağlı bir tur oluşturun.</p>
      ) : (
        <>
          <div className="inline">
            <label htmlFor="promotion-next">Sonraki tur</label>
            <select id="promotion-next" value={target} onChange={(e) => setNextId(e.target.value)}>
              {next.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void step(async () => {
                  setPreview(await previewPromotion(id));
                  return undefined;
                })
              }
            >
              Önizle
            </button>
            <button
              type="button"
              onClick={() =>
                void step(async () => {
                  if (!(await ask("Yükseltme kuralı uygulansın mı?", "Yükseltmeyi uygula"))) return undefined;
                  const r = await request(
                    rounds[":id"].promotion.$post({ param: { id }, json: { nextRoundId: target } }),
                  );
                  return `${r.promoted} etkinlik üst tura yükseltildi.`;
                })
              }
            >
              Yükseltmeyi uygula
            </button>
          </div>
          {preview && (
            <div data-promotion-preview>
              <p>{preview.promoted} etkinlik üst tura çıkacak.</p>
              {preview.blockers.length > 0 && (
                <ul className="error">
                  {preview.blockers.map((b) => (
                    <li key={`${b.activityId}.${b.reason}`}>
                      {names.get(b.activityId) ?? b.activityId}: {b.reason}
                    </li>
                  ))}
                </ul>
              )}
              <ul>
                {preview.items
                  .filter((i) => i.promoted)
                  .map((i) => (
                    <li key={i.activityId}>
                      {i.title} ({i.schoolName}, {formatScore(i.score)})
                    </li>
                  ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function PublishPanel({ id, round, step, ask }: { id: string; round: Round; step: Step; ask: Ask }) {
  const [publishAt, setPublishAt] = useState(round.publishAt ?? istanbulNow());
  return (
    <section className="panel" aria-labelledby="publish-title">
      <h2 id="publish-title">Sonuçların yayımı</h2>
      <p className="hint">
        Okullar bu tarih-saatten sonra kendi etkinliklerinin sonucunu ve yorumları (isimsiz) görür.
      </p>
      <div className="form">
        <MinuteInput id="publish-at" legend="Yayım (İstanbul saati)" value={publishAt} onChange={setPublishAt} />
        <button
          type="button"
          onClick={() =>
            void step(async () => {
              if (!(await ask(`Sonuçlar ${formatMinute(publishAt)} tarihinde okullara açılsın mı?`, "Yayımla")))
                return undefined;
              await request(rounds[":id"].publish.$post({ param: { id }, json: { publishAt } }));
              return `Sonuçlar ${formatMinute(publishAt)} tarihinde yayımlanacak.`;
            })
          }
        >
          Yayım tarihini kaydet
        </button>
      </div>
    </section>
  );
}
