/**
 * The yearly evaluation report: compiled by a job from the year's plan, joint activities and
 * indicator attainment (followed until it has run), the narrative both coordinators write,
 * approvals and the way up the chain, and "plan next year from this report".
 */
import { topicLabels } from "@bigep/core/shared";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError, api, messageOf, request } from "../../api";
import { formatDateTime } from "../../format";
import {
  AttainmentBar,
  ChainBadge,
  type Compiled,
  fetchReport,
  formatDay,
  type PartnershipView,
  type ReportView,
  schoolNameIn,
} from "../../partnership";
import { useSession } from "../../session";
import { Alert, TableBox, useConfirm } from "../../ui";
import { ChainActions } from "./ChainActions";

const narrativeFields = [
  ["summary", "Genel değerlendirme"],
  ["findings", "Bulgular ve öğrenilenler"],
  ["nextSteps", "Gelecek yıl için öneriler"],
] as const;
type Narrative = ReportView["narrative"];

export function ReportTab({ partnership: p, year }: { partnership: PartnershipView; year: string }) {
  const session = useSession();
  const [report, setReport] = useState<ReportView | null>(null);
  const [missing, setMissing] = useState(false);
  const [narrative, setNarrative] = useState<Narrative>({});
  // The compile job is filed by the system (the coordinator's right was checked on start), so its
  // record is not the coordinator's to read: the page follows the report until the job rewrote it.
  const [compiling, setCompiling] = useState<{ before: string | null } | null>(null);
  const [rendering, setRendering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();

  const load = useCallback(async () => {
    try {
      const loaded = await fetchReport(p.id, year);
      setReport(loaded);
      setNarrative(loaded.narrative);
      setMissing(false);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) setMissing(true);
      else setError(messageOf(failure));
    }
  }, [p.id, year]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!compiling) return;
    let live = true;
    let tries = 0;
    let shown = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      tries += 1;
      const next = await fetchReport(p.id, year).catch(() => null);
      if (!live) return;
      if (next && next.compiledAt !== compiling.before) {
        // The figures land first; the job renders the files right after: follow until they do.
        const rendered = !!next.files && next.files.renderedAt >= next.compiledAt;
        if (!shown) {
          shown = true;
          setNarrative(next.narrative);
          setMissing(false);
          setNotice("Rapor derlendi.");
        }
        setReport(next);
        if (rendered || tries >= 90) {
          setCompiling(null);
          setRendering(false);
        } else {
          setRendering(true);
          timer = setTimeout(() => void poll(), 1000);
        }
      } else if (tries >= 90) {
        setCompiling(null);
        setError("Derleme beklenenden uzun sürüyor; biraz sonra sayfayı yenileyin.");
      } else timer = setTimeout(() => void poll(), 1000);
    };
    timer = setTimeout(() => void poll(), 500);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [compiling, p.id, year]);

  const coordinator = !!p.may?.editPlan;
  const open = report && (report.status === "draft" || report.status === "returned" || report.status === "agreed");
  const compiled = report?.compiled as Compiled | undefined;
  const mine = p.schools.find((s) => p.coordinators[s.code]?.userId === session.me?.user.id)?.code;

  const compile = async () => {
    setError(null);
    setNotice(null);
    try {
      await request(api.api.partnerships[":id"].reports[":year"].compile.$post({ param: { id: p.id, year } }));
      setCompiling({ before: report?.compiledAt ?? null });
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const saveNarrative = async (event: FormEvent) => {
    event.preventDefault();
    if (!report) return;
    setError(null);
    setNotice(null);
    try {
      await request(
        api.api.partnerships[":id"].reports[":year"].$patch({
          param: { id: p.id, year },
          header: { "if-match": `"${report.rev}"` },
          json: { narrative },
        }),
      );
      setNotice("Anlatı bölümleri kaydedildi; onaylar yeniden başlar.");
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const planNext = async () => {
    setError(null);
    if (!(await ask("Bu rapordan gelecek yılın taslak planı oluşturulsun mu?", "Gelecek yılı planla"))) return;
    try {
      const next = await request(
        api.api.partnerships[":id"].reports[":year"]["next-plan"].$post({ param: { id: p.id, year } }),
      );
      setNotice(`${next.year} için ${next.items} maddelik taslak plan oluşturuldu.`);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const unmet = compiled
    ? compiled.attainment.items.flatMap((i) => i.indicators.filter((ind) => compiled.unmet.includes(ind.indicatorId)))
    : [];

  return (
    <section aria-labelledby="report-title">
      {dialog}
      <h2 id="report-title">Değerlendirme raporu {year}</h2>
      {missing && <p className="muted">Bu yıl için değerlendirme raporu henüz derlenmedi.</p>}
      {report && (
        <p>
          <ChainBadge status={report.status} /> · Derlenme {formatDateTime(report.compiledAt)}
        </p>
      )}
      {report?.returnReason && report.status === "returned" && (
        <p className="error">İade gerekçesi: {report.returnReason}</p>
      )}
      {coordinator && (missing || open) && (
        <div className="actions">
          <button type="button" onClick={() => void compile()} disabled={!!compiling}>
            {report ? "Raporu yeniden derle" : "Raporu derle"}
          </button>
        </div>
      )}
      {compiling && (
        <p className="notice" role="status" aria-busy="true">
          {rendering
            ? "Rapor dosyaları (PDF, Excel, JSON) hazırlanıyor…"
            : "Rapor derleniyor: plan, ortak etkinlikler ve göstergeler okunuyor…"}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Alert text={error} />
      {report && <ReportFiles partnershipId={p.id} year={year} report={report} onError={setError} />}
      {report && (
        <ChainActions
          kind="report"
          partnership={p}
          year={year}
          state={report}
          mine={mine}
          ask={ask}
          onDone={async (text) => {
            setNotice(text);
            await load();
          }}
          onError={setError}
        />
      )}
      {compiled && (
        <>
          <h3>Yılın verileri</h3>
          <p>
            Plan sürüm {compiled.plan.version} ({compiled.plan.items} madde) · {compiled.activities} ortak etkinlik ·
            Planın gerçekleşme oranı:{" "}
            <AttainmentBar percent={compiled.attainment.percent} label="Raporda planın gerçekleşme oranı" />
          </p>
          <TableBox label="Plan maddelerine göre çalışmalar">
            <table aria-label="Plan maddelerine göre çalışmalar">
              <thead>
                <tr>
                  <th scope="col">Plan maddesi</th>
                  <th scope="col">Konu başlığı</th>
                  <th scope="col">Ortak etkinlikler</th>
                  <th scope="col">Gerçekleşme</th>
                </tr>
              </thead>
              <tbody>
                {compiled.byItem.map((item) => (
                  <tr key={item.itemId}>
                    <td>{item.title}</td>
                    <td>{topicLabels[item.topic as keyof typeof topicLabels] ?? item.topic}</td>
                    <td>
                      {item.activities.length
                        ? item.activities.map((a) => `${a.title} (${formatDay(a.date)})`).join("; ")
                        : "—"}
                    </td>
                    <td>
                      <AttainmentBar
                        percent={compiled.attainment.items.find((i) => i.itemId === item.itemId)?.percent ?? null}
                        label={`${item.title} gerçekleşme oranı`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          {unmet.length > 0 && (
            <>
              <h3>Karşılanmayan hedefler</h3>
              <ul>
                {unmet.map((ind) => (
                  <li key={ind.indicatorId}>
                    {ind.name} ({schoolNameIn(p.schools, ind.owner)}): {ind.value ?? 0} / {ind.target} {ind.unit}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {report && (
        <form className="form" onSubmit={(event) => void saveNarrative(event)}>
          <h3>Anlatı bölümleri</h3>
          {narrativeFields.map(([key, label]) => (
            <div className="field" key={key}>
              <label htmlFor={`narrative-${key}`}>{label}</label>
              <textarea
                id={`narrative-${key}`}
                maxLength={8000}
                readOnly={!coordinator || !open}
                value={narrative[key] ?? ""}
                onChange={(event) => setNarrative((n) => ({ ...n, [key]: event.target.value }))}
              />
            </div>
          ))}
          {coordinator && open && <button type="submit">Anlatıyı kaydet</button>}
        </form>
      )}
      {report && coordinator && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void planNext()}>
            Gelecek yılı bu rapordan planla
          </button>
        </div>
      )}
    </section>
  );
}

const formats = [
  ["pdf", "PDF"],
  ["xlsx", "Excel (XLSX)"],
  ["json", "JSON"],
] as const;

/** Download buttons for the files the last compile rendered, with a note when they are older than the report. */
function ReportFiles({
  partnershipId,
  year,
  report,
  onError,
}: {
  partnershipId: string;
  year: string;
  report: ReportView;
  onError(message: string): void;
}) {
  const files = report.files;
  if (!files) return null;
  const download = async (format: (typeof formats)[number][0]) => {
    try {
      const { url } = await request(
        api.api.partnerships[":id"].reports[":year"].files[":format"].$get({
          param: { id: partnershipId, year, format },
        }),
      );
      window.location.assign(url);
    } catch (failure) {
      onError(messageOf(failure));
    }
  };
  return (
    <>
      <h3>Rapor dosyaları</h3>
      {files.rev < report.rev && (
        <p className="muted">Rapor son derlemeden sonra değişti; dosyalar için yeniden derleyin.</p>
      )}
      <div className="actions">
        {formats
          .filter(([format]) => files.items.some((f) => f.format === format))
          .map(([format, label]) => (
            <button key={format} type="button" className="secondary" onClick={() => void download(format)}>
              {label} indir
            </button>
          ))}
      </div>
      <p className="muted">Dosyalar {formatDateTime(files.renderedAt)} tarihinde hazırlandı.</p>
    </>
  );
}
