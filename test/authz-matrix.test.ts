/**
 * Authorization matrix: every operation of the OpenAPI document (so new endpoints are covered
 * without editing this file), called anonymously and as each role the policy knows on resources
 * OUTSIDE that role's scope, must answer 401/403/404 with no data in the body. Every request
 * carries a valid body and valid parameters, so a 400 cannot hide a missing access check: 400 is
 * never a pass. The national ministry officer has no "outside": it must be refused every change.
 * A list of inside-scope calls must succeed. Only the operations in `publicOps` are skipped;
 * adding one there is a decision.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Role, withActor } from "../packages/core/src/actor";
import { bigepTemplate } from "../packages/core/src/calendar";
import { Job } from "../packages/core/src/job";
import { seedDemo } from "../packages/core/src/org";
// --- reports ---
import { reportJob } from "../packages/core/src/report";
import { reportJobTypes } from "../packages/core/src/report/system";
import { app } from "../packages/functions/src/api/app";
import { type TestUser, userWith } from "./helpers/auth";
import { activityBody } from "./helpers/fixtures";

const year = "2026-2027";

/** Operations anyone may call (no sign-in): the allow-list. Everything else is tested. */
const publicOps = new Set([
  "GET /api/health",
  "POST /api/auth/code",
  "POST /api/auth/verify",
  "POST /api/auth/refresh",
  "POST /api/auth/logout",
  "GET /api/provinces",
  "GET /api/provinces/{code}",
  "GET /api/provinces/{code}/districts",
  "GET /api/districts/{id}",
  "GET /api/districts/{id}/schools",
  "GET /api/schools",
  "GET /api/schools/{code}",
  "GET /api/categories",
  "GET /api/dev/outbox",
  "POST /api/dev/jobs/{name}",
  "GET /api/dev/job-status/{id}",
  // --- calendar & reminders ---
  "GET /api/calendar/programmes/{programme}/{year}",
  "GET /api/calendar/feed/{token}",
  "POST /api/reminders/unsubscribe",
  // --- partnership: the public showcase ---
  "GET /api/partnerships/{id}/feed",
  "GET /api/partnerships/{id}/snippet",
  // --- review: certificates --- (the public verification)
  "GET /api/public/certificates/{code}",
]);

/** Changes the national ministry officer may make (the programme's pairs are the Ministry's). */
const ministryChanges = new Set(["POST /api/partnerships"]);

/** Operations about the caller themselves: signed-in only, but there is no "outside" for them. */
const selfOps = new Set([
  "GET /api/me",
  "GET /api/me/sessions",
  "GET /api/me/waiting",
  "GET /api/privacy/export",
  // --- calendar & reminders --- (the caller's own deadlines, feed and preferences)
  "GET /api/calendar/upcoming",
  "GET /api/calendar/feed",
  "POST /api/calendar/feed/rotate",
  "GET /api/reminders/preferences",
  "PUT /api/reminders/preferences",
  // --- review --- (a reviewer's own queue)
  "GET /api/reviews/queue",
]);

/** A school with its district and province, and things that live there. */
type Side = {
  school: string;
  district: string;
  province: string;
  actors: Partial<Record<Role, TestUser>>;
  /** A teacher of the school: the "user" resource of this side. */
  target: TestUser;
  sessionId: string;
  activityId: string;
  evidenceId: string;
  /** A staff import job of the school (queued: no worker runs here). */
  jobId: string;
  categoryLists: unknown;
  // --- review ---
  roundId: string;
  /** A compiled yearly report of the school (reports). */
  reportId: string;
  /** --- partnership --- a pair of this side's school with a school of a third province, and a joint activity. */
  pairId: string;
  workId: string;
  pairWith: string;
  /** --- partnership: meetings, materials --- a meeting (with a pending file) and a material of the pair. */
  meetingId: string;
  meetingFileId: string;
  materialId: string;
};

const sides: Record<"A" | "B", Side & { partnership: string }> = {
  A: { school: "710204", district: "10-altieylul", province: "10", partnership: "ortaklik-a", actors: {} } as Side & {
    partnership: string;
  },
  B: { school: "716101", district: "61-ortahisar", province: "61", partnership: "ortaklik-b", actors: {} } as Side & {
    partnership: string;
  },
};
/** Every role with a scope that has an outside (the ministry officer's is the nation: tested apart). */
const roles: Role[] = Role.options.filter((r) => r !== "ministry_officer");
let admin: TestUser;
let ministry: TestUser;

type Operation = { key: string; method: string; path: string; op: OpenApiOperation };
type OpenApiOperation = {
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, unknown> };
};
let operations: Operation[] = [];

function scopeOf(role: Role, side: Side & { partnership: string }) {
  if (role === "admin" || role.startsWith("province")) return { type: "province" as const, id: side.province };
  if (role.startsWith("district")) return { type: "district" as const, id: side.district };
  if (role === "partnership_coordinator" || role === "zumre_head") {
    return { type: "partnership" as const, id: side.partnership };
  }
  return { type: "school" as const, id: side.school };
}

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const isText = typeof body === "string";
  const res = await app.request(path, {
    method,
    headers: {
      ...headers,
      ...(body !== undefined ? { "content-type": isText ? "text/csv" : "application/json" } : {}),
    },
    ...(body !== undefined ? { body: isText ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Fills a path parameter with the id of a resource of `side`; unknown parameters fail loudly. */
function pathValue(path: string, name: string, side: Side): string {
  // --- review: certificates --- a well-formed code (no certificate is issued in this fixture)
  if (
    name === "code" &&
    (path.startsWith("/api/reviews/certificates") || path.startsWith("/api/public/certificates"))
  ) {
    return side.province === "10" ? "AAAAAAAAA1" : "BBBBBBBBB1";
  }
  if (name === "code") return path.startsWith("/api/provinces") ? side.province : side.school;
  if (name === "id") {
    if (path.startsWith("/api/users")) return side.target.userId;
    if (path.startsWith("/api/privacy/people")) return side.target.userId;
    if (path.startsWith("/api/me/sessions")) return side.sessionId;
    if (path.startsWith("/api/activities")) return side.activityId;
    if (path.startsWith("/api/evidence")) return side.evidenceId;
    if (path.startsWith("/api/districts")) return side.district;
    if (path.startsWith("/api/jobs")) return side.jobId;
    if (path.startsWith("/api/reviews/rounds")) return side.roundId; // --- review ---
    if (path.startsWith("/api/reports")) return side.reportId; // --- reports ---
    if (path.startsWith("/api/partnerships")) return side.pairId; // --- partnership ---
  }
  // --- calendar & reminders ---
  if (name === "programme") return "bigep";
  if (name === "year") return year;
  if (name === "activityId" && path.startsWith("/api/reviews")) return side.activityId; // --- review ---
  if (name === "format" && path.startsWith("/api/reports")) return "csv";
  if (name === "format" && path.startsWith("/api/partnerships")) return "pdf"; // --- partnership: report files ---
  if (name === "workId") return side.workId; // --- partnership ---
  // --- partnership: meetings, materials ---
  if (name === "meetingId") return side.meetingId;
  if (name === "materialId") return side.materialId;
  if (name === "fileId" && path.includes("/meetings/")) return side.meetingFileId;
  if (name === "fileId" && path.includes("/materials/")) return side.meetingFileId;
  throw new Error(`authz matrix: no fixture for path parameter {${name}} of ${path}; add one in pathValue()`);
}

/** Query parameters naming a place or resource of `side`; other optional ones are left out. */
function queryValue(name: string, side: Side): string | undefined {
  const values: Record<string, string> = {
    school: side.school,
    district: side.district,
    province: side.province,
    scope: `school:${side.school}`,
    year,
    role: "teacher",
    milestone: "bigep-entry",
    area: "projects", // --- review ---
    level: "province", // --- review --- (panel candidates)
    cohort: "2026",
  };
  return values[name];
}

/** Valid bodies for the operations, aimed at `side`; an operation without one fails loudly. */
function bodyFor(key: string, side: Side): { body: unknown } {
  const email = `matrix.${Math.random().toString(36).slice(2, 10)}@bigep.local`;
  const bodies: Record<string, unknown> = {
    "POST /api/users/invite": {
      email,
      name: "Matris Kişi",
      role: "teacher",
      scope: { type: "school", id: side.school },
    },
    "PATCH /api/users/{id}": { name: "Değişmiş Ad" },
    "POST /api/users/{id}/deactivate": undefined,
    "POST /api/users/{id}/roles": { role: "school_commission", scope: { type: "school", id: side.school } },
    "POST /api/schools/{code}/staff/import": `ad_soyad,eposta,rol\nMatris Öğretmen,${email},öğretmen\n`,
    "POST /api/jobs": { type: "sweep-uploads" },
    "POST /api/districts": { province: side.province, name: "Matris İlçesi" },
    "POST /api/districts/import": `il_kodu,ilce_adi\n${side.province},Matris İlçesi\n`,
    "POST /api/schools": {
      code: `${side.school}9`,
      name: "Matris Lisesi",
      level: "lise",
      type: "anadolu_lisesi",
      districtId: side.district,
      email: "matris@meb.k12.tr",
    },
    "PATCH /api/schools/{code}": { name: "Değişmiş Okul Adı" },
    "POST /api/schools/import": `kurum_kodu,okul_adi,kademe,tur,ilce,eposta\n${side.school},Değişmiş,lise,fen_lisesi,${side.district},x@meb.k12.tr\n`,
    "POST /api/activities": activityBody(side.school, year),
    "PATCH /api/activities/{id}": { title: "Değişmiş başlık" },
    "POST /api/activities/{id}/transitions": { action: "submit" },
    "POST /api/activities/{id}/evidence": { fileName: "foto.jpg", contentType: "image/jpeg", size: 1000 },
    "PUT /api/categories": { lists: side.categoryLists },
    "POST /api/evidence/{id}/multipart/parts": { partNumbers: [1] },
    "POST /api/evidence/{id}/multipart/complete": { parts: [{ partNumber: 1, etag: '"etag-1"' }] },
    // --- calendar & reminders ---
    "PUT /api/calendar/programmes/{programme}/{year}": { milestones: bigepTemplate(year) },
    "PUT /api/reminders/preferences": { muted: [], digest: true },
    // --- review ---
    "PUT /api/reviews/rubrics": reviewRubric(side.province, "projects"),
    "POST /api/reviews/certificates/{code}/revoke": { reason: "Matris iptali." }, // --- review: certificates ---
    "POST /api/reviews/rounds": reviewRound(side),
    "POST /api/reviews/rounds/{id}/assignment/preview": { seed: "matris" },
    "POST /api/reviews/rounds/{id}/assignment": { seed: "matris" },
    "POST /api/reviews/rounds/{id}/reassign": { activityId: side.activityId, to: side.target.userId },
    "POST /api/reviews/rounds/{id}/conflicts": { schools: [side.school] },
    "POST /api/reviews/rounds/{id}/reconcile": { activityId: side.activityId, note: "Uzlaşıldı." },
    "POST /api/reviews/rounds/{id}/promotion": { nextRoundId: side.roundId },
    "POST /api/reviews/rounds/{id}/publish": { publishAt: "2027-06-01T10:00" },
    "PUT /api/reviews/rounds/{id}/activities/{activityId}/score": { scores: {}, submit: false },
    // --- partnership ---
    "POST /api/partnerships": {
      schools: [side.school, side.pairWith],
      leadSchool: side.school,
      startYear: "2027-2028",
      coordinators: { [side.school]: side.target.userId, [side.pairWith]: side.target.userId },
    },
    "PUT /api/partnerships/{id}/plans/{year}": { items: [] },
    "POST /api/partnerships/{id}/plans/{year}/transitions": { action: "agree" },
    "POST /api/partnerships/{id}/years/{year}/work": { title: "Matris", date: "2026-10-10", schools: [side.school] },
    "POST /api/partnerships/{id}/years/{year}/actuals": {
      indicatorId: "ind_01JD8Z5QH1V6M2K3N4P5R6S7T8",
      date: "2026-10-10",
      value: 1,
    },
    "PATCH /api/partnerships/{id}/reports/{year}": { narrative: { summary: "Matris" } },
    "POST /api/partnerships/{id}/reports/{year}/transitions": { action: "agree" },
    "POST /api/partnerships/{id}/years/{year}/posts": { workId: side.workId, contentRule: true, consent: false },
    "POST /api/partnerships/{id}/posts/{workId}/decision": { decision: "approve" },
    // --- partnership: meetings, materials ---
    "POST /api/partnerships/{id}/meetings": matrixMeeting(),
    "PUT /api/partnerships/{id}/meetings/{meetingId}": matrixMeeting(),
    "POST /api/partnerships/{id}/meetings/{meetingId}/files": {
      fileName: "t.pdf",
      contentType: "application/pdf",
      size: 9,
    },
    "POST /api/partnerships/{id}/materials": { title: "Matris", subject: "Matematik", grade: 9, kind: "worksheet" },
    "POST /api/partnerships/{id}/materials/{materialId}/files": {
      fileName: "t.pdf",
      contentType: "application/pdf",
      size: 9,
    },
  };
  if (!(key in bodies)) throw new Error(`authz matrix: no valid body for ${key}; add one in bodyFor()`);
  return { body: bodies[key] };
}

// --- partnership: meetings ---
function matrixMeeting() {
  return { mode: "online", title: "Matris toplantısı", startsAt: "2026-10-10T10:00", participants: [] };
}

// --- review ---
function reviewRubric(province: string, area: string) {
  return {
    province,
    year,
    area,
    criteria: [{ id: "etki", title: "Etki", weight: 1, max: 10 }],
  };
}
function reviewRound(side: Side) {
  return {
    province: side.province,
    year,
    level: "province",
    name: "Matris turu",
    opensAt: "2027-05-01T09:00",
    closesAt: "2027-05-15T17:00",
    panel: [{ userId: side.actors.province_review_board!.userId }],
  };
}

/** Builds the request of `operation` against resources of `side`. */
function requestFor(operation: Operation, side: Side) {
  const { op } = operation;
  let path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(pathValue(operation.path, name, side)),
  );
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of op.parameters ?? []) {
    if (p.in === "query") {
      const value = queryValue(p.name, side);
      if (value !== undefined) query.set(p.name, value);
      else if (p.required) throw new Error(`authz matrix: no value for required query ?${p.name} of ${operation.key}`);
    }
    if (p.in === "header" && p.name === "if-match") headers["if-match"] = '"1"';
    if (p.in === "header" && p.name === "idempotency-key") headers["idempotency-key"] = `matrix-${Math.random()}`;
  }
  if (query.size > 0) path += `?${query}`;
  const { body } = op.requestBody ? bodyFor(operation.key, side) : { body: undefined };
  return { path, headers, body };
}

const allowedKeys = new Set(["code", "message", "requestId", "details"]);

/** Problems with a refusal: a status not in `ok` (never 400: every request is valid), or data in the body. */
function refusalProblems(key: string, res: { status: number; json: Record<string, unknown> }, ok: number[]) {
  const problems: string[] = [];
  if (!ok.includes(res.status)) {
    problems.push(`${key}: ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
  }
  const extra = Object.keys(res.json).filter((k) => !allowedKeys.has(k));
  if (extra.length > 0) problems.push(`${key}: body carries data fields ${extra.join(",")}`);
  return problems;
}

beforeAll(async () => {
  await seedDemo();
  admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
  ministry = await userWith([{ role: "ministry_officer", scope: { type: "national", id: "" } }]);
  for (const side of Object.values(sides)) {
    for (const role of roles) side.actors[role] = await userWith([{ role, scope: scopeOf(role, side) }]);
    side.target = await userWith([{ role: "teacher", scope: { type: "school", id: side.school } }]);
    const sessions = await call("GET", "/api/me/sessions", side.target.headers);
    side.sessionId = (sessions.json.items as { id: string }[])[0]!.id;
    const activity = await call("POST", "/api/activities", side.target.headers, activityBody(side.school, year));
    expect(activity.status).toBe(201);
    side.activityId = activity.json.id as string;
    const evidence = await call("POST", `/api/activities/${side.activityId}/evidence`, side.target.headers, {
      fileName: "foto.jpg",
      contentType: "image/jpeg",
      size: 1000,
    });
    expect(evidence.status).toBe(201);
    side.evidenceId = (evidence.json.evidence as { id: string }).id;
    const job = await call(
      "POST",
      `/api/schools/${side.school}/staff/import`,
      side.actors.principal!.headers,
      `ad_soyad,eposta,rol\nMatris Kadro,matris.kadro.${side.school}@bigep.local,öğretmen\n`,
    );
    expect(job.status).toBe(202);
    side.jobId = job.json.id as string;
    const categories = await call("GET", `/api/categories?province=${side.province}&year=${year}`);
    side.categoryLists = categories.json.lists;
    // --- review --- a rubric per area and a round of the side's province
    for (const area of ["academic", "projects", "arts_sports_culture", "innovative_environments"]) {
      const rubric = await call("PUT", "/api/reviews/rubrics", admin.headers, reviewRubric(side.province, area));
      expect(rubric.status).toBe(200);
    }
    const round = await call("POST", "/api/reviews/rounds", admin.headers, reviewRound(side));
    expect(round.status).toBe(201);
    side.roundId = round.json.id as string;
    // --- reports --- a school report of the year, compiled as the worker would
    side.reportId = await withActor({ actor: { type: "system", reason: "matrix" }, requestId: "m" }, async () => {
      const params = { scope: { type: "school" as const, id: side.school }, year, pageSize: 500 };
      const { job: report } = await Job.start(reportJob, { params, enqueue: false });
      expect((await Job.system.execute(report.id, reportJobTypes)).status).toBe("succeeded");
      return report.id;
    });
  }
  // --- partnership --- each side's school paired with a fen lisesi of a province of its own (06, 35),
  // so nobody of the other side (school, district or province) is a member.
  for (const [side, province, code] of [
    [sides.A, "06", "706001"],
    [sides.B, "35", "735001"],
  ] as const) {
    const district = await call("POST", "/api/districts", admin.headers, { province, name: "Matris Merkez" });
    expect(district.status).toBe(201);
    const school = await call("POST", "/api/schools", admin.headers, {
      code,
      name: `Matris Fen Lisesi ${province}`,
      level: "lise",
      type: "fen_lisesi",
      districtId: district.json.id,
      email: `matris${province}@meb.k12.tr`,
    });
    expect(school.status).toBe(201);
    const coordinator = await userWith([{ role: "teacher", scope: { type: "school", id: code } }]);
    side.pairWith = code;
    const pair = await call("POST", "/api/partnerships", ministry.headers, {
      schools: [side.school, code],
      leadSchool: side.school,
      startYear: year,
      coordinators: { [side.school]: side.target.userId, [code]: coordinator.userId },
    });
    expect(pair.status).toBe(201);
    side.pairId = pair.json.id as string;
    const work = await call("POST", `/api/partnerships/${side.pairId}/years/${year}/work`, side.target.headers, {
      title: "Matris ortak etkinliği",
      date: "2026-10-10",
      schools: [side.school],
    });
    expect(work.status).toBe(201);
    side.workId = work.json.id as string;
    // --- partnership: meetings, materials --- (side.target is the coordinator of side.school)
    const meeting = await call(
      "POST",
      `/api/partnerships/${side.pairId}/meetings`,
      side.target.headers,
      matrixMeeting(),
    );
    expect(meeting.status).toBe(201);
    side.meetingId = meeting.json.id as string;
    const file = await call(
      "POST",
      `/api/partnerships/${side.pairId}/meetings/${side.meetingId}/files`,
      side.target.headers,
      { fileName: "tutanak.pdf", contentType: "application/pdf", size: 9 },
    );
    expect(file.status).toBe(201);
    side.meetingFileId = (file.json.file as { id: string }).id;
    const material = await call("POST", `/api/partnerships/${side.pairId}/materials`, side.target.headers, {
      title: "Matris materyali",
      subject: "Matematik",
      grade: 9,
      kind: "worksheet",
    });
    expect(material.status).toBe(201);
    side.materialId = material.json.id as string;
  }
  const doc = (await call("GET", "/api/openapi.json")).json as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      op,
    })),
  );
});

describe("authorization matrix", () => {
  it("finds the operations of every domain in the OpenAPI document", () => {
    const keys = operations.map((o) => o.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "POST /api/users/invite",
        "GET /api/audit",
        "PATCH /api/schools/{code}",
        "POST /api/activities",
      ]),
    );
    expect(keys.filter((k) => !publicOps.has(k)).length).toBeGreaterThan(20);
  });

  it("refuses anonymous callers of every non-public operation with 401", async () => {
    const problems: string[] = [];
    for (const operation of operations.filter((o) => !publicOps.has(o.key))) {
      const { path, headers, body } = requestFor(operation, sides.A);
      const res = await call(operation.method, path, headers, body);
      problems.push(...refusalProblems(operation.key, res, [401]));
    }
    expect(problems).toEqual([]);
  });

  describe.each([
    ["A", "B"],
    ["B", "A"],
  ] as const)("actors of side %s on resources of side %s", (own, other) => {
    it.each(roles)("%s gets 401/403/404 and no data from every operation", async (role) => {
      const actor = sides[own].actors[role]!;
      const problems: string[] = [];
      for (const operation of operations.filter((o) => !publicOps.has(o.key) && !selfOps.has(o.key))) {
        const { path, headers, body } = requestFor(operation, sides[other]);
        const res = await call(operation.method, path, { ...headers, ...actor.headers }, body);
        problems.push(...refusalProblems(operation.key, res, [401, 403, 404]));
      }
      expect(problems).toEqual([]);
    });
  });

  it("covers every role the policy knows", () => {
    expect([...roles, "ministry_officer"].sort()).toEqual([...Role.options].sort());
  });

  it.each(["A", "B"] as const)(
    "the ministry officer (national, read-only) is refused every change on side %s",
    async (side) => {
      const problems: string[] = [];
      const changes = operations.filter((o) => o.method !== "GET" && !publicOps.has(o.key) && !selfOps.has(o.key));
      for (const operation of changes.filter(
        (o) => !o.key.startsWith("DELETE /api/me/") && !ministryChanges.has(o.key),
      )) {
        const { path, headers, body } = requestFor(operation, sides[side]);
        const res = await call(operation.method, path, { ...headers, ...ministry.headers }, body);
        problems.push(...refusalProblems(operation.key, res, [401, 403, 404]));
      }
      expect(changes.length).toBeGreaterThan(15);
      expect(problems).toEqual([]);
    },
  );

  describe("inside their scope, roles succeed", () => {
    const A = () => sides.A;
    const B = () => sides.B;
    it.each([
      ["a teacher reads their school's activity", () => A().actors.teacher!, () => `/api/activities/${A().activityId}`],
      ["a teacher reads their own account", () => A().target, () => `/api/users/${A().target.userId}`],
      ["a principal lists their staff", () => A().actors.principal!, () => `/api/users?school=${A().school}`],
      ["a principal reads a teacher", () => A().actors.principal!, () => `/api/users/${A().target.userId}`],
      [
        "a principal reads the school's audit log",
        () => A().actors.principal!,
        () => `/api/audit?scope=school:${A().school}`,
      ],
      [
        "the district board reads an activity",
        () => A().actors.district_board!,
        () => `/api/activities/${A().activityId}`,
      ],
      [
        "a district officer reads a teacher",
        () => A().actors.district_officer!,
        () => `/api/users/${A().target.userId}`,
      ],
      [
        "a province officer reads the province's audit log",
        () => A().actors.province_officer!,
        () => "/api/audit?scope=province:10",
      ],
      ["the national admin reads a user anywhere", () => admin, () => `/api/users/${B().target.userId}`],
      ["the national admin lists any school's staff", () => admin, () => `/api/users?school=${B().school}`],
      ["anyone signed in reads themselves", () => B().actors.teacher!, () => "/api/me"],
      ["the ministry officer reads an activity anywhere", () => ministry, () => `/api/activities/${B().activityId}`],
      [
        "the province review board reads an activity of its province",
        () => A().actors.province_review_board!,
        () => `/api/activities/${A().activityId}`,
      ],
      // --- review ---
      [
        "the province board reads its province's review round",
        () => A().actors.province_board!,
        () => `/api/reviews/rounds/${A().roundId}`,
      ],
      [
        "the province board lists its province's panel candidates",
        () => A().actors.province_board!,
        () => `/api/reviews/candidates?province=${A().province}&year=${year}&level=province`,
      ],
      [
        "a principal reads the school's review results",
        () => A().actors.principal!,
        () => `/api/reviews/results?school=${A().school}&year=${year}`,
      ],
      // --- reports ---
      [
        "a principal lists the school's reports",
        () => A().actors.principal!,
        () => `/api/reports?scope=school:${A().school}&year=${year}`,
      ],
      [
        "a district board member reads a school report's charts",
        () => A().actors.district_board!,
        () => `/api/reports/${A().reportId}`,
      ],
      [
        "a district board member downloads a school report",
        () => A().actors.district_board!,
        () => `/api/reports/${A().reportId}/files/pdf`,
      ],
      [
        "a province admin reads a user of its province",
        () => A().actors.admin!,
        () => `/api/users/${A().target.userId}`,
      ],
      // --- partnership: meetings, materials, dashboard ---
      [
        "a teacher of a member school lists the pair's meetings",
        () => A().actors.teacher!,
        () => `/api/partnerships/${A().pairId}/meetings`,
      ],
      [
        "a teacher of a member school lists the shared materials",
        () => A().actors.teacher!,
        () => `/api/partnerships/${A().pairId}/materials`,
      ],
      [
        "a province officer reads the province's partnership dashboard",
        () => A().actors.province_officer!,
        () => `/api/partnerships/dashboard?year=${year}&province=${A().province}`,
      ],
    ])("%s", async (_, who, path) => {
      const res = await call("GET", path(), who().headers);
      expect(res.status).toBe(200);
    });

    it("a principal invites a teacher and a province officer adds a district (org writes with real auth)", async () => {
      const invite = await call(
        "POST",
        "/api/users/invite",
        A().actors.principal!.headers,
        bodyFor("POST /api/users/invite", A()).body,
      );
      const district = await call("POST", "/api/districts", A().actors.province_officer!.headers, {
        province: "10",
        name: "Matris İçi",
      });
      const school = await call("GET", `/api/schools/${A().school}`);
      const patch = await call(
        "PATCH",
        `/api/schools/${A().school}`,
        { ...A().actors.district_officer!.headers, "if-match": String(school.json.version) },
        { phone: "0266 000 00 00" },
      );
      expect(invite.status).toBe(202);
      expect(district.status).toBe(201);
      expect(patch.status).toBe(200);
    });
  });
});
