/** People, roles and scopes for the identity pages: Turkish labels and what the signed-in admin may grant. */
import "./identity.css";
import type { Grant, Role, Scope } from "@bigep/core/actor";
// Pure modules (type-only imports), shared with core so the web offers what the server allows.
import { adminRoles, roleNames } from "../../core/src/access/policy";
import { roleRank, roleScopes, scopeText } from "../../core/src/identity/roles";

export { adminRoles, roleNames, scopeText };

const scopeTypeNames: Record<Scope["type"], string> = {
  national: "Ulusal",
  province: "İl",
  district: "İlçe",
  school: "Okul",
  partnership: "Ortaklık",
};

/** "Okul 710204", "İlçe 10-altieylul", "Ulusal". */
export function scopeLabel(scope: Scope): string {
  return scope.type === "national" ? scopeTypeNames.national : `${scopeTypeNames[scope.type]} ${scope.id}`;
}

/** `school:710204` → scope; undefined for anything else. */
export function parseScope(text: string): Scope | undefined {
  if (text === "national") return { type: "national", id: "" };
  const [type, ...rest] = text.split(":");
  if (!type || !(type in scopeTypeNames) || rest.length === 0) return undefined;
  return { type: type as Scope["type"], id: rest.join(":") };
}

/** The admin grants of the signed-in person (the scopes they manage), one per scope. */
export function adminGrants(grants: readonly Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = scopeText(g.scope);
    if (!adminRoles.includes(g.role) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Roles the person may give in `target`: the role fits the scope type and ranks no higher than
 * an admin role they hold. (The server also checks that the scope lies inside theirs.)
 */
export function grantableRoles(grants: readonly Grant[], target: Scope): Role[] {
  const ranks = grants.filter((g) => adminRoles.includes(g.role)).map((g) => roleRank(g.role));
  const best = Math.max(0, ...ranks);
  return (Object.keys(roleNames) as Role[]).filter(
    (role) => roleScopes[role].includes(target.type) && roleRank(role) <= best,
  );
}

/** Turkish names of audit actions; unknown ones are shown as they are. */
export const actionNames: Record<string, string> = {
  "auth.signin": "Oturum açma",
  "auth.signin.failed": "Başarısız giriş denemesi",
  "auth.signin.start": "Giriş kodu isteği",
  "auth.signout": "Oturum kapatma",
  "session.revoke": "Oturum sonlandırma",
  "user.create": "Kullanıcı oluşturma",
  "user.invite": "Davet",
  "user.update": "Kullanıcı güncelleme",
  "user.deactivate": "Hesabı pasifleştirme",
  "user.reactivate": "Hesabı yeniden etkinleştirme",
  "role.grant": "Rol verme",
  "role.revoke": "Rol geri alma",
  "staff.import": "Kadro içe aktarma",
  "school.create": "Okul ekleme",
  "school.update": "Okul güncelleme",
  "district.create": "İlçe ekleme",
};
