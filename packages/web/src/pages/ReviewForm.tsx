/**
 * The scoring form of one assigned activity: every criterion with its guidance, points 0..max
 * and a comment (the API requires one below a criterion's minimum). Changes are saved as a draft
 * a moment after typing stops (PUT …/score with submit=false and the version last seen, so a
 * stale window gets a 409); "Gönder" submits. Other reviewers' scores appear only when the API
 * returns them (after one's own submission); the page never decides that itself.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api, messageOf, request } from "../api";
import { formatDateTime } from "../format";
import { formatScore } from "../reviews";
import { Link, useParams } from "../router";
import { Alert, TableBox } from "../ui";

const fetchReview = (id: string, activityId: string) =>
  request(api.api.reviews.rounds[":id"].activities[":activityId"].$get({ param: { id, activityId } }));
type Review = Awaited<ReturnType<typeof fetchReview>>;
type Draft = Record<string, { points: string; comment: string }>;

/** Waits this long after the last keystroke before saving a draft. */
const AUTOSAVE_MS = 800;

function draftOf(review: Review): Draft {
  const draft: Draft = {};
  for (const c of review.criteria) {
    const s = review.mine?.scores[c.id];
    draft[c.id] = { points: s ? String(s.points) : "", comment: s?.comment ?? "" };
  }
  return draft;
}

/** The scores the API takes: criteria with points filled in (a draft may be partial). */
function scoresOf(draft: Draft) {
  const scores: Record<string, { points: number; comment?: string }> = {};
  for (const [id, s] of Object.entries(draft)) {
    if (s.points.trim() === "") continue;
    const points = Number(s.points.replace(",", "."));
    if (!Number.isFinite(points)) continue;
    scores[id] = { points, ...(s.comment.trim() ? { comment: s.comment.trim() } : {}) };
  }
  return scores;
}

export function ReviewForm() {
  const { round, activity } = useParams<"round" | "activity">();
  const [review, setReview] = useState<Review | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const version = useRef<number | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const latest = useRef({ draft, comment });
  latest.current = { draft, comment };

  const load = useCallback(async () => {
    try {
      const r = await fetchReview(round, activity);
      setReview(r);
      setDraft(draftOf(r));
      setComment(r.mine?.comment ?? "");
      version.current = r.mine?.version;
    } catch (e) {
      setError(messageOf(e));
    }
  }, [round, activity]);
  useEffect(() => {
    void load();
  }, [load]);

  /** One save at a time, in order; each carries the version the previous one returned. */
  const save = useCallback(
    (submit: boolean) => {
      const run = chain.current.then(async () => {
        const { draft: d, comment: text } = latest.current;
        const mine = await request(
          api.api.reviews.rounds[":id"].activities[":activityId"].score.$put({
            param: { id: round, activityId: activity },
            json: {
              scores: scoresOf(d),
              ...(text.trim() ? { comment: text.trim() } : {}),
              submit,
              ...(version.current ? { version: version.current } : {}),
            },
          }),
        );
        version.current = mine.version;
        setFieldErrors({});
        setError(null);
        setSaved(mine.savedAt ? formatDateTime(mine.savedAt) : null);
        return mine;
      });
      chain.current = run.catch(() => undefined);
      return run;
    },
    [round, activity],
  );

  const failed = (e: unknown) => {
    setError(messageOf(e));
    if (e instanceof ApiError && Array.isArray(e.details)) {
      const fields: Record<string, string> = {};
      for (const d of e.details as { path?: unknown[]; message?: string }[]) {
        const id = d.path?.[1];
        if (typeof id === "string" && d.message) fields[id] = d.message;
      }
      setFieldErrors(fields);
    }
  };

  const schedule = () => {
    setSent(false);
    setSaved(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(false).catch(failed), AUTOSAVE_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (id: string, field: "points" | "comment", value: string) => {
    setDraft((d) => ({ ...d, [id]: { ...(d[id] ?? { points: "", comment: "" }), [field]: value } }));
    schedule();
  };

  const submit = async () => {
    clearTimeout(timer.current);
    try {
      await save(true);
      await load();
      setSent(true);
    } catch (e) {
      failed(e);
    }
  };

  if (!review) {
    return (
      <>
        <h1>Değerlendirme</h1>
        <Alert text={error} />
      </>
    );
  }
  const mine = review.mine;
  const submitted = Boolean(mine?.submittedAt);

  return (
    <>
      <p>
        <Link to="/degerlendirmeler">← Değerlendirmelerim</Link>
      </p>
      <h1>{mine?.title ?? "Değerlendirme"}</h1>
      {submitted && mine?.submittedAt && (
        <p className="muted">
          Puanlarınızı {formatDateTime(mine.submittedAt)} tarihinde gönderdiniz; tur kapanana kadar düzeltebilirsiniz.
        </p>
      )}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {review.criteria.map((c) => {
          const d = draft[c.id] ?? { points: "", comment: "" };
          const low = c.min !== undefined && d.points !== "" && Number(d.points) < c.min;
          return (
            <fieldset key={c.id} className="panel criterion" data-criterion={c.id}>
              <legend>
                {c.title} <span className="hint">(ağırlık {formatScore(c.weight)})</span>
              </legend>
              {c.guidance && <p className="hint">{c.guidance}</p>}
              <div className="row">
                <div className="field short">
                  <label htmlFor={`points-${c.id}`}>
                    Puan (0–{c.max}){c.min !== undefined ? `, en az ${c.min} değilse yorum gerekir` : ""}
                  </label>
                  <input
                    id={`points-${c.id}`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={c.max}
                    step="any"
                    value={d.points}
                    aria-invalid={fieldErrors[c.id] ? true : undefined}
                    onChange={(e) => change(c.id, "points", e.target.value)}
                  />
                </div>
              </div>
              <div className="field">
                <label htmlFor={`comment-${c.id}`}>
                  {c.title} yorumu{low ? " (gerekli)" : ""}
                </label>
                <textarea
                  id={`comment-${c.id}`}
                  rows={2}
                  maxLength={2000}
                  required={low}
                  value={d.comment}
                  onChange={(e) => change(c.id, "comment", e.target.value)}
                />
              </div>
              {fieldErrors[c.id] && <p className="error">{fieldErrors[c.id]}</p>}
            </fieldset>
          );
        })}
        <div className="field">
          <label htmlFor="review-comment">Genel yorum</label>
          <textarea
            id="review-comment"
            rows={3}
            maxLength={4000}
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              schedule();
            }}
          />
        </div>
        <Alert text={error} />
        <p role="status" aria-live="polite">
          {saved ? (sent ? `Puanlarınız gönderildi (${saved}).` : `Taslak kaydedildi (${saved}).`) : ""}
          {mine?.total !== undefined && saved ? ` Ağırlıklı toplam: ${formatScore(mine.total)}` : ""}
        </p>
        <div className="actions">
          <button type="submit">{submitted ? "Düzeltmeyi gönder" : "Gönder"}</button>
        </div>
      </form>
      <section className="panel" aria-labelledby="others-title">
        <h2 id="others-title">Diğer değerlendiriciler</h2>
        {review.blind ? (
          <p className="muted">Diğer değerlendiricilerin puanları siz kendi puanlarınızı gönderdikten sonra görünür.</p>
        ) : review.others.length === 0 ? (
          <p className="muted">Henüz puanını gönderen başka değerlendirici yok.</p>
        ) : (
          <TableBox label="Diğer değerlendiricilerin puanları">
            <table>
              <thead>
                <tr>
                  <th scope="col">Ölçüt</th>
                  {review.others.map((o) => (
                    <th key={o.label} scope="col">
                      {o.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {review.criteria.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.title}</th>
                    {review.others.map((o) => (
                      <td key={o.label}>
                        <span className="mono">{formatScore(o.scores[c.id]?.points)}</span>
                        {o.scores[c.id]?.comment && <small className="code-line">{o.scores[c.id]?.comment}</small>}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">Ağırlıklı toplam</th>
                  {review.others.map((o) => (
                    <td key={o.label} className="mono">
                      {formatScore(o.total)}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </TableBox>
        )}
      </section>
    </>
  );
}
