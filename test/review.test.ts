/**
 * Regression tests from the backend review: each names a defect that was found and fixed.
 */
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../packages/core/src/actor";
import * as EvidenceSystem from "../packages/core/src/evidence/system";
import { Session } from "../packages/core/src/identity";
import { seedDemo } from "../packages/core/src/org";
import { bucket, s3 } from "../packages/core/src/storage/system";
import { app } from "../packages/functions/src/api/app";
import { type TestUser, userWith } from "./helpers/auth";

const year = "2026-2027";
const schoolA = { type: "school" as const, id: "710204" }; // Balıkesir Fen Lisesi, Altıeylül (10)

let principal: TestUser;
let teacher: TestUser;

async function call(user: TestUser | undefined, method: string, path: string, body?: unknown, raw?: string) {
  const res = await app.request(path, {
    method,
    headers: { ...(user?.headers ?? {}), ...(body !== undefined || raw ? { "content-type": "application/json" } : {}) },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const asSystem = <T>(fn: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "test" }, fn);

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

beforeAll(async () => {
  await seedDemo();
  principal = await userWith([{ role: "principal", scope: schoolA }]);
  teacher = await userWith([{ role: "teacher", scope: schoolA }]);
});

async function newActivity(user: TestUser) {
  const res = await call(user, "POST", "/api/activities", {
    school: schoolA.id,
    year,
    area: "academic",
    category: "okula_uyum",
    title: "Uyum haftası",
    startDate: "2026-09-10",
    reach: "school",
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe("error mapping", () => {
  it("answers a malformed JSON body with 400 invalid_json, not 500", async () => {
    // Act
    const res = await call(principal, "POST", "/api/users/invite", undefined, '{"email": ');

    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "invalid_json" });
  });
});

describe("list cursors", () => {
  it("answers a forged or foreign cursor with 400 on every list, never 500", async () => {
    // Prepare
    const activity = await newActivity(teacher);
    const today = new Date().toISOString().slice(0, 10);
    const cursors = [
      "%%%not-a-cursor",
      b64url({ pk: "x", sk: "y" }),
      b64url({ day: today, cursor: "zz" }),
      // Well-formed JSON, keys of the wrong type: DynamoDB refuses them (ValidationException).
      b64url({ pk: 1, sk: 2, gsi1pk: 3, gsi1sk: 4, gsi2pk: 5, gsi2sk: 6 }),
      b64url({ pk: { S: "x" }, sk: { S: "y" }, gsi1pk: "", gsi1sk: "" }),
    ];
    const lists = [
      `/api/activities/${activity.id}/evidence?`,
      "/api/users?school=710204&",
      `/api/audit?scope=school:710204&entity=activity:${activity.id}&`,
      `/api/audit?scope=school:710204&actor=${teacher.userId}&`,
      "/api/audit?scope=school:710204&",
      `/api/activities/${activity.id}/history?`,
      `/api/activities?school=710204&year=${year}&`,
      "/api/activities?mine=1&",
      "/api/schools?district=10-altieylul&",
      "/api/schools?province=10&",
    ];

    // Act
    const answers: string[] = [];
    for (const list of lists) {
      for (const cursor of cursors) {
        const res = await call(principal, "GET", `${list}cursor=${encodeURIComponent(cursor)}`);
        answers.push(`${res.status} ${res.body.code} ${list}${cursor}`);
      }
    }

    // Assess
    expect(answers.filter((a) => !a.startsWith("400 invalid_cursor"))).toEqual([]);
  });
});

describe("granting roles", () => {
  it("a role held for one school year cannot grant a role for every year, not even to oneself", async () => {
    // Prepare
    const yearly = await userWith([{ role: "principal", scope: schoolA, schoolYear: year }]);

    // Act
    const self = await call(yearly, "POST", `/api/users/${yearly.userId}/roles`, { role: "principal", scope: schoolA });
    const forever = await call(yearly, "POST", "/api/users/invite", {
      email: `kalici.${Date.now()}@test.bigep.local`,
      name: "Kalıcı Öğretmen",
      role: "teacher",
      scope: schoolA,
    });
    const thisYear = await call(yearly, "POST", "/api/users/invite", {
      email: `yillik.${Date.now()}@test.bigep.local`,
      name: "Yıllık Öğretmen",
      role: "teacher",
      scope: schoolA,
      schoolYear: year,
    });

    // Assess
    expect(self.status).toBe(403);
    expect(forever.status).toBe(403);
    expect(thisYear.status).toBe(202);
  });
});

describe("own activities", () => {
  it("?mine=1 no longer lists activities of a school whose role was taken away", async () => {
    // Prepare
    const leaving = await userWith([{ role: "teacher", scope: schoolA }]);
    const activity = await newActivity(leaving);
    const revoked = await app.request(`/api/users/${leaving.userId}/roles?role=teacher&scope=school:710204`, {
      method: "DELETE",
      headers: principal.headers,
    });
    expect(revoked.status).toBe(204);

    // Act
    const mine = await call(leaving, "GET", "/api/activities?mine=1");
    const read = await call(leaving, "GET", `/api/activities/${activity.id}`);

    // Assess
    expect(read.status).toBe(404);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);
  });
});

describe("logout", () => {
  it("does not end someone else's session from a refresh cookie naming it with a made-up secret", async () => {
    // Prepare
    const victim = await userWith([{ role: "teacher", scope: schoolA }]);
    const token = victim.headers.authorization?.slice("Bearer ".length) ?? "";
    const { sid } = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as { sid: string };
    const forged = `${victim.userId}.${sid}.${"A".repeat(43)}`;

    // Act
    const res = await app.request("/api/auth/logout", { method: "POST", headers: { cookie: `bigep_rt=${forged}` } });

    // Assess
    expect(res.status).toBe(204);
    expect((await app.request("/api/me", { headers: victim.headers })).status).toBe(200);
  });

  it("ends the session of a genuine refresh cookie without an access token", async () => {
    // Prepare
    const user = await userWith([{ role: "teacher", scope: schoolA }]);
    const tokens = await Session.open({ userId: user.userId, provider: "test" });

    // Act
    const res = await app.request("/api/auth/logout", {
      method: "POST",
      headers: { cookie: `bigep_rt=${tokens.refreshToken}` },
    });

    // Assess
    expect(res.status).toBe(204);
    const me = await app.request("/api/me", { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status).toBe(401);
  });
});

describe("evidence verification", () => {
  it("deletes a file posted again to the upload key of an evidence already decided", async () => {
    // Prepare: the first file is refused; the presigned POST still lives, so the same key is posted again
    const activity = await newActivity(teacher);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "red" } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 38/1 0/1" } })
      .toBuffer();
    const presigned = await call(teacher, "POST", `/api/activities/${activity.id}/evidence`, {
      fileName: "foto.jpg",
      contentType: "image/jpeg",
      size: photo.length,
    });
    const key = (presigned.body.upload as { fields: { key: string } }).fields.key;
    const put = (body: Buffer) =>
      s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: "image/jpeg" }));
    await put(Buffer.alloc(photo.length, 7));
    expect(await asSystem(() => EvidenceSystem.verify(bucket(), key))).toBe("rejected");
    await put(photo);

    // Act
    const outcome = await asSystem(() => EvidenceSystem.verify(bucket(), key));

    // Assess
    expect(outcome).toBe("skipped");
    const left = await s3()
      .send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))
      .then(
        () => true,
        () => false,
      );
    expect(left).toBe(false);
  });
});
