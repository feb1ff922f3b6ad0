/**
 * People: name, e-mail (unique under Turkish case folding), optional phone, status. No national
 * ID number is stored. Admins of a scope invite people into it and manage the people there.
 */
import * as z from "zod";
import { assert, roleNames } from "../access";
import { actor, Role, type Scope, useUser } from "../actor";
import { Audit } from "../audit";
import { isConditionFailure } from "../db";
import { send } from "../mail";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { createId, idSchema } from "../util/id";
import { log } from "../util/log";
import { fromCursor, type Page, PageInput } from "../util/page";
import { normalizeEmail } from "../util/text";
import { type Account, allows, grantsOf, load, type UserItem } from "./account";
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
import { closeAll } from "./session";

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

function detailOf(account: Account): Detail {
  return { ...toInfo(account.user), grants: grantsOf(account.assignments) };
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

/** Writes a new user and claims the folded address in one transaction; 409 if the address is taken. */
async function insert(input: z.output<typeof CreateInput>, scope: Scope): Promise<Info> {
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
  // ElectroDB reports a cancelled transaction (the claim exists) in the result, not by throwing.
  const { canceled } = await entities()
    .identity.transaction.write(({ User, EmailClaim }) => [
      User.create(item).commit(),
      EmailClaim.create({ emailKey: item.emailKey, userId: item.userId }).commit(),
    ])
    .go();
  if (canceled) throw new VisibleError("conflict", "email_taken", "Bu e-posta adresiyle kayıtlı bir kullanıcı var.");
  await Audit.record({ action: "user.create", entity: { type: "user", id: item.userId }, scope });
  return toInfo(item);
}

/** Creates a user with no roles (system actor only: seeding, tests). People arrive through `invite`. */
export const create = fn(CreateInput, async (input): Promise<Info> => {
  assert("user.invite", { place: {} });
  return insert(input, { type: "national", id: "" });
});

export const InviteInput = GrantFields.extend({ email: Email, name: Name }).refine(...roleFitsScope);

/**
 * Invites a person into a scope with a role: creates the user if the address is new (an existing
 * active user just gains the role) and e-mails them. The caller must be allowed to grant the role there.
 */
export const invite = fn(InviteInput, async ({ email, name, ...grant }): Promise<{ user: Info; created: boolean }> => {
  const { user, created } = await provision({ name, email }, grant);
  await Audit.record({
    action: "user.invite",
    entity: { type: "user", id: user.id },
    scope: grant.scope,
    data: { role: grant.role, created },
  });
  return { user, created };
});

/**
 * Finds or creates the user for an address and gives them the role (idempotent), mailing them
 * when the role is new. 403 unless the caller may grant that role there; 409 for an inactive account.
 */
export async function provision(
  person: { name: string; email: string },
  grant: z.output<typeof GrantInput>,
): Promise<{ user: Info; created: boolean; added: boolean }> {
  await Assignment.assertGrantable(grant);
  let existing = await byEmail(person.email);
  let created = false;
  if (!existing) {
    try {
      await insert(person, grant.scope);
      created = true;
    } catch (error) {
      // A concurrent invite of the same address won; use its user.
      if (!(error instanceof VisibleError && error.code === "email_taken")) throw error;
    }
    existing = await byEmail(person.email);
  }
  if (!existing)
    throw new VisibleError("conflict", "email_taken", "Bu e-posta adresi şu anda kaydediliyor; tekrar deneyin.");
  if (existing.status !== "active") {
    throw new VisibleError("conflict", "user_inactive", "Bu e-posta adresine ait hesap pasif durumda.");
  }
  const user = toInfo(existing);
  const added = await Assignment.write(user.id, grant);
  if (added) await mailInvite(user, grant);
  return { user, created, added };
}

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

/** A user with their roles; 404 unless one of their scopes is within the caller's (or it is the caller). */
export const get = fn(Id, async (id): Promise<Detail> => detailOf(await accountOrHide(id)));

export const UpdateInput = z.object({
  id: Id,
  version: z.number().int().positive(),
  name: Name.optional(),
  phone: Phone.nullable().optional(),
});

/** Changes name or phone; 409 when `version` is stale. */
export const update = fn(UpdateInput, async ({ id, version, name, phone }): Promise<Detail> => {
  const account = await manageable(id);
  const updatedAt = now().toISOString();
  const patch = entities()
    .User.patch({ userId: id })
    .set({ ...(name ? { name } : {}), ...(phone ? { phone } : {}), version: version + 1, updatedAt })
    .where((u, { eq }) => eq(u.version, version));
  try {
    await (phone === null ? patch.remove(["phone"]) : patch).go();
  } catch (error) {
    if (isConditionFailure(error)) {
      throw new VisibleError("conflict", "stale_version", "Kayıt siz düzenlerken değişti; yenileyip tekrar deneyin.");
    }
    throw error;
  }
  const changed = [...(name ? ["name"] : []), ...(phone !== undefined ? ["phone"] : [])];
  const grants = grantsOf(account.assignments);
  await Audit.record({
    action: "user.update",
    entity: { type: "user", id },
    scope: homeScope(grants),
    data: { changed },
  });
  return detailOf((await load(id))!);
});

/** Deactivates a user: status inactive and every session ended, so their tokens stop working at once. */
export const deactivate = fn(Id, async (id): Promise<Detail> => {
  const account = await manageable(id);
  const caller = actor();
  if (caller.type === "user" && caller.userId === id) {
    throw new VisibleError("conflict", "self_deactivation", "Kendi hesabınızı pasifleştiremezsiniz.");
  }
  if (account.user.status === "active") {
    await entities()
      .User.patch({ userId: id })
      .set({ status: "inactive", version: account.user.version + 1, updatedAt: now().toISOString() })
      .go();
    await closeAll(account);
    await Audit.record({
      action: "user.deactivate",
      entity: { type: "user", id },
      scope: homeScope(grantsOf(account.assignments)),
      data: { sessionsEnded: account.sessions.length },
    });
  }
  return detailOf((await load(id))!);
});

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
