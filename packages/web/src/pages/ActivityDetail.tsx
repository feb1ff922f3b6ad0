import { type FormEvent, useCallback, useEffect, useState } from "react";
import {
  areaNames,
  type ContentType,
  categoryName,
  contentTypes,
  fetchActivity,
  formatDay,
  gradeName,
  MULTIPART_THRESHOLD,
  mb,
  reachNames,
  statusNames,
  transitionNames,
  types,
  uploadInParts,
  uploadToS3,
  useCategories,
} from "../activity";
import { api, messageOf, request } from "../api";
import { formatDateTime } from "../format";
import { FileInput } from "../inputs";
import { ScopeName } from "../names";
import { Link, useParams } from "../router";
import { Alert } from "../ui";

type Activity = Awaited<ReturnType<typeof fetchActivity>>["activity"];
type Evidence = Awaited<ReturnType<typeof fetchEvidence>>["items"][number];
type History = Awaited<ReturnType<typeof fetchHistory>>["items"][number];
type Action = Activity["actions"][number];

const fetchEvidence = (id: string) =>
  request(api.api.activities[":id"].evidence.$get({ param: { id }, query: { limit: "100" } }));
const fetchHistory = (id: string) =>
  request(api.api.activities[":id"].history.$get({ param: { id }, query: { limit: "100" } }));

const evidenceStatus = { pending: "Doğrulanıyor…", ready: "Hazır", rejected: "Reddedildi" } as const;
const accept = contentTypes.join(",");

/** One activity: its fields, evidence (upload with progress), the open transitions and the history. */
export function ActivityDetail() {
  const { id } = useParams<"id">();
  const [activity, setActivity] = useState<Activity | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [history, setHistory] = useState<History[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const categories = useCategories(activity?.school ?? "", activity?.year ?? "");

  const reload = useCallback(async () => {
    try {
      const [a, e, h] = await Promise.all([fetchActivity(id), fetchEvidence(id), fetchHistory(id)]);
      setActivity(a.activity);
      setEtag(a.etag);
      setEvidence(e.items);
      setHistory(h.items);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // While a file is being verified, look again every second.
  useEffect(() => {
    if (!evidence.some((e) => e.status === "pending")) return;
    const timer = setTimeout(() => {
      fetchEvidence(id).then(
        (page) => setEvidence(page.items),
        () => undefined,
      );
    }, 1000);
    return () => clearTimeout(timer);
  }, [evidence, id]);

  const act = async (action: Action) => {
    if (action === "return" && !returning) {
      setReturning(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request(
        api.api.activities[":id"].transitions.$post({
          param: { id },
          header: etag ? { "if-match": etag } : {},
          json: { action, ...(action === "return" ? { reason } : {}) },
        }),
      );
      setReturning(false);
      setReason("");
      await reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const download = async (evidenceId: string) => {
    try {
      const link = await request(api.api.evidence[":id"].download.$get({ param: { id: evidenceId } }));
      window.open(link.url, "_blank", "noopener");
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  if (!activity) {
    return error ? <Alert text={error} /> : <p className="muted">Yükleniyor…</p>;
  }

  return (
    <>
      <p>
        <Link to={`/etkinlikler?okul=${activity.school}&yil=${activity.year}`}>← Etkinlikler</Link>
      </p>
      <h1>{activity.title}</h1>
      <p>
        Durum:{" "}
        <strong id="activity-status" className={`status status-${activity.status}`}>
          {statusNames[activity.status]}
        </strong>
      </p>
      {activity.status === "returned" && activity.returnReason && (
        <p className="error">İade nedeni: {activity.returnReason}</p>
      )}
      {activity.duplicateEvidence && (
        <p className="error">Uyarı: kanıt dosyalarından biri başka bir etkinlikte de kullanılmış.</p>
      )}

      <dl className="details">
        <dt>Okul</dt>
        <dd>
          <ScopeName scope={{ type: "school", id: activity.school }} />
        </dd>
        <dt>İlçe / il</dt>
        <dd>
          <ScopeName scope={{ type: "district", id: activity.district }} code={false} /> /{" "}
          <ScopeName scope={{ type: "province", id: activity.province }} code={false} />
        </dd>
        <dt>Eğitim öğretim yılı</dt>
        <dd>{activity.year}</dd>
        <dt>Alan</dt>
        <dd>{areaNames[activity.area]}</dd>
        <dt>Kategori</dt>
        <dd>{categoryName(categories, activity)}</dd>
        <dt>Tarih</dt>
        <dd>
          {formatDay(activity.startDate)}
          {activity.endDate ? ` – ${formatDay(activity.endDate)}` : ""}
        </dd>
        <dt>Etki alanı</dt>
        <dd>{reachNames[activity.reach]}</dd>
        {activity.programme && (
          <>
            <dt>Program</dt>
            <dd>{activity.programme}</dd>
          </>
        )}
        {activity.result && (
          <>
            <dt>Sonuç</dt>
            <dd>{activity.result}</dd>
          </>
        )}
        {activity.teachers.length > 0 && (
          <>
            <dt>Öğretmenler</dt>
            <dd id="activity-teachers">{activity.teachers.map((t) => t.name).join(", ")}</dd>
          </>
        )}
        {activity.students.length > 0 && (
          <>
            <dt>Öğrenciler</dt>
            <dd>{activity.students.map((s) => `${gradeName(s.grade)}: ${s.girls} kız, ${s.boys} erkek`).join("; ")}</dd>
          </>
        )}
        {activity.partners.length > 0 && (
          <>
            <dt>Paydaşlar</dt>
            <dd>{activity.partners.join(", ")}</dd>
          </>
        )}
        <dt>Kaydeden</dt>
        <dd>{activity.ownerName}</dd>
      </dl>
      {activity.description && <p>{activity.description}</p>}

      <Alert text={error} />
      <div className="actions">
        {activity.may.edit && (
          <Link className="button secondary" to={`/etkinlikler/${activity.id}/duzenle`}>
            Düzenle
          </Link>
        )}
        {activity.actions.map((action) => (
          <button
            key={action}
            type="button"
            disabled={busy || (action === "return" && returning && !reason.trim())}
            onClick={() => void act(action)}
          >
            {action === "submit" && activity.status === "returned" ? "Yeniden gönder" : transitionNames[action]}
          </button>
        ))}
      </div>
      {returning && (
        <div className="field">
          <label htmlFor="reason">İade nedeni</label>
          <textarea id="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}

      <section aria-labelledby="evidence-title">
        <h2 id="evidence-title">Kanıtlar</h2>
        {evidence.length === 0 && <p className="muted">Henüz kanıt dosyası yok.</p>}
        <ul className="evidence">
          {evidence.map((e) => (
            <li key={e.id} data-status={e.status}>
              {e.thumbnailUrl ? (
                <img src={e.thumbnailUrl} alt={e.fileName} width={160} />
              ) : (
                <span className="file-icon">{types[e.contentType].label}</span>
              )}
              <div>
                <div>{e.fileName}</div>
                <div className="muted">
                  {mb(e.size) === "0 MB" ? `${Math.ceil(e.size / 1024)} KB` : mb(e.size)} ·{" "}
                  <span className="evidence-status">{evidenceStatus[e.status]}</span>
                </div>
                {e.status === "rejected" && <div className="error">{e.rejectReason}</div>}
                {(e.duplicateOf || e.duplicatesElsewhere) && (
                  <div className="error">
                    Aynı dosya başka etkinlik(ler)de de var
                    {e.duplicateOf ? `: ${e.duplicateOf.join(", ")}` : ""}
                    {e.duplicatesElsewhere ? ` (göremediğiniz ${e.duplicatesElsewhere} etkinlik)` : ""}
                  </div>
                )}
                {e.identifiableStudents && <div className="muted">Öğrenciler tanınabilir · veli izni onaylandı</div>}
                {e.status === "ready" && (
                  <button type="button" className="link" onClick={() => void download(e.id)}>
                    İndir
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
        {activity.may.addEvidence && <Upload activityId={activity.id} onUploaded={reload} />}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">Geçmiş</h2>
        <ol className="history">
          {history.map((h) => (
            <li key={`${h.at}-${h.action}`}>
              {formatDateTime(h.at)} — {h.actorName}: {h.action === "update" ? "Düzenlendi" : statusNames[h.to]}
              {h.reason ? ` (${h.reason})` : ""}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/**
 * Picks a file, checks type and size, asks for a presigned POST and uploads with a progress bar;
 * MP4s above the threshold go up in parts instead.
 */
function Upload({ activityId, onUploaded }: { activityId: string; onUploaded: () => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const [identifiable, setIdentifiable] = useState(false);
  const [consent, setConsent] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!file) return setError("Bir dosya seçin.");
    const type = types[file.type as ContentType];
    if (!type) return setError("Yalnızca JPEG, PNG, WebP, HEIC fotoğraf, PDF belge ve MP4 video yüklenebilir.");
    if (file.size > type.maxBytes) return setError(`${type.label} dosyaları en çok ${mb(type.maxBytes)} olabilir.`);
    if (identifiable && !consent) return setError("Velilerin yazılı izninin alındığını onaylayın.");
    try {
      setProgress(0);
      const { evidence, upload } = await request(
        api.api.activities[":id"].evidence.$post({
          param: { id: activityId },
          json: {
            fileName: file.name,
            contentType: file.type as ContentType,
            size: file.size,
            identifiableStudents: identifiable,
            ...(identifiable ? { consent: { confirmed: true as const } } : {}),
          },
        }),
      );
      if (type.kind === "video" && file.size > MULTIPART_THRESHOLD) await uploadInParts(evidence.id, file, setProgress);
      else await uploadToS3(upload, file, setProgress);
      setFile(null);
      setIdentifiable(false);
      setConsent(false);
      (event.target as HTMLFormElement).reset();
      await onUploaded();
    } catch (failure) {
      setProgress(null);
      setError(failure instanceof Error && !("status" in failure) ? failure.message : messageOf(failure));
    }
  };

  return (
    <form className="form upload" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor="evidence-file">
          Dosya <span className="hint">(fotoğraf en çok 15 MB, PDF en çok 20 MB, MP4 video en çok 200 MB)</span>
        </label>
        <FileInput id="evidence-file" accept={accept} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <label className="check">
        <input type="checkbox" checked={identifiable} onChange={(e) => setIdentifiable(e.target.checked)} />
        Görselde öğrenciler tanınabiliyor
      </label>
      {identifiable && (
        <label className="check">
          <input id="consent" type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          Velilerin yazılı izni alındı (onayınız kaydedilir)
        </label>
      )}
      {progress !== null && (
        <div className="progress">
          <progress id="upload-progress" max={100} value={progress} aria-label="Yükleme ilerlemesi" />
          <span>%{progress}</span>
        </div>
      )}
      <Alert text={error} />
      <button type="submit" disabled={progress !== null && progress < 100}>
        Yükle
      </button>
    </form>
  );
}
