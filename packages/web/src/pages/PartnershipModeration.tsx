/**
 * The province's moderation queue of the Okul Ortaklığı showcase: joint activities a coordinator
 * offered (content rule confirmed) wait for a province officer, who approves them for the public
 * page or refuses them with a reason.
 */
import { useState } from "react";
import { api, messageOf, request } from "../api";
import { scopeText } from "../identity";
import { ScopeName, scopeTitle, useScopeNames } from "../names";
import { MoreButton, usePaged } from "../paging";
import { formatDay } from "../partnership";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox, useConfirm } from "../ui";

const statuses = [
  ["pending", "Bekleyenler"],
  ["approved", "Onaylananlar"],
  ["refused", "Reddedilenler"],
] as const;
type Status = (typeof statuses)[number][0];

const fetchQueue = (province: string, status: Status, cursor: string | null) =>
  request(
    api.api.partnerships.moderation.$get({ query: { province, status, limit: "25", ...(cursor ? { cursor } : {}) } }),
  );

export function PartnershipModeration() {
  const session = useSession();
  const { search } = useLocation();
  const provinces = session.scopesFor("partnership.content.moderate").filter((s) => s.type === "province");
  const names = useScopeNames(provinces);
  const province = provinces.find((s) => s.id === search.get("il"))?.id ?? provinces[0]?.id ?? "";
  const status: Status = statuses.find(([key]) => key === search.get("durum"))?.[0] ?? "pending";
  const paged = usePaged(province ? (cursor) => fetchQueue(province, status, cursor) : null, [province, status]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();
  const go = (next: { il?: string; durum?: string }) =>
    navigate(`/vitrin-moderasyonu?il=${next.il ?? province}&durum=${next.durum ?? status}`, { replace: true });

  const decide = async (
    post: { partnershipId: string; workId: string; title: string },
    decision: "approve" | "refuse",
  ) => {
    setError(null);
    setNotice(null);
    const reason = reasons[post.workId]?.trim();
    if (decision === "refuse" && !reason) {
      setError("Ret için bir gerekçe yazılmalı.");
      return;
    }
    const question =
      decision === "approve"
        ? `"${post.title}" herkese açık vitrinde yayımlansın mı?`
        : `"${post.title}" gerekçesiyle reddedilsin mi?`;
    if (!(await ask(question, decision === "approve" ? "Onayla" : "Reddet"))) return;
    try {
      await request(
        api.api.partnerships[":id"].posts[":workId"].decision.$post({
          param: { id: post.partnershipId, workId: post.workId },
          json: { decision, ...(reason && decision === "refuse" ? { reason } : {}) },
        }),
      );
      setNotice(decision === "approve" ? `"${post.title}" onaylandı.` : `"${post.title}" reddedildi.`);
      await paged.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <>
      {dialog}
      <h1>Vitrin moderasyonu</h1>
      <p className="hint">
        Ortak okulların vitrine önerdiği çalışmalar, paylaşan okulun il görevlisi onaylayınca herkese açık sayfada
        görünür. Ret gerekçesi koordinatörlere iletilir.
      </p>
      <div className="filters">
        <div className="field wide">
          <label htmlFor="moderation-province">İl</label>
          <select id="moderation-province" value={province} onChange={(event) => go({ il: event.target.value })}>
            {provinces.map((s) => (
              <option key={scopeText(s)} value={s.id}>
                {scopeTitle(s, names)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="moderation-status">Durum</label>
          <select id="moderation-status" value={status} onChange={(event) => go({ durum: event.target.value })}>
            {statuses.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Alert text={error ?? paged.error} />
      {paged.items?.length === 0 && <p className="muted">Bu durumda içerik yok.</p>}
      {(paged.items ?? []).length > 0 && (
        <TableBox label="Moderasyon kuyruğu">
          <table aria-label="Moderasyon kuyruğu">
            <thead>
              <tr>
                <th scope="col">Tarih</th>
                <th scope="col">Çalışma</th>
                <th scope="col">Paylaşan okul</th>
                <th scope="col">Yayın izni</th>
                <th scope="col">{status === "pending" ? "Karar" : "Gerekçe"}</th>
              </tr>
            </thead>
            <tbody>
              {(paged.items ?? []).map((post) => (
                <tr key={`${post.partnershipId}/${post.workId}`} data-post={post.workId}>
                  <td>{formatDay(post.date)}</td>
                  <td>
                    <strong>{post.title}</strong>
                    {post.summary && <small className="code-line">{post.summary}</small>}
                    <small className="code-line">
                      <Link to={`/vitrin/${post.partnershipId}`}>Ortaklığın vitrini</Link>
                    </small>
                  </td>
                  <td>
                    <ScopeName scope={{ type: "school", id: post.postingSchool }} code={false} />
                  </td>
                  <td>{post.consent ? "Kayıtlı" : "Tanınabilir öğrenci yok"}</td>
                  <td>
                    {status === "pending" ? (
                      <div className="decision">
                        <button type="button" onClick={() => void decide(post, "approve")}>
                          Onayla
                        </button>
                        <input
                          aria-label={`Ret gerekçesi: ${post.title}`}
                          placeholder="Ret gerekçesi"
                          maxLength={1000}
                          value={reasons[post.workId] ?? ""}
                          onChange={(event) => setReasons((r) => ({ ...r, [post.workId]: event.target.value }))}
                        />
                        <button type="button" className="secondary" onClick={() => void decide(post, "refuse")}>
                          Reddet
                        </button>
                      </div>
                    ) : (
                      (post.reason ?? "—")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <MoreButton paged={paged} />
    </>
  );
}
