/**
 * Export and erasure of a person (KVKK m.11, m.7) through the API: the person exports their own
 * data; an admin erases them; afterwards no item of the table (every partition, and so every
 * index key, since index keys are attributes of the items) holds their name, e-mail or IP, while
 * their activity stays and one `privacy.erase` audit event records the erasure.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { dynamo } from "../packages/core/src/db";
import { config } from "../packages/core/src/util/config";
import { app } from "../packages/functions/src/api/app";
import { type TestUser, userWith } from "./helpers/auth";
import { activityBody, karesiSchools } from "./helpers/fixtures";

const name = "Zeynep Yılmazoğlu";
const email = "zeynep.yilmazoglu@okul.bigep.local";
const ip = "203.0.113.91";
let person: TestUser;
let admin: TestUser;
let principal: TestUser;
let activityId: string;

async function call(user: TestUser | undefined, method: string, path: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: {
      ...(user?.headers ?? {}),
      "x-forwarded-for": ip,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text || "{}") };
}

async function everyItem(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({ TableName: config().tableName, ...(start ? { ExclusiveStartKey: start as never } : {}) }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

beforeAll(async () => {
  await karesiSchools(["710204"]);
  person = await userWith([{ role: "teacher", scope: { type: "school", id: "710204" } }], { name, email });
  principal = await userWith([{ role: "principal", scope: { type: "school", id: "710204" } }]);
  admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
  // Their traces: an activity they own and are listed on, an upload, a sign-in attempt, IPs on events
  const created = await call(person, "POST", "/api/activities", {
    ...activityBody("710204", "2026-2027"),
    teachers: [{ userId: person.userId, name }],
  });
  expect(created.status).toBe(201);
  activityId = created.json.id;
  const upload = await call(person, "POST", `/api/activities/${activityId}/evidence`, {
    fileName: "foto.jpg",
    contentType: "image/jpeg",
    size: 1000,
  });
  expect(upload.status).toBe(201);
  expect((await call(undefined, "POST", "/api/auth/code", { email })).status).toBe(202);
});

describe("a person's data on request", () => {
  it("exports the caller's own data as JSON, every domain's part", async () => {
    const res = await call(person, "GET", "/api/privacy/export");

    expect(res.status).toBe(200);
    expect(res.json.userId).toBe(person.userId);
    expect(res.json.data.identity.user).toMatchObject({ name, email });
    expect(res.json.data.activity).toEqual([expect.objectContaining({ id: activityId, owner: true })]);
    expect(res.json.data.evidence).toHaveLength(1);
    expect(res.json.data.audit.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["activity.create", "evidence.create", "auth.signin.start"]),
    );
    expect((await call(undefined, "GET", "/api/privacy/export")).status).toBe(401);
  });

  it("refuses erasure to anyone but an admin covering the person, and to oneself", async () => {
    expect((await call(principal, "POST", `/api/privacy/people/${person.userId}/erase`)).status).toBe(403);
    expect((await call(person, "POST", `/api/privacy/people/${person.userId}/erase`)).status).toBe(409);
    expect((await call(undefined, "POST", `/api/privacy/people/${person.userId}/erase`)).status).toBe(401);
  });

  it("erases: no item holds their name, e-mail or IP; the activity stays; the erasure is audited", async () => {
    // Prepare: the traces are there before
    const before = JSON.stringify(await everyItem());
    expect(before).toContain(name);
    expect(before).toContain(email);
    expect(before).toContain(ip);

    // Act
    const res = await call(admin, "POST", `/api/privacy/people/${person.userId}/erase`);

    // Assess
    expect(res.status).toBe(200);
    const items = await everyItem();
    const leftovers = items.filter((item) => {
      const text = JSON.stringify(item);
      return text.includes(name) || text.toLowerCase().includes(email) || text.includes(ip);
    });
    // The admin's own requests carry the same test IP: only events the admin caused may hold it
    const notAdmins = leftovers.filter((item) => (item.actorId as { S?: string } | undefined)?.S !== admin.userId);
    expect(notAdmins).toEqual([]);
    const activity = await call(admin, "GET", `/api/activities/${activityId}`);
    expect(activity.status).toBe(200);
    expect(activity.json.title).toBe(activityBody("710204", "2026-2027").title);
    const erasures = items.filter((i) => (i.action as { S?: string } | undefined)?.S === "privacy.erase");
    expect(erasures).toHaveLength(1);
    expect((await call(person, "GET", "/api/me")).status).toBe(401);
    // A second erasure changes nothing more
    const again = await call(admin, "POST", `/api/privacy/people/${person.userId}/erase`);
    expect(again.status).toBe(200);
    expect(Object.values(again.json.changed as Record<string, number>).every((n) => n === 0)).toBe(true);
  });
});
