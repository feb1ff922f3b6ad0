import type { Role } from "@bigep/core/shared";
import { type FormEvent, useState } from "react";
import { CsvImport, type ImportErrors } from "../admin";
import { api, messageOf, request } from "../api";
import { compareTr } from "../format";
import { grantableRoles, managedScopes, parseScope, roleNames, scopeLabel, scopeText } from "../identity";
import { MoreButton, usePaged } from "../paging";
import { navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert, TableBox, useConfirm } from "../ui";

type StaffImport = ImportErrors & { rows: number; created: number; granted: number; unchanged: number };
type Holder = Awaited<ReturnType<typeof fetchHolders>>["items"][number];
const fetchHolders = (scope: string, cursor: string | null) =>
  request(api.api.users.$get({ query: { scope, limit: 100, ...(cursor ? { cursor } : {}) } }));

/**
 * People of a scope I administer (a school's staff, a district board…): list, invite with a role
 * I may grant, deactivate and reactivate. Wider admins can narrow to one school by its kurum kodu.
 */
export function Users() {
  const { me, scopesFor } = useSession();
  const { search } = useLocation();
  const managed = managedScopes(me?.capabilities, "user.invite");
  const scopeParam = search.get("kapsam") ?? (managed[0] ? scopeText(managed[0].scope) : "");
  const scope = parseScope(scopeParam);

  const paged = usePaged(scope ? (cursor) => fetchHolders(scopeParam, cursor) : null, [scopeParam], (a, b) =>
    compareTr(a.name, b.name),
  );
  const { items } = paged;
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();

  const choose = (text: string) => {
    setError(null);
    setNotice(null);
    navigate(`/kullanicilar?kapsam=${encodeURIComponent(text)}`, { replace: true });
  };

  const deactivate = async (holder: Holder) => {
    const question = `${holder.name} adlı kişinin hesabı pasifleştirilsin mi? Tüm oturumları hemen kapanır.`;
    if (!(await ask(question, "Pasifleştir"))) return;
    setError(null);
    try {
      await request(api.api.users[":id"].deactivate.$post({ param: { id: holder.id } }));
      setNotice(`${holder.name} pasifleştirildi.`);
      await paged.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  // Erasure on request (KVKK m.7): offered where the server grants privacy.erase; it decides per person.
  const mayErase = scopesFor("privacy.erase").length > 0;
  const erase = async (holder: Holder) => {
    const question =
      `${holder.name} adlı kişinin kişisel verileri silinsin mi? Bu işlem geri alınamaz: oturumları ve rolleri ` +
      "silinir, kayıtlarda adı 'Silinmiş kişi' olur, e-posta ve IP adresleri kaldırılır.";
    if (!window.confirm(question)) return;
    setError(null);
    try {
      await request(api.api.privacy.people[":id"].erase.$post({ param: { id: holder.id } }));
      setNotice(`${holder.name} adlı kişinin verileri silindi.`);
      await paged.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const reactivate = async (holder: Holder) => {
    setError(null);
    try {
      await request(api.api.users[":id"].reactivate.$post({ param: { id: holder.id } }));
      setNotice(`${holder.name} yeniden etkinleştirildi; e-posta adresine gelen kodla oturum açabilir.`);
      await paged.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <>
      <h1>Kullanıcılar</h1>
      {dialog}
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          const code = new FormData(event.currentTarget).get("school");
          if (typeof code === "string" && code.trim()) choose(`school:${code.trim()}`);
        }}
      >
        <div className="field wide">
          <label htmlFor="scope">Kapsam</label>
          <select id="scope" value={scopeParam} onChange={(event) => choose(event.target.value)}>
            {managed.map((g) => (
              <option key={scopeText(g.scope)} value={scopeText(g.scope)}>
                {scopeLabel(g.scope)} — {g.roles.map((r) => roleNames[r]).join(", ")}
              </option>
            ))}
            {scope && !managed.some((g) => scopeText(g.scope) === scopeParam) && (
              <option value={scopeParam}>{scopeLabel(scope)}</option>
            )}
          </select>
        </div>
        {managed.some((g) => g.scope.type !== "school") && (
          <div className="field">
            <label htmlFor="school">Okul kurum kodu</label>
            <span className="inline">
              <input id="school" name="school" inputMode="numeric" pattern="\d{6,8}" />
              <button type="submit" className="secondary">
                Göster
              </button>
            </span>
          </div>
        )}
      </form>

      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Alert text={error ?? paged.error} />
      {items && items.length === 0 && <p className="muted">Bu kapsamda rolü olan kimse yok.</p>}
      {items && items.length > 0 && (
        <TableBox label="Kişiler">
          <table aria-label="Kişiler">
            <thead>
              <tr>
                <th scope="col">Ad soyad</th>
                <th scope="col">E-posta</th>
                <th scope="col">Roller</th>
                <th scope="col">Durum</th>
                <th scope="col">
                  <span className="visually-hidden">İşlem</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((holder) => (
                <tr key={holder.id}>
                  <td>{holder.name}</td>
                  <td>{holder.email}</td>
                  <td>{holder.roles.map((r) => roleNames[r]).join(", ")}</td>
                  <td className={`status-${holder.status}`}>{holder.status === "active" ? "Etkin" : "Pasif"}</td>
                  <td>
                    {holder.status === "active" && holder.id !== me?.user.id && (
                      <button type="button" className="secondary small" onClick={() => void deactivate(holder)}>
                        Pasifleştir
                      </button>
                    )}
                    {holder.status === "inactive" && (
                      <button type="button" className="secondary small" onClick={() => void reactivate(holder)}>
                        Etkinleştir
                      </button>
                    )}
                    {mayErase && holder.id !== me?.user.id && (
                      <button type="button" className="secondary small" onClick={() => void erase(holder)}>
                        Verilerini sil
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <MoreButton paged={paged} />

      {scope && (
        <Invite
          scope={scopeParam}
          roles={grantableRoles(me?.capabilities, scope)}
          onInvited={(text) => {
            setNotice(text);
            void paged.reload();
          }}
        />
      )}
      {scope?.type === "school" && scopesFor("user.import").length > 0 && (
        <CsvImport<StaffImport>
          key={scope.id}
          id="staff-import"
          title={`Kadroyu CSV'den içe aktar — ${scopeLabel(scope)}`}
          path={`/api/schools/${encodeURIComponent(scope.id)}/staff/import`}
          template={{
            name: "kadro.csv",
            header: "ad_soyad,eposta,rol",
            example: "Ayşe Yılmaz,ayse.yilmaz@meb.k12.tr,öğretmen",
            values: [
              ["rol", ["öğretmen", "müdür", "müdür yardımcısı", "komisyon"]],
              ["eposta", ["kişinin kurumsal e-posta adresi"]],
            ],
          }}
          hint="Rol: öğretmen, müdür, müdür yardımcısı ya da komisyon. Kişiler e-postalarına göre eklenir; aynı dosyayı yeniden aktarmak bir şey değiştirmez. En çok 1 MB / 2000 satır."
          summary={(r) =>
            `${r.rows} satır okundu: ${r.created} yeni hesap açıldı, ${r.granted} rol verildi, ${r.unchanged} değişmedi.`
          }
          onImported={() => void paged.reload()}
        />
      )}
    </>
  );
}

function Invite({ scope, roles, onInvited }: { scope: string; roles: Role[]; onInvited(text: string): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = parseScope(scope);
  if (!target || roles.length === 0) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const result = await request(
        api.api.users.invite.$post({
          json: {
            email: String(data.get("email") ?? ""),
            name: String(data.get("name") ?? ""),
            role: String(data.get("role")) as Role,
            scope: target,
          },
        }),
      );
      form.reset();
      onInvited(`${result.name} davet edildi: ${result.message}`);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="invite-title">
      <h2 id="invite-title">Kişi davet et — {scopeLabel(target)}</h2>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="invite-email">E-posta</label>
          <input id="invite-email" name="email" type="email" required maxLength={254} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="invite-name">Ad soyad</label>
          <input id="invite-name" name="name" required minLength={2} maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="invite-role">Rol</label>
          <select id="invite-role" name="role" defaultValue={roles[roles.length - 1]}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleNames[r]}
              </option>
            ))}
          </select>
        </div>
        <Alert text={error} />
        <button type="submit" disabled={busy}>
          {busy ? "Gönderiliyor…" : "Davet et"}
        </button>
      </form>
    </section>
  );
}
