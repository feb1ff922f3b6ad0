/**
 * Identity's personal data (privacy/hooks.ts): the account (name, e-mail, phone), its roles,
 * sessions (device, IP), the e-mail claim and sign-in codes. Erasure ends every session, drops
 * roles, claim and codes, and keeps the user record (others' records refer to its id) with the
 * name replaced, the e-mail made unroutable and the account inactive.
 */
import { remove, transact, update } from "../db";
import type { PersonalData } from "../privacy/hooks";
import { ERASED_NAME } from "../privacy/hooks";
import { now } from "../util/clock";
import { load } from "./account";
import { entities } from "./entities";

export const identityData: PersonalData = {
  domain: "identity",
  async export(person) {
    const account = await load(person.userId);
    if (!account) return null;
    const { user, assignments, sessions } = account;
    return {
      user: {
        id: user.userId,
        name: user.name,
        email: user.email,
        phone: user.phone ?? null,
        status: user.status,
        createdAt: user.createdAt,
      },
      roles: assignments.map((a) => ({
        role: a.role,
        scopeType: a.scopeType,
        scopeId: a.scopeId,
        schoolYear: a.schoolYear,
        since: a.createdAt,
      })),
      sessions: sessions.map((s) => ({
        createdAt: s.createdAt,
        lastUsedAt: s.lastUsedAt,
        userAgent: s.userAgent ?? null,
        ip: s.ip ?? null,
      })),
    };
  },
  async erase(person) {
    const { User, Assignment, Session, EmailClaim, SignInCode } = entities();
    const account = await load(person.userId);
    if (!account) return 0;
    let changed = 0;
    for (const s of account.sessions) {
      await Session.delete({ userId: s.userId, sessionId: s.sessionId }).go();
      changed++;
    }
    for (const a of account.assignments) {
      await Assignment.delete({
        userId: a.userId,
        scopeType: a.scopeType,
        scopeId: a.scopeId,
        role: a.role,
        schoolYear: a.schoolYear,
      }).go();
      changed++;
    }
    const codes = await SignInCode.query.byEmail({ emailKey: person.emailKey }).go({ pages: "all" });
    for (const c of codes.data) {
      await SignInCode.delete({ emailKey: c.emailKey, challenge: c.challenge }).go();
      changed++;
    }
    const erasedEmail = `silinmis.${person.userId.toLowerCase()}@silinmis.invalid`;
    if (account.user.email === erasedEmail) return changed;
    const { userId, version } = account.user;
    await transact([
      remove(EmailClaim.delete({ emailKey: person.emailKey })),
      update(
        User.patch({ userId })
          .set({
            name: ERASED_NAME,
            email: erasedEmail,
            emailKey: erasedEmail,
            status: "inactive",
            version: version + 1,
            updatedAt: now().toISOString(),
          })
          .remove(["phone"])
          .where((u, { eq }) => eq(u.version, version)),
      ),
    ]);
    return changed + 2;
  },
};
