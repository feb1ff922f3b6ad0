/**
 * People across scopes: invitations that reveal nothing about people outside the inviter's
 * scope, user reads that show only the roles inside the reader's scope, accounts with many
 * roles, and reactivation of deactivated accounts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../packages/core/src/actor";
import { Assignment, Session, User } from "../packages/core/src/identity";
import { type Account, assertRoomForGrant, maxGrants } from "../packages/core/src/identity/account";
import { outbox } from "../packages/core/src/mail";
import { seedDemo } from "../packages/core/src/org";
import { app } from "../packages/functions/src/api/app";
import { type TestUser, userWith } from "./helpers/auth";

const schoolA = { type: "school" as const, id: "710204" }; // Balıkesir Fen Lisesi, Altıeylül (10)
const schoolB = { type: "school" as const, id: "716101" }; // Trabzon Fen Lisesi, Ortahisar (61)
const altieylul = { type: "district" as const, id: "10-altieylul" };

const asSystem = <T>(fn: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "test" }, fn);

async function call(who: TestUser, method: string, path: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { ...who.headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

type Grants = { grants: { role: string; scope: { type: string; id: string } }[] };

beforeAll(async () => {
  await seedDemo();
});

describe("invitations", () => {
  it("answer an outside person's address exactly like a new one, with nothing about that person", async () => {
    // Prepare: a teacher of school A; a principal of school B who knows (or guesses) their address
    const teacherA = await userWith([{ role: "teacher", scope: schoolA }], { name: "Ayşe Gerçekad" });
    const principalB = await userWith([{ role: "principal", scope: schoolB }]);
    const fresh = `yepyeni.${Date.now()}@test.bigep.local`;

    // Act
    const existing = await call(principalB, "POST", "/api/users/invite", {
      email: teacherA.email,
      name: "Uydurma Ad",
      role: "teacher",
      scope: schoolB,
    });
    const created = await call(principalB, "POST", "/api/users/invite", {
      email: fresh,
      name: "Uydurma Ad",
      role: "teacher",
      scope: schoolB,
    });

    // Assess: same status, same shape, only what the inviter sent
    expect(existing.status).toBe(202);
    expect(created.status).toBe(202);
    expect(Object.keys(existing.body).sort()).toEqual(Object.keys(created.body).sort());
    expect(existing.body).toEqual({ ...created.body, email: teacherA.email, message: expect.any(String) });
    expect(existing.text).not.toContain(teacherA.userId);
    expect(existing.text).not.toContain("Gerçekad");
    expect(existing.text).not.toMatch(/usr_|createdAt|updatedAt|version|status/);
  });

  it("do not expose the person's roles elsewhere through GET /api/users/{id} afterwards", async () => {
    // Prepare
    const teacherA = await userWith([{ role: "teacher", scope: schoolA }]);
    const principalB = await userWith([{ role: "principal", scope: schoolB }]);
    await call(principalB, "POST", "/api/users/invite", {
      email: teacherA.email,
      name: "Uydurma Ad",
      role: "teacher",
      scope: schoolB,
    });

    // Act
    const read = await call(principalB, "GET", `/api/users/${teacherA.userId}`);

    // Assess: the person is now staff of B, and B sees only the role at B
    expect(read.status).toBe(200);
    expect((read.body as Grants).grants).toEqual([{ role: "teacher", scope: schoolB }]);
    expect(read.text).not.toContain(schoolA.id);
  });

  it("answer the same for a deactivated account, and its audit event in the inviter's scope says nothing about it", async () => {
    // Prepare: a deactivated teacher of school A
    const teacherA = await userWith([{ role: "teacher", scope: schoolA }]);
    await asSystem(() => User.deactivate(teacherA.userId));
    const principalB = await userWith([{ role: "principal", scope: schoolB }]);

    // Act
    const res = await call(principalB, "POST", "/api/users/invite", {
      email: teacherA.email,
      name: "Uydurma Ad",
      role: "teacher",
      scope: schoolB,
    });
    const audit = await call(principalB, "GET", `/api/audit?scope=school:${schoolB.id}&entity=user:${teacherA.userId}`);

    // Assess
    expect(res.status).toBe(202);
    const events = (audit.body as { items: { action: string; data?: object }[] }).items;
    expect(events.map((e) => e.action)).toEqual(["user.invite"]);
    expect(events[0]?.data).toEqual({ role: "teacher" });
  });
});

describe("reading a user", () => {
  it("shows only the roles inside the reader's scope; the district officer and the person see all", async () => {
    // Prepare: a teacher of school A who also sits on the Altıeylül district board
    const member = await userWith([
      { role: "teacher", scope: schoolA },
      { role: "district_board", scope: altieylul },
    ]);
    const principalA = await userWith([{ role: "principal", scope: schoolA }]);
    const officer = await userWith([{ role: "district_officer", scope: altieylul }]);

    // Act
    const byPrincipal = await call(principalA, "GET", `/api/users/${member.userId}`);
    const byOfficer = await call(officer, "GET", `/api/users/${member.userId}`);
    const bySelf = await call(member, "GET", `/api/users/${member.userId}`);

    // Assess
    expect((byPrincipal.body as Grants).grants).toEqual([{ role: "teacher", scope: schoolA }]);
    expect((byOfficer.body as Grants).grants).toHaveLength(2);
    expect((bySelf.body as Grants).grants).toHaveLength(2);
  });
});

describe("accounts with many roles", () => {
  it("an account with 120 role assignments signs requests like any other", async () => {
    // Prepare: 120 teacher roles (schools need not exist for the system actor)
    const user = await userWith([]);
    const grant = (i: number) =>
      Assignment.grant({
        userId: user.userId,
        grant: { role: "teacher", scope: { type: "school", id: `${900000 + i}` } },
      });
    await asSystem(async () => {
      for (let batch = 0; batch < 120; batch += 10) {
        await Promise.all(Array.from({ length: 10 }, (_, i) => grant(batch + i)));
      }
    });
    const tokens = await asSystem(() => Session.open({ userId: user.userId, provider: "test" }));
    const headers = { authorization: `Bearer ${tokens.accessToken}` };

    // Act
    const me = await app.request("/api/me", { headers });
    const sessions = await app.request("/api/me/sessions", { headers });

    // Assess
    expect(me.status).toBe(200);
    expect(((await me.json()) as Grants).grants).toHaveLength(120);
    expect(sessions.status).toBe(200);
  });
});

describe("the role cap", () => {
  it(`refuses a grant beyond ${maxGrants} roles with a Turkish 409`, () => {
    const account = (held: number) => ({ assignments: new Array(held) }) as unknown as Account;
    expect(() => assertRoomForGrant(account(maxGrants - 1))).not.toThrow();
    expect(() => assertRoomForGrant(account(maxGrants))).toThrow(
      expect.objectContaining({
        kind: "conflict",
        code: "too_many_roles",
        message: expect.stringMatching(/en çok 500 rol/),
      }),
    );
  });
});

describe("reactivation", () => {
  it("a principal reactivates a deactivated teacher of their school (audited); the teacher can sign in again", async () => {
    // Prepare
    const principal = await userWith([{ role: "principal", scope: schoolA }]);
    const teacher = await userWith([{ role: "teacher", scope: schoolA }]);
    expect((await call(principal, "POST", `/api/users/${teacher.userId}/deactivate`)).status).toBe(200);

    // Act
    const res = await call(principal, "POST", `/api/users/${teacher.userId}/reactivate`);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "active", grants: [{ role: "teacher", scope: schoolA }] });
    const code = await app.request("/api/auth/code", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.7" },
      body: JSON.stringify({ email: teacher.email }),
    });
    expect(code.status).toBe(202);
    expect((await outbox({ to: teacher.email }))[0]?.text).toMatch(/\b\d{6}\b/);
    const audit = await call(principal, "GET", `/api/audit?scope=school:${schoolA.id}&entity=user:${teacher.userId}`);
    const actions = (audit.body as { items: { action: string }[] }).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.deactivate", "user.reactivate"]));
  });

  it("is refused outside the admin's scope (404), to teachers (403) and for people with roles elsewhere (403)", async () => {
    // Prepare
    const teacher = await userWith([{ role: "teacher", scope: schoolA }]);
    const member = await userWith([
      { role: "teacher", scope: schoolA },
      { role: "district_board", scope: altieylul },
    ]);
    await asSystem(() => User.deactivate(teacher.userId));
    await asSystem(() => User.deactivate(member.userId));
    const principalA = await userWith([{ role: "principal", scope: schoolA }]);
    const principalB = await userWith([{ role: "principal", scope: schoolB }]);
    const colleague = await userWith([{ role: "teacher", scope: schoolA }]);

    // Act + Assess
    expect((await call(principalB, "POST", `/api/users/${teacher.userId}/reactivate`)).status).toBe(404);
    expect((await call(colleague, "POST", `/api/users/${teacher.userId}/reactivate`)).status).toBe(403);
    expect((await call(principalA, "POST", `/api/users/${member.userId}/reactivate`)).status).toBe(403);
    const still = await asSystem(() => User.get(teacher.userId));
    expect(still.status).toBe("inactive");
  });
});
