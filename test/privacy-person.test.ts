/**
 * Export and erasure of a person (KVKK m.11, m.7) through the API: the person exports their own
 * data; an admin erases them; afterwards no item of the table (every partition, and so every
 * index key, since index keys are attributes of the items) holds their name, e-mail or IP, while
 * their activity stays and one `privacy.erase` audit event records the erasure.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { entities as calendarEntities } from "../packages/core/src/calendar/entities";
import { dynamo } from "../packages/core/src/db";
import { entities as jobEntities } from "../packages/core/src/job/entities";
import { entities as partnershipEntities } from "../packages/core/src/partnership/entities";
import { entities as reminderEntities } from "../packages/core/src/reminder/entities";
import { entities as reviewEntities } from "../packages/core/src/review/entities";
import { config } from "../packages/core/src/util/config";
import { istanbulDay } from "../packages/core/src/util/date";
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
let colleagueActivityId: string;

async function call(user: TestUser | undefined, method: string, path: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: {
      ...(user?.headers ?? {}),
      // The person's requests (and the anonymous sign-in for their address) come from their IP;
      // the colleague's from another
      "x-forwarded-for": user === principal ? "192.0.2.7" : ip,
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
  // A colleague's activity lists them as a participating teacher
  const colleague = await call(principal, "POST", "/api/activities", {
    ...activityBody("710204", "2026-2027"),
    teachers: [{ userId: person.userId, name }],
  });
  expect(colleague.status).toBe(201);
  colleagueActivityId = colleague.json.id;
  await seedOtherDomains();
});

/**
 * The person in every other domain that holds people, written as those domains write them: a
 * review (their assignment with scores, their panel seat with declared conflicts, a round entry
 * naming them), a partnership (coordinator, zümre head, a joint activity's people, plan history),
 * the calendar feed token, reminder preferences, a suppression of their address and a digest
 * sent to it, and a staff import listing them (job rows, its result's error quoting them).
 */
async function seedOtherDomains() {
  const { Assignment, Member, Entry } = reviewEntities();
  const review = { roundId: "rnd_erasure", activityId: colleagueActivityId };
  const where = { schoolCode: "710204", districtId: "10-karesi", provinceCode: "10" };
  await Assignment.create({
    ...review,
    ...where,
    reviewerId: person.userId,
    reviewerName: name,
    area: "projects",
    title: "TEKNOFEST",
    scores: { c1: { points: 8, comment: "Güzel" } },
    total: 8,
    version: 1,
  }).go();
  await Member.create({
    roundId: review.roundId,
    userId: person.userId,
    name,
    conflictSchools: ["710205"],
    conflictPeople: [],
  }).go();
  await Entry.create({
    ...review,
    ...where,
    schoolName: "Okul",
    schoolLevel: "high",
    schoolYear: "2026-2027",
    area: "projects",
    title: "TEKNOFEST",
    people: [name, "Başka Öğretmen"],
  }).go();
  const p = partnershipEntities();
  const partnershipId = "prt_erasure";
  await p.Partnership.create({
    partnershipId,
    cohort: "2026",
    startYear: "2026-2027",
    schools: [{ code: "710204" }, { code: "710205" }],
    leadSchool: "710204",
    coordinators: { "710204": { userId: person.userId, name }, "710205": { userId: "usr_other", name: "Başka" } },
    zumres: [{ subject: "matematik", head: { userId: person.userId, name, school: "710204" } }],
    createdBy: principal.userId,
    createdAt: "2026-10-01T00:00:00Z",
    version: 1,
  }).go();
  await p.Member.create({ partnershipId, schoolCode: "710204", provinceCode: "10", startYear: "2026-2027" }).go();
  await p.Work.create({
    partnershipId,
    schoolYear: "2026-2027",
    workId: "wrk_1",
    title: "Ortak çalışma",
    date: "2026-10-10",
    schools: ["710204", "710205"],
    people: [{ userId: person.userId, name, school: "710204" }],
    ownerId: person.userId,
    ownerName: name,
    postingSchool: "710204",
    createdAt: "2026-10-10T00:00:00Z",
  }).go();
  await p.History.create({
    partnershipId,
    kind: "plan",
    schoolYear: "2026-2027",
    seq: "0001",
    action: "submit",
    to: "submitted",
    actorId: person.userId,
    actorName: name,
    at: "2026-10-11T00:00:00Z",
  }).go();
  await p.Meeting.create({
    partnershipId,
    meetingId: "pmt_erasure",
    schoolYear: "2026-2027",
    mode: "online",
    title: "Ortak toplantı",
    startsAt: "2026-10-12T15:00",
    participants: [{ userId: person.userId, name, school: "710204" }],
    minutes: `${name} sunumu yaptı.`,
    createdBy: person.userId,
    createdAt: "2026-10-12T00:00:00Z",
    updatedAt: "2026-10-12T00:00:00Z",
    rev: 1,
  }).go();
  await p.Material.create({
    partnershipId,
    materialId: "pmf_erasure",
    title: "Çalışma kâğıdı",
    subject: "matematik",
    grade: 9,
    kind: "worksheet",
    ownerId: person.userId,
    ownerName: name,
    school: "710204",
    createdAt: "2026-10-12T00:00:00Z",
  }).go();
  await calendarEntities()
    .FeedToken.create({ token: "tok_erasure", userId: person.userId, createdAt: "2026-10-01T00:00:00Z" })
    .go();
  const r = reminderEntities();
  await r.Preference.create({ userId: person.userId, muted: [], digest: true, updatedAt: "2026-10-01T00:00:00Z" }).go();
  await r.Suppression.create({ emailKey: email, reason: "bounce", at: "2026-10-01T00:00:00Z" }).go();
  await r.Digest.create({
    day: istanbulDay(new Date()),
    personId: person.userId,
    email,
    subject: "Hatırlatma",
    text: `Sayın ${name}`,
    html: `<p>Sayın ${name}</p>`,
    status: "sent",
    attempts: 1,
    expiresAt: Math.floor(Date.now() / 1000) + 86_400,
  }).go();
  const j = jobEntities();
  await j.Job.create({
    jobId: "job_erasure",
    type: "staff-import",
    title: "Personel aktarımı",
    key: "erasure",
    params: { school: "710204", rows: 1 },
    scopeType: "school",
    scopeId: "710204",
    place: { province: "10", district: "10-karesi", school: "710204" },
    asOf: "2026-10-01",
    status: "succeeded",
    progress: 100,
    attempts: 1,
    maxAttempts: 3,
    chunks: 1,
    result: { rows: 1, errors: [{ line: 2, code: "x", message: `${name} (${email.toUpperCase()}): zaten var` }] },
    createdBy: principal.userId,
    createdByName: "Müdür",
    createdAt: "2026-10-01T00:00:00Z",
    updatedAt: "2026-10-01T00:00:00Z",
  }).go();
  await j.Chunk.create({
    jobId: "job_erasure",
    index: "00000",
    rows: [{ line: 2, name, email, role: "teacher" }],
    expiresAt: Math.floor(Date.now() / 1000) + 86_400,
  }).go();
}

describe("a person's data on request", () => {
  it("exports the caller's own data as JSON, every domain's part", async () => {
    const res = await call(person, "GET", "/api/privacy/export");

    expect(res.status).toBe(200);
    expect(res.json.userId).toBe(person.userId);
    expect(res.json.data.identity.user).toMatchObject({ name, email });
    // Their own activity, and the colleague's that lists them as a teacher
    expect(res.json.data.activity).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: activityId, owner: true }),
        expect.objectContaining({ id: colleagueActivityId, owner: false }),
      ]),
    );
    expect(res.json.data.activity).toHaveLength(2);
    expect(res.json.data.review.assignments).toEqual([expect.objectContaining({ total: 8 })]);
    expect(res.json.data.partnership).toEqual([
      expect.objectContaining({ id: "prt_erasure", coordinatorOf: ["710204"], zumreHeadOf: ["matematik"] }),
    ]);
    expect(res.json.data.calendar.feedTokens).toHaveLength(1);
    expect(res.json.data.reminder.digests).toHaveLength(1);
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
    const beforeItems = await everyItem();
    const before = JSON.stringify(beforeItems);
    // …in every domain seeded above (so the check below covers each of them)
    const kinds = [
      "activity",
      "reviewassignment",
      "reviewmember",
      "reviewentry",
      "partnership",
      "partnershipwork",
      "partnershiphistory",
      "partnershipmeeting",
      "partnershipmaterial",
      "reminderdigest",
      "suppression",
      "job",
      "jobchunk",
    ];
    for (const kind of kinds) {
      const texts = beforeItems
        .filter((i) => (i.__edb_e__ as { S?: string } | undefined)?.S === kind)
        .map((i) => JSON.stringify(i).toLowerCase());
      expect(
        texts.some((t) => t.includes(name.toLocaleLowerCase("tr")) || t.includes(email)),
        kind,
      ).toBe(true);
    }
    const tokens = () => beforeItems.filter((i) => (i.__edb_e__ as { S?: string } | undefined)?.S === "feedtoken");
    expect(tokens()).toHaveLength(1);
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
    // Others' records stay, without the person: the colleague's activity, the review's score
    const colleagues = await call(admin, "GET", `/api/activities/${colleagueActivityId}`);
    expect(colleagues.status).toBe(200);
    expect(colleagues.json.teachers).toHaveLength(1);
    const assignment = items.find((i) => (i.__edb_e__ as { S?: string } | undefined)?.S === "reviewassignment");
    expect((assignment?.total as { N?: string } | undefined)?.N).toBe("8");
    expect(items.some((i) => (i.__edb_e__ as { S?: string } | undefined)?.S === "partnershipwork")).toBe(true);
    // Their calendar feed URL no longer opens anything
    expect(items.filter((i) => (i.__edb_e__ as { S?: string } | undefined)?.S === "feedtoken")).toEqual([]);
    const erasures = items.filter((i) => (i.action as { S?: string } | undefined)?.S === "privacy.erase");
    expect(erasures).toHaveLength(1);
    expect((await call(person, "GET", "/api/me")).status).toBe(401);
    // A second erasure changes nothing more
    const again = await call(admin, "POST", `/api/privacy/people/${person.userId}/erase`);
    expect(again.status).toBe(200);
    expect(Object.values(again.json.changed as Record<string, number>).every((n) => n === 0)).toBe(true);
  });
});
