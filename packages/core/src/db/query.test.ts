/**
 * The caller's account is read on every request with a prepared Query (parameters built once per
 * user), parsed by each identity entity. It must return exactly what the person holds — the user,
 * every role, every session, nothing of anyone else — however many pages the Query takes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../actor";
import { Assignment, Session, User } from "../identity";
import { load } from "../identity/account";
import { entities } from "../identity/entities";
import { createId } from "../util/id";
import { prepared } from "./query";

const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);

const schools = ["730001", "730002", "730003"];
let userId = "";
let otherId = "";

beforeAll(async () => {
  await system(async () => {
    const user = await User.create({ name: "Hazır Sorgu", email: "hazir.sorgu@test.bigep.local" });
    const other = await User.create({ name: "Başka Biri", email: "baska.biri@test.bigep.local" });
    for (const school of schools) {
      await Assignment.grant({ userId: user.id, grant: { role: "teacher", scope: { type: "school", id: school } } });
    }
    await Assignment.grant({ userId: other.id, grant: { role: "principal", scope: { type: "school", id: "730009" } } });
    await Session.open({ userId: user.id, provider: "test" });
    userId = user.id;
    otherId = other.id;
  });
});

describe("account read (prepared Query)", () => {
  it("returns the user, each of their roles and their session, and no one else's", async () => {
    // Prepare: three teacher roles and one session were written above; another user holds a role too.
    // Act
    const account = await load(userId);
    const again = await load(userId);
    // Assess
    expect(account?.user.userId).toBe(userId);
    expect(account?.assignments.map((a) => a.scopeId).sort()).toEqual(schools);
    expect(account?.assignments.every((a) => a.userId === userId && a.role === "teacher")).toBe(true);
    expect(account?.sessions).toHaveLength(1);
    expect(again).toEqual(account);
    expect((await load(otherId))?.assignments.map((a) => a.role)).toEqual(["principal"]);
  });

  it("answers undefined for a user who does not exist", async () => {
    expect(await load(createId("user"))).toBeUndefined();
  });

  it("reads every page: a Query limited to one item a page still returns the whole partition", async () => {
    // Prepare: the same account Query, one item per page (1 user + 3 roles + 1 session = 5 pages).
    const onePerPage = prepared((id) => ({
      params: () => ({ ...entities().identity.collections.account({ userId: id }).params(), Limit: 1 }),
    }));
    // Act
    const items = await onePerPage(userId);
    // Assess
    const { User: U, Assignment: A, Session: S } = entities();
    const own = { ignoreOwnership: false };
    expect(U.parse({ Items: items }, own).data).toHaveLength(1);
    expect(A.parse({ Items: items }, own).data).toHaveLength(schools.length);
    expect(S.parse({ Items: items }, own).data).toHaveLength(1);
    expect(items).toHaveLength(1 + schools.length + 1);
  });
});
