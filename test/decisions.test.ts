/**
 * Conflicts of interest in activity decisions, through the HTTP API (issue 7): nobody decides on
 * a record they created; above the school, nobody decides on a record of a school where they hold
 * a role (district) or of their own district (province). Also the create's Idempotency-Key with
 * another body (422), participating teachers who are not the school's users, and the audit event
 * written with the change.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { flagDuplicateEvidence } from "../packages/core/src/activity/system";
import { withActor } from "../packages/core/src/actor";
import { app } from "../packages/functions/src/api/app";
import { type TestUser, userWith } from "./helpers/auth";
import { activityBody, karesiSchools } from "./helpers/fixtures";

const year = "2026-2027";
const schoolA = "7705001";
const schoolB = "7705002";
const school = (id: string) => ({ type: "school" as const, id });
let district: string;

let teacher: TestUser;
let commission: TestUser;
let commission2: TestUser;
let principal: TestUser;
let teacherB: TestUser;
/** A district board member who also teaches at school A. */
let boardTeacherA: TestUser;
let board: TestUser;
/** A province board member who is a principal at school B (same district as A). */
let provinceFromDistrict: TestUser;
let provinceBoard: TestUser;

type Json = Record<string, unknown>;

async function call(
  user: TestUser,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await app.request(path, {
    method,
    headers: { ...user.headers, ...(body ? { "content-type": "application/json" } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function create(user: TestUser, overrides: Json = {}) {
  const res = await call(user, "POST", "/api/activities", { ...activityBody(schoolA, year), ...overrides });
  expect(res.status).toBe(201);
  return res.body as { id: string; actions: string[] };
}

async function act(user: TestUser, id: string, action: string, reason?: string) {
  return call(user, "POST", `/api/activities/${id}/transitions`, { action, ...(reason ? { reason } : {}) });
}

/** An activity of `owner` moved to `status` by people allowed to (commission2 decides at the school). */
async function activityIn(owner: TestUser, status: "submitted" | "approved" | "district" | "province") {
  const { id } = await create(owner);
  const steps: [TestUser, string][] = [[owner, "submit"]];
  if (status !== "submitted") steps.push([commission2, "approve"]);
  if (status === "district" || status === "province") steps.push([commission2, "forward_to_district"]);
  if (status === "province") steps.push([board, "forward_to_province"]);
  for (const [who, action] of steps) expect((await act(who, id, action)).status).toBe(200);
  return id;
}

beforeAll(async () => {
  district = await karesiSchools([schoolA, schoolB]);
  teacher = await userWith([{ role: "teacher", scope: school(schoolA) }], { name: "Ayşe Öğretmen" });
  commission = await userWith([{ role: "school_commission", scope: school(schoolA) }]);
  commission2 = await userWith([{ role: "school_commission", scope: school(schoolA) }]);
  principal = await userWith([{ role: "principal", scope: school(schoolA) }]);
  teacherB = await userWith([{ role: "teacher", scope: school(schoolB) }]);
  boardTeacherA = await userWith([
    { role: "district_board", scope: { type: "district", id: district } },
    { role: "teacher", scope: school(schoolA) },
  ]);
  board = await userWith([{ role: "district_board", scope: { type: "district", id: district } }]);
  provinceFromDistrict = await userWith([
    { role: "province_board", scope: { type: "province", id: "10" } },
    { role: "principal", scope: school(schoolB) },
  ]);
  provinceBoard = await userWith([{ role: "province_board", scope: { type: "province", id: "10" } }]);
});

describe("deciding on one's own activity", () => {
  it("a commission member cannot approve, return or forward an activity they created; the button is not offered", async () => {
    // Prepare
    const submitted = await activityIn(commission, "submitted");
    const approved = await activityIn(commission, "approved");

    // Act
    const view = await call(commission, "GET", `/api/activities/${submitted}`);
    const approve = await act(commission, submitted, "approve");
    const giveBack = await act(commission, submitted, "return", "Eksik");
    const forward = await act(commission, approved, "forward_to_district");
    const approvedView = await call(commission, "GET", `/api/activities/${approved}`);

    // Assess
    expect(view.body.actions).toEqual([]);
    expect(approvedView.body.actions).toEqual([]);
    for (const res of [approve, giveBack, forward]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("own_record");
      expect(String(res.body.message)).toMatch(/Kendi oluşturduğunuz kayıt/);
    }
  });

  it("another commission member or the principal decides on it", async () => {
    // Prepare
    const first = await activityIn(commission, "submitted");
    const second = await activityIn(commission, "submitted");

    // Act
    const otherView = await call(commission2, "GET", `/api/activities/${first}`);
    const byOther = await act(commission2, first, "approve");
    const principalView = await call(principal, "GET", `/api/activities/${second}`);
    const byPrincipal = await act(principal, second, "approve");
    const forwarded = await act(principal, second, "forward_to_district");

    // Assess
    expect(otherView.body.actions).toEqual(["return", "approve"]);
    expect(byOther.status).toBe(200);
    expect(byOther.body.status).toBe("approved");
    expect(principalView.body.actions).toEqual(["return", "approve"]);
    expect(byPrincipal.status).toBe(200);
    expect(forwarded.body.status).toBe("district");
  });

  it("a principal who created an activity cannot approve it; a commission member can", async () => {
    // Prepare
    const id = await activityIn(principal, "submitted");

    // Act
    const own = await act(principal, id, "approve");
    const byCommission = await act(commission, id, "approve");

    // Assess
    expect(own.status).toBe(403);
    expect(own.body.code).toBe("own_record");
    expect(byCommission.status).toBe(200);
  });
});

describe("deciding with the version read", () => {
  it("approves an activity flagged as having duplicate evidence with the If-Match of its read", async () => {
    // Prepare
    const id = await activityIn(teacher, "submitted");
    await withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, () => flagDuplicateEvidence(id));
    const read = await app.request(`/api/activities/${id}`, { headers: commission.headers });
    const etag = read.headers.get("etag") ?? "";

    // Act
    const res = await app.request(`/api/activities/${id}/transitions`, {
      method: "POST",
      headers: { ...commission.headers, "content-type": "application/json", "if-match": etag },
      body: JSON.stringify({ action: "approve" }),
    });

    // Assess
    expect(etag).toBe('"2"');
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).status).toBe("approved");
  });
});

describe("deciding above the school", () => {
  it("a district board member who teaches at the school cannot forward or return its activity; another member can", async () => {
    // Prepare
    const id = await activityIn(teacher, "district");

    // Act
    const view = await call(boardTeacherA, "GET", `/api/activities/${id}`);
    const forward = await act(boardTeacherA, id, "forward_to_province");
    const giveBack = await act(boardTeacherA, id, "return", "Eksik");
    const byOther = await act(board, id, "forward_to_province");

    // Assess
    expect(view.status).toBe(200);
    expect(view.body.actions).toEqual([]);
    expect(forward.status).toBe(403);
    expect(forward.body.code).toBe("own_school");
    expect(giveBack.status).toBe(403);
    expect(byOther.status).toBe(200);
    expect(byOther.body.status).toBe("province");
  });

  it("a province board member who works at a school of the same district cannot return its activity; another member can", async () => {
    // Prepare
    const id = await activityIn(teacher, "province");

    // Act
    const view = await call(provinceFromDistrict, "GET", `/api/activities/${id}`);
    const own = await act(provinceFromDistrict, id, "return", "İl düzeyinde eksik");
    const otherView = await call(provinceBoard, "GET", `/api/activities/${id}`);
    const byOther = await act(provinceBoard, id, "return", "İl düzeyinde eksik");

    // Assess
    expect(view.body.actions).toEqual([]);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe("own_district");
    expect(otherView.body.actions).toEqual(["return"]);
    expect(byOther.status).toBe(200);
  });
});

describe("creating", () => {
  it("answers 422 when an Idempotency-Key comes back with another body, and the first record for the same body", async () => {
    // Prepare
    const key = `idem-${Date.now()}`;
    const body = activityBody(schoolA, year);
    const first = await call(teacher, "POST", "/api/activities", body, { "idempotency-key": key });

    // Act
    const retry = await call(teacher, "POST", "/api/activities", body, { "idempotency-key": key });
    const other = await call(
      teacher,
      "POST",
      "/api/activities",
      { ...body, title: "Başka bir etkinlik" },
      { "idempotency-key": key },
    );

    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_key_reused");
  });

  it("refuses participating teachers who are not active users of the activity's school", async () => {
    // Prepare
    const colleague = { userId: commission.userId, name: "Komisyon Üyesi" };
    const otherSchool = { userId: teacherB.userId, name: "Bora Öğretmen" };
    const nobody = { userId: "usr_01JD0000000000000000000000", name: "Olmayan Kişi" };

    // Act
    const fromB = await call(teacher, "POST", "/api/activities", {
      ...activityBody(schoolA, year),
      teachers: [colleague, otherSchool],
    });
    const unknown = await call(teacher, "POST", "/api/activities", {
      ...activityBody(schoolA, year),
      teachers: [nobody],
    });
    const valid = await call(teacher, "POST", "/api/activities", {
      ...activityBody(schoolA, year),
      teachers: [colleague, { name: "Hesabı olmayan" }],
    });
    const edit = await call(
      teacher,
      "PATCH",
      `/api/activities/${valid.body.id}`,
      { teachers: [otherSchool] },
      { "if-match": '"1"' },
    );

    // Assess
    expect(fromB.status).toBe(400);
    expect(fromB.body.code).toBe("unknown_teacher");
    expect(fromB.body.details).toEqual([
      { path: ["teachers", 1, "userId"], message: "Bora Öğretmen: okulun etkin bir kullanıcısı değil." },
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("unknown_teacher");
    expect(valid.status).toBe(201);
    expect(edit.status).toBe(400);
    expect(edit.body.code).toBe("unknown_teacher");
  });

  it("stores the audit event with the change it records", async () => {
    // Prepare
    const id = await activityIn(teacher, "approved");

    // Act
    const events = await call(principal, "GET", `/api/audit?scope=school:${schoolA}&entity=activity:${id}`);

    // Assess
    expect(events.status).toBe(200);
    const actions = (events.body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(["activity.approve", "activity.submit", "activity.create"]);
  });
});
