import { withActor } from "@bigep/core/actor";
import { Audit } from "@bigep/core/audit";
import { expect, test } from "vitest";
import { entities } from "../audit/entities";
import { put, TransactionCanceled, transact } from "./index";

const system = { actor: { type: "system" as const, reason: "tx test" }, requestId: "req-tx" };
const entity = (id: string) => ({ type: "test", id });
const event = (id: string) => ({
  action: "test.write",
  entity: entity(id),
  scope: { type: "national" as const, id: "" },
});

async function eventsOf(id: string) {
  const { data } = await entities().Event.query.byEntity({ entityType: "test", entityId: id }).go();
  return data;
}

test("a business write and its audit event are committed together", async () => {
  // Prepare: two items of one action
  const items = await withActor(system, async () => [await Audit.entry(event("a1")), await Audit.entry(event("a2"))]);

  // Act
  await transact(items);

  // Assess: both stored, with the context's request id
  expect((await eventsOf("a1")).map((e) => e.requestId)).toEqual(["req-tx"]);
  expect(await eventsOf("a2")).toHaveLength(1);
});

test("when one item's condition fails nothing is written, and the reason names that item", async () => {
  // Prepare: an event that exists, and an item that would create it again (attribute_not_exists)
  const first = await withActor(system, () => Audit.entry(event("b1")));
  await transact([first]);
  const fresh = await withActor(system, () => Audit.entry(event("b2")));

  // Act
  const error = await transact([fresh, first]).catch((e: unknown) => e);

  // Assess
  expect(error).toBeInstanceOf(TransactionCanceled);
  expect((error as TransactionCanceled).conditionFailed(1)).toBe(true);
  expect((error as TransactionCanceled).conditionFailed(0)).toBe(false);
  expect(await eventsOf("b2")).toHaveLength(0);
});

test("more than 100 items is refused before anything is sent", async () => {
  const item = await withActor(system, () => Audit.entry(event("c1")));
  const error = await transact(Array.from({ length: 101 }, () => put({ params: () => (item as { Put: object }).Put })))
    .then(() => undefined)
    .catch((e: { kind?: string }) => e.kind);
  expect(error).toBe("too_large");
  expect(await eventsOf("c1")).toHaveLength(0);
});
