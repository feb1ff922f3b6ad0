/**
 * People, roles and scopes for the identity pages: Turkish labels, and the scopes and roles the
 * server's capabilities (`GET /api/me`) say the signed-in person administers and may grant.
 */
import "./identity.css";
import { type Action, type Role, roleNames, type Scope, scopeText } from "@bigep/core/shared";
import type { Capabilities } from "./session";

export { roleNames, scopeText };

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

/** The scopes in which the person may do `action` (e.g. `user.invite`, `audit.read`), with the roles they hold there. */
export function managedScopes(
  capabilities: Capabilities | undefined,
  action: Action,
): { scope: Scope; roles: Role[] }[] {
  return (capabilities?.scopes ?? []).filter((s) => s.actions.includes(action));
}

/**
 * Roles the person may give in a scope of `target`'s type, as the server computed them. (The
 * server also checks, when the role is given, that the scope lies inside one of theirs.)
 */
export function grantableRoles(capabilities: Capabilities | undefined, target: Scope): Role[] {
  const roles = new Set((capabilities?.scopes ?? []).flatMap((s) => s.grantable[target.type] ?? []));
  return (Object.keys(roleNames) as Role[]).filter((role) => roles.has(role));
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
