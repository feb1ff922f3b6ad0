import { api, request } from "../api";
import { formatDateTime } from "../format";
import { actionNames, managedScopes, parseScope, roleNames, scopeText } from "../identity";
import { ScopeName, scopeTitle, useScopeNames } from "../names";
import { MoreButton, usePaged } from "../paging";
import { navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox } from "../ui";

const fetchEvents = (query: { scope: string } & Record<string, string>) => request(api.api.audit.$get({ query }));

/**
 * The audit log of a scope I administer: its recent events (for a province or district, those of
 * every school inside it too, each with its scope), or one record's or one person's.
 */
export function AuditLog() {
  const { me } = useSession();
  const { search } = useLocation();
  const managed = managedScopes(me?.capabilities, "audit.read");
  const names = useScopeNames(managed.map((g) => g.scope));
  const scope = search.get("kapsam") ?? (managed[0] ? scopeText(managed[0].scope) : "");
  const by = search.get("tur") ?? "scope";
  const value = search.get("deger") ?? "";
  // A province's or district's view holds the events of the schools inside it: show whose each is.
  const nested = scope.startsWith("province:") || scope.startsWith("district:");

  const filter: Record<string, string> = value && (by === "entity" || by === "actor") ? { [by]: value } : {};
  const paged = usePaged(
    scope ? (cursor) => fetchEvents({ scope, limit: "50", ...filter, ...(cursor ? { cursor } : {}) }) : null,
    [scope, by, value],
  );
  const { items } = paged;

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams({ kapsam: scope, tur: by, deger: value, ...changes });
    navigate(`/denetim?${next}`, { replace: true });
  };

  return (
    <>
      <h1>Denetim kaydı</h1>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          set({ tur: String(data.get("by")), deger: String(data.get("value") ?? "").trim() });
        }}
      >
        <div className="field wide">
          <label htmlFor="audit-scope">Kapsam</label>
          <select id="audit-scope" value={scope} onChange={(event) => set({ kapsam: event.target.value })}>
            {managed.map((g) => (
              <option key={scopeText(g.scope)} value={scopeText(g.scope)}>
                {scopeTitle(g.scope, names)} — {g.roles.map((r) => roleNames[r]).join(", ")}
              </option>
            ))}
          </select>
        </div>
        <div className="field wide">
          <label htmlFor="audit-by">Göster</label>
          <select id="audit-by" name="by" defaultValue={by}>
            <option value="scope">
              {nested ? "Kapsamın ve içindeki okulların son 7 günü" : "Kapsamın son 7 günü"}
            </option>
            <option value="entity">Bir kaydın olayları (tür:kimlik)</option>
            <option value="actor">Bir kişinin yaptıkları (kullanıcı kimliği)</option>
          </select>
        </div>
        <div className="field wide">
          <label htmlFor="audit-value">Kayıt ya da kişi</label>
          <span className="inline">
            <input id="audit-value" name="value" defaultValue={value} placeholder="user:usr_… ya da usr_…" />
            <button type="submit" className="secondary">
              Göster
            </button>
          </span>
        </div>
      </form>

      <Alert text={paged.error} />
      {scope && parseScope(scope) === undefined && <p className="error">Geçersiz kapsam.</p>}
      {items && items.length === 0 && <p className="muted">Bu seçimle kayıtlı olay yok.</p>}
      {items && items.length > 0 && (
        <TableBox label="Olaylar">
          <table aria-label="Olaylar">
            <thead>
              <tr>
                <th scope="col">Zaman</th>
                {nested && <th scope="col">Kapsam</th>}
                <th scope="col">İşlem</th>
                <th scope="col">Kayıt</th>
                <th scope="col">Yapan</th>
                <th scope="col">İstek</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  {nested && (
                    <td>
                      <ScopeName scope={e.scope} />
                    </td>
                  )}
                  <td>{actionNames[e.action] ?? e.action}</td>
                  <td className="mono">
                    <button
                      type="button"
                      className="link"
                      onClick={() => set({ tur: "entity", deger: `${e.entity.type}:${e.entity.id}` })}
                    >
                      {e.entity.type}:{e.entity.id}
                    </button>
                  </td>
                  <td>
                    {e.actor.id ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => set({ tur: "actor", deger: e.actor.id ?? "" })}
                      >
                        {e.actor.name ?? e.actor.id}
                      </button>
                    ) : (
                      (e.actor.name ?? (e.actor.type === "public" ? "Anonim" : "Sistem"))
                    )}
                  </td>
                  <td className="mono">{e.requestId.slice(0, 8)}</td>
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
