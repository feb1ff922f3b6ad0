/**
 * Test users: creates a user with role assignments in the current test table through the core
 * functions (as the system actor) and returns a Bearer header for `app.request`.
 */
import type { Grant } from "../../packages/core/src/actor";
import { withActor } from "../../packages/core/src/actor";
import { Assignment, Session, User } from "../../packages/core/src/identity";

let counter = 0;

export type TestUser = { userId: string; email: string; headers: Record<string, string> };

/** A signed-in user holding `grants` (schools need not exist: the system actor skips the place check). */
export async function userWith(grants: Grant[], options: { email?: string; name?: string } = {}): Promise<TestUser> {
  counter += 1;
  const email = options.email ?? `test${counter}.${Math.random().toString(36).slice(2, 8)}@test.bigep.local`;
  return withActor({ actor: { type: "system", reason: "test user" }, requestId: "test" }, async () => {
    const user = await User.create({ name: options.name ?? `Test Kullanıcı ${counter}`, email });
    for (const grant of grants) await Assignment.grant({ userId: user.id, grant });
    const tokens = await Session.open({ userId: user.id, provider: "test" });
    return { userId: user.id, email: user.email, headers: { authorization: `Bearer ${tokens.accessToken}` } };
  });
}
