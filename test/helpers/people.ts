/**
 * People for core tests: a signed-up user with grants (`person`), running code as them (`as`) or
 * as the system (`system`), and the `VisibleError` a refused call throws (`failure`).
 */

import { expect } from "vitest";
import { type Grant, withActor } from "../../packages/core/src/actor";
import { VisibleError } from "../../packages/core/src/util/error";
import { type TestUser, userWith } from "./auth";

export type Person = TestUser & { name: string; grants: Grant[] };

/** A new user with `grants`. */
export async function person(name: string, grants: Grant[]): Promise<Person> {
  return { ...(await userWith(grants, { name })), name, grants };
}

/** Runs `run` as `who`. */
export function as<T>(who: Person, run: () => Promise<T>): Promise<T> {
  return withActor(
    {
      actor: { type: "user", userId: who.userId, email: who.email, name: who.name, grants: who.grants },
      requestId: "t",
    },
    run,
  );
}

/** Runs `run` as the system. */
export const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);

/** The `VisibleError` a promise rejects with (fails the test when it resolves or throws something else). */
export async function failure(promise: Promise<unknown>): Promise<VisibleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}
