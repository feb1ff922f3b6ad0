/**
 * People: name, e-mail (unique under Turkish case folding), optional phone, status. No national
 * ID number is stored. Admins of a scope invite people into it and manage the people there.
 */
import * as z from "zod";
import { assert, roleNames } from "../access";
import { actor, Role, Scope, useUser } from "../actor";
import { Audit } from "../audit";
import { MAX_ITEMS, put, remove, TransactionCanceled, type TxItem, transact, update as updateItem } from "../db";
import { send } from "../mail";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema } from "../util/id";
import { log } from "../util/log";
import { fromCursor, type Page, PageInput } from "../util/page";
import { normalizeEmail } from "../util/text";
import {
  type Account,
  allows,
  assertRoomForGrant,
  assignmentItem,
  grantsOf,
  load,
  type UserItem,
  visibleGrants,
} from "./account";
import * as Assignment from "./assignment";
import { entities } from "./entities";
import {
  GrantFields,
  type GrantInput,
  homeScope,
  placeOrFail,
  roleFitsScope,
  scopeText,
  toStored,
  ValidScope,
} from "./scope";

/** An e-mail address; Turkish letters allowed in the local part (folded for uniqueness). */
export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ pattern: z.regexes.unicodeEmail, message: "Geçersiz e-posta adresi." }))
  .refine((v) => !/[#\s]/.test(v), { message: "Geçersiz e-posta adresi." });
export const Name = z.string().trim().min(2).max(120);
export const Phone = z
  .string()
  .trim()
  .regex(/^[0-9 +()-]{7,20}$/, { message: "Geçersiz telefon numarası." });
export const Id = idSchema("user");

export const Info = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().optional(),
    status: z.enum(["active", "inactive"]),
    /** Optimistic-locking version; the HTTP ETag. */
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "User" });
export type Info = z.infer<typeof Info>;

export const Detail = Info.extend({ grants: z.array(Assignment.Info) }).meta({ id: "UserDetail" });
export type Detail = z.infer<typeof Detail>;

function toInfo(item: UserItem): Info {
  return {
    id: item.userId,
    name: item.name,
    email: item.email,
    ...(item.phone ? { phone: item.phone } : {}),
    status: item.status,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** The user with the roles the caller may see (`visibleGrants`). */
async function detailOf(account: Account): Promise<Detail> {
  return { ...toInfo(account.user), grants: await visibleGrants(account) };
}

/** The user item for an address (folded), with no access check: sign-in and provisioning use it. */
export async function byEmail(email: string): Promise<UserItem | undefined> {
  const { data: claim } = await entities()
    .EmailClaim.get({ emailKey: normalizeEmail(email) })
    .go();
  if (!claim) return undefined;
  const { data } = await entities().User.get({ userId: claim.userId }).go();
  return data ?? undefined;
}

export const CreateInput = z.object({ name: Name, email: Email, phone: Phone.optional() });

/** A new user item and its e-mail claim, as items of one transaction (the claim's condition keeps addresses unique). */
function newUser(input: z.output<typeof CreateInput>): { item: UserItem; items: [TxItem, TxItem] } {
  const at = now().toISOString();
  const item = {
    userId: createId("user"),
    name: input.name,
    email: input.email,
    emailKey: normalizeEmail(input.email),
    ...(input.phone ? { phone: input.phone } : {}),
    status: "active" as const,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const { User, EmailClaim } = entities();
  return {
    item,
    items: [put(User.create(item)), put(EmailClaim.create({ emailKey: item.emailKey, userId: item.userId }))],
  };
}

const emailTaken = () => new VisibleError("conflict", "email_taken", "Bu e-posta adresiyle kayıtlı bir kullanıcı var.");

/** Creates a user with no roles (system actor only: seeding, tests). People arrive through `invite`. */
export const create = fn(CreateInput, async (input): Promise<Info> => {
  assert("user.invite", { place: {} });
  const { item, items } = newUser(input);
  try {
    await transact([
      ...items,
      await Audit.entry({ action: "user.create", entity: { type: "user", id: item.userId }, scope: national }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(1)) throw emailTaken();
    throw error;
  }
  return toInfo(item);
});

const national: Scope = { type: "national", id: "" };

export const InviteInput = GrantFields.extend({ email: Email, name: Name }).refine(...roleFitsScope);

/**
 * What an invitation answers: only what the inviter sent. The same whether the address was new,
 * already had an account (active or not) or already held the role, so an invitation reveals
 * nothing about people outside the inviter's scope (no id, name, dates or other roles).
 */
export const Invitation = z
  .object({
    email: z.string(),
    name: z.string(),
    role: Role,
    scope: Scope,
    schoolYear: z.string().optional(),
    message: z.string(),
  })
  .meta({ id: "Invitation" });
export type Invitation = z.infer<typeof Invitation>;

/**
 * Invites a person into a scope with a role: creates the account if the address is new (an
 * existing account just gains the role) and e-mails them. The caller must be allowed to grant the
 * role there; the answer does not depend on whether the address already had an account.
 */
export const invite = fn(InviteInput, async ({ email, name, ...grant }): Promise<Invitation> => {
  await provision({ name, email }, grant);
  return {
    email,
    name,
    role: grant.role,
    scope: grant.scope,
    ...(grant.schoolYear ? { schoolYear: grant.schoolYear } : {}),
    message: `${email} adresine davet gönderildi; kişi bu adresle oturum açabilir.`,
  };
});

/**
 * Finds or creates the user for an address and gives them the role (idempotent), in one
 * transaction with its audit event (`user.invite`, filed in the grant's scope, saying nothing
 * about whether the account existed; a new account's `user.create` is filed nationally). Mails
 * the person when the role is new and their account is active. 403 unless the caller may grant
 * that role there; 409 when the account holds `maxGrants` roles already.
 */
export async function provision(
  person: { name: string; email: string },
  grant: z.output<typeof GrantInput>,
): Promise<{ user: Info; created: boolean; added: boolean }> {
  await Assignment.assertGrantable(grant);
  const inviteEvent = (userId: string) =>
    Audit.entry({
      action: "user.invite",
      entity: { type: "user", id: userId },
      scope: grant.scope,
      data: { role: grant.role, ...(grant.schoolYear ? { schoolYear: grant.schoolYear } : {}) },
    });
  // Two rounds: a concurrent invite of the same new address may claim it first; then it exists.
  for (let round = 0; round < 2; round += 1) {
    const existing = await byEmail(person.email);
    if (!existing) {
      const { item, items } = newUser(person);
      try {
        await transact([
          ...items,
          assignmentItem(item.userId, grant),
          await inviteEvent(item.userId),
          await Audit.entry({ action: "user.create", entity: { type: "user", id: item.userId }, scope: national }),
        ]);
      } catch (error) {
        if (error instanceof TransactionCanceled && error.conditionFailed(1)) continue;
        throw error;
      }
      const user = toInfo(item);
      await mailInvite(user, grant);
      return { user, created: true, added: true };
    }
    const account = await load(existing.userId);
    if (!account) continue;
    const user = toInfo(account.user);
    const held = grantsOf(account.assignments).some(
      (g) => g.role === grant.role && sameScope(g.scope, grant.scope) && g.schoolYear === grant.schoolYear,
    );
    if (held) return { user, created: false, added: false };
    assertRoomForGrant(account);
    try {
      await transact([assignmentItem(user.id, grant), await inviteEvent(user.id)]);
    } catch (error) {
      if (error instanceof TransactionCanceled && error.conditionFailed(0))
        return { user, created: false, added: false };
      throw error;
    }
    // An inactive account keeps the role for when an admin reactivates it; it gets no mail now.
    if (user.status === "active") await mailInvite(user, grant);
    return { user, created: false, added: true };
  }
  throw new VisibleError("busy", "email_busy", "Bu e-posta adresi şu anda kaydediliyor; tekrar deneyin.", undefined, 1);
}

const sameScope = (a: Scope, b: Scope) => a.type === b.type && a.id === b.id;

async function mailInvite(user: Info, grant: { role: Role; scope: Scope }): Promise<void> {
  const caller = actor();
  const by = caller.type === "user" ? caller.name : "BİGEP Platformu";
  try {
    await send({
      to: user.email,
      subject: "BİGEP Platformuna davet edildiniz",
      text:
        `Merhaba ${user.name},\n\n${by} sizi BİGEP Platformuna "${roleNames[grant.role]}" rolüyle ekledi ` +
        `(${scopeText(grant.scope)}).\n\nOturum açmak için giriş sayfasına e-posta adresinizi yazın; ` +
        "size tek kullanımlık bir kod göndereceğiz. Şifreye gerek yoktur.\n",
    });
  } catch (error) {
    // The invite stands even if this address cannot receive mail; the inviter can tell the person.
    log().warn("invite mail not sent", { userId: user.id, error: error as Error });
  }
}

async function accountOrHide(id: string): Promise<Account> {
  if (actor().type !== "system") useUser();
  const account = await load(id);
  if (!account || !(await allows("user.read", account, "any"))) {
    throw new VisibleError("not_found", "not_found", "Kullanıcı bulunamadı.");
  }
  return account;
}

/** Throws unless the caller may change this user (404 if they may not even see them). */
async function manageable(id: string): Promise<Account> {
  const account = await accountOrHide(id);
  if (!(await allows("user.update", account, "all"))) {
    throw new VisibleError("forbidden", "forbidden", "Bu kullanıcıyı yönetme yetkiniz yok.");
  }
  return account;
}

/**
 * A user with the roles the caller may see (those inside the caller's scope); 404 unless one of
 * their scopes is within the caller's (or it is the caller).
 */
export const get = fn(Id, async (id): Promise<Detail> => detailOf(await accountOrHide(id)));

export const UpdateInput = z.object({
  id: Id,
  version: z.number().int().positive(),
  name: Name.optional(),
  phone: Phone.nullable().optional(),
});

const stale = () =>
  new VisibleError("conflict", "stale_version", "Kayıt siz düzenlerken değişti; yenileyip tekrar deneyin.");

/** Changes name or phone, audited in the same transaction; 409 when `version` is stale. */
export const update = fn(UpdateInput, async ({ id, version, name, phone }): Promise<Detail> => {
  const account = await manageable(id);
  const updatedAt = now().toISOString();
  const patch = entities()
    .User.patch({ userId: id })
    .set({ ...(name ? { name } : {}), ...(phone ? { phone } : {}), version: version + 1, updatedAt })
    .where((u, { eq }) => eq(u.version, version));
  const changed = [...(name ? ["name"] : []), ...(phone !== undefined ? ["phone"] : [])];
  try {
    await transact([
      updateItem(phone === null ? patch.remove(["phone"]) : patch),
      await Audit.entry({
        action: "user.update",
        entity: { type: "user", id },
        scope: homeScope(grantsOf(account.assignments)),
        data: { changed },
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) throw stale();
    throw error;
  }
  return detailOf((await load(id))!);
});

/**
 * Deactivates a user: status inactive and every session ended, with the audit event, in one
 * transaction, so their tokens stop working at once. Already inactive: nothing changes.
 */
export const deactivate = fn(Id, async (id): Promise<Detail> => {
  const account = await manageable(id);
  const caller = actor();
  if (caller.type === "user" && caller.userId === id) {
    throw new VisibleError("conflict", "self_deactivation", "Kendi hesabınızı pasifleştiremezsiniz.");
  }
  if (account.user.status === "active") {
    await setStatus(account, "inactive", [
      // Sessions are capped at sign-in; the slice keeps the transaction within DynamoDB's limit.
      ...account.sessions
        .slice(0, MAX_ITEMS - 2)
        .map((s) => remove(entities().Session.delete({ userId: s.userId, sessionId: s.sessionId }))),
    ]);
  }
  return detailOf((await load(id))!);
});

/**
 * Reactivates a deactivated user (an admin whose scope holds all of the user's roles, as for
 * deactivation), audited in the same transaction. They sign in again with a new code; their
 * roles are the ones they held. Already active: nothing changes.
 */
export const reactivate = fn(Id, async (id): Promise<Detail> => {
  const account = await manageable(id);
  if (account.user.status === "inactive") await setStatus(account, "active", []);
  return detailOf((await load(id))!);
});

/** Flips the status (if nobody changed the user meanwhile) with its audit event and any other items. */
async function setStatus(account: Account, status: "active" | "inactive", extra: TxItem[]): Promise<void> {
  const { userId, version } = account.user;
  try {
    await transact([
      updateItem(
        entities()
          .User.patch({ userId })
          .set({ status, version: version + 1, updatedAt: now().toISOString() })
          .where((u, { eq }) => eq(u.version, version)),
      ),
      ...extra,
      await Audit.entry({
        action: status === "active" ? "user.reactivate" : "user.deactivate",
        entity: { type: "user", id: userId },
        scope: homeScope(grantsOf(account.assignments)),
        ...(status === "inactive" ? { data: { sessionsEnded: extra.length } } : {}),
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled && error.conditionFailed(0)) throw stale();
    throw error;
  }
}

export const ListInput = PageInput.extend({ scope: ValidScope, role: Role.optional() });

export const Holder = Info.extend({ roles: z.array(Role) }).meta({ id: "RoleHolder" });
export type Holder = z.infer<typeof Holder>;

/** People holding a role (or any role) in exactly this scope, e.g. the staff of a school or a district board. */
export const list = fn(ListInput, async ({ scope, role, limit, cursor }): Promise<Page<Holder>> => {
  assert("user.read", { place: await placeOrFail(scope) }, { hide: true });
  const { Assignment: Assignments, User } = entities();
  const page = await fromCursor(cursor, (from) =>
    Assignments.query.byScope({ ...toStored(scope), ...(role ? { role } : {}) }).go({ limit, cursor: from }),
  );
  const roles = new Map<string, Role[]>();
  for (const a of page.data) roles.set(a.userId, [...(roles.get(a.userId) ?? []), a.role]);
  const ids = [...roles.keys()];
  const { data } = ids.length ? await User.get(ids.map((userId) => ({ userId }))).go() : { data: [] };
  const users = new Map(data.map((u) => [u.userId, u]));
  const items = ids.flatMap((id) => {
    const user = users.get(id);
    return user ? [{ ...toInfo(user), roles: roles.get(id) ?? [] }] : [];
  });
  return { items, cursor: page.cursor };
});
