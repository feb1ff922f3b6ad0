/**
 * The one access-policy module. Every core operation asks `assert`/`can` before it reads or
 * writes; nothing else decides who may do what. The conditions of the policy's rows are
 * evaluated here and only here (conditions.ts); domains load the facts (who created a record,
 * who is assigned to it, its dated window) and pass them in the `Resource`.
 */
import { type Actor, actor as currentActor, type Grant } from "../actor";
import { VisibleError } from "../util/error";
import { type Failure, holds, type Resource, scopeContains } from "./conditions";
import { type Action, actions, adminRoles, type Condition, conditions, type Rule, roleNames, rules } from "./policy";

export { Capabilities, capabilities, ScopeCapabilities } from "./capabilities";
export {
  type Action,
  actions,
  adminRoles,
  type Condition,
  conditions,
  type Resource,
  type Rule,
  roleNames,
  rules,
  scopeContains,
};

type Verdict = { allowed: true } | { allowed: false; reachable: boolean; failed?: Failure };

/**
 * Evaluates the rows of `action` for the actor's grants. `reachable` says whether some row's
 * `scope` held (the resource is visible to the actor through the action); `failed` names the
 * relation that refused the closest row, for a precise message.
 */
function decide(action: Action, resource: Resource, actor: Actor): Verdict {
  if (actor.type === "system") return { allowed: true };
  if (actor.type !== "user") return { allowed: false, reachable: false };
  let reachable = false;
  let failed: Failure | undefined;
  for (const grant of actor.grants) {
    for (const [role, ruleAction, where] of rules) {
      if (role !== grant.role || ruleAction !== action) continue;
      const result = holds(where, grant, actor, resource);
      if (result === true) return { allowed: true };
      if (result.reachable) {
        reachable = true;
        failed ??= result.failed;
      }
    }
  }
  return { allowed: false, reachable, ...(failed ? { failed } : {}) };
}

/** May this actor do this action on this resource? */
export function can(action: Action, resource: Resource, actor: Actor = currentActor()): boolean {
  return decide(action, resource, actor).allowed;
}

/** Turkish reasons for refusals caused by a relation, not by scope. */
const reasons: Record<Failure, { code: string; message: string }> = {
  notOwn: {
    code: "own_record",
    message:
      "Kendi oluşturduğunuz kayıt hakkında karar veremezsiniz; kararı okulun başka bir komisyon üyesi ya da müdürü verir.",
  },
  notOwnSchool: {
    code: "own_school",
    message: "Görev yaptığınız okulun kaydı hakkında bu düzeyde karar veremezsiniz.",
  },
  notOwnDistrict: {
    code: "own_district",
    message: "Kendi ilçenizdeki bir okulun kaydı hakkında il düzeyinde karar veremezsiniz.",
  },
  own: { code: "not_owner", message: "Bu işlemi yalnızca kaydı oluşturan kişi yapabilir." },
  self: { code: "forbidden", message: "Bu işlem için yetkiniz yok." },
  assigned: { code: "not_assigned", message: "Bu kayıt size atanmamış." },
  windowOpen: { code: "window_closed", message: "Bu işlemin takvimdeki süresi açık değil." },
  windowOpenAt: {
    code: "round_closed",
    message: "Değerlendirme turu şu anda açık değil (açılış ve kapanış saatine bakın).",
  },
  // --- partnership ---
  memberSchool: { code: "not_member", message: "Bu ortaklığın okullarından birinde göreviniz yok." },
  memberProvince: { code: "not_member", message: "Bu ortaklığın okullarının illerinde göreviniz yok." },
  coordinator: {
    code: "not_coordinator",
    message: "Bu işlemi yalnızca ortaklığın bu adım için yetkili koordinatörü yapabilir.",
  },
};

/**
 * Throws unless allowed: 401 for the anonymous, otherwise 403 — or 404 with `hide` when
 * revealing that the resource exists would leak (no row's scope reaches it). A refusal by a
 * relation (e.g. the creator trying to approve their own activity) is a 403 saying why.
 */
export function assert(action: Action, resource: Resource, options: { hide?: boolean } = {}): void {
  const actor = currentActor();
  const verdict = decide(action, resource, actor);
  if (verdict.allowed) return;
  if (actor.type === "public") throw new VisibleError("auth", "unauthenticated", "Lütfen oturum açın.");
  if (verdict.failed) {
    const { code, message } = reasons[verdict.failed];
    throw new VisibleError("forbidden", code, message);
  }
  if (options.hide && !verdict.reachable) throw new VisibleError("not_found", "not_found", "Kayıt bulunamadı.");
  throw new VisibleError("forbidden", "forbidden", "Bu işlem için yetkiniz yok.");
}

/** Grants of the current actor that allow `action` somewhere (to build scoped list queries). */
export function grantsFor(action: Action, actor: Actor = currentActor()): Grant[] {
  if (actor.type !== "user") return [];
  return actor.grants.filter((g) => rules.some(([role, a]) => role === g.role && a === action));
}
