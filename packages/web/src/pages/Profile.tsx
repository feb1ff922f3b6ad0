import { useState } from "react";
import { api, messageOf, request } from "../api";
import { formatDateTime } from "../format";
import { roleNames } from "../identity";
import { ScopeName } from "../names";
import { MoreButton, usePaged } from "../paging";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

// One page holds them all (a person has a handful of sessions).
const fetchSessions = () => request(api.api.me.sessions.$get());

/** My account: who I am, the roles I hold, and my open sessions (which I can end). */
export function Profile() {
  const { me } = useSession();
  const paged = usePaged(fetchSessions, []);
  const sessions = paged.items;
  const [error, setError] = useState<string | null>(null);

  const end = async (id: string) => {
    setError(null);
    try {
      await request(api.api.me.sessions[":id"].$delete({ param: { id } }));
      await paged.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  // KVKK m.11: the person's own copy of their data (GET /api/privacy/export), saved as a file.
  const downloadMine = async () => {
    setError(null);
    try {
      const data = await request(api.api.privacy.export.$get());
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = "bigep-kisisel-verilerim.json";
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  if (!me) return null;
  return (
    <>
      <h1>Profilim</h1>
      <dl className="facts">
        <dt>Ad soyad</dt>
        <dd>{me.user.name}</dd>
        <dt>E-posta</dt>
        <dd>{me.user.email}</dd>
      </dl>
      <p>
        <button type="button" className="secondary" onClick={() => void downloadMine()}>
          Kişisel verilerimi indir (JSON)
        </button>
      </p>

      <h2>Rollerim</h2>
      {me.grants.length === 0 ? (
        <p className="muted">Henüz bir rolünüz yok. Okulunuzun yöneticisinden davet isteyin.</p>
      ) : (
        <TableBox label="Rollerim">
          <table>
            <thead>
              <tr>
                <th scope="col">Rol</th>
                <th scope="col">Kapsam</th>
                <th scope="col">Eğitim öğretim yılı</th>
              </tr>
            </thead>
            <tbody>
              {me.grants.map((g) => (
                <tr key={`${g.role}|${g.scope.type}|${g.scope.id}|${g.schoolYear ?? ""}`}>
                  <td>{roleNames[g.role]}</td>
                  <td>
                    <ScopeName scope={g.scope} />
                  </td>
                  <td>{g.schoolYear ?? "Tüm yıllar"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}

      <h2>Oturumlarım</h2>
      <Alert text={error ?? paged.error} />
      <MoreButton paged={paged} />
      {sessions && (
        <TableBox label="Oturumlarım">
          <table aria-label="Oturumlarım">
            <thead>
              <tr>
                <th scope="col">Açılış</th>
                <th scope="col">Son yenileme</th>
                <th scope="col">Tarayıcı</th>
                <th scope="col">IP</th>
                <th scope="col">
                  <span className="visually-hidden">İşlem</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>{formatDateTime(s.createdAt)}</td>
                  <td>{formatDateTime(s.lastUsedAt)}</td>
                  <td>{s.userAgent ?? "—"}</td>
                  <td className="mono">{s.ip ?? "—"}</td>
                  <td>
                    {s.current ? (
                      <span className="muted">Bu oturum</span>
                    ) : (
                      <button type="button" className="secondary small" onClick={() => void end(s.id)}>
                        Kapat
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </>
  );
}
