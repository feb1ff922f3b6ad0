/**
 * Fault injection (test/helpers/faults.ts answers chosen SDK requests with a service's real error,
 * below the SDK, so its retry strategy runs as in AWS): DynamoDB throttling, transaction conflicts
 * and timeouts, S3 SlowDown and 5xx, SES throttling. Expected, from the rules in
 * util/transient.ts and the clients' `maxAttempts: 3`: a passing fault is retried and the request
 * succeeds; a lasting one is retried a bounded number of times, then answered 503 with
 * Retry-After and a Turkish message through the one onError; nothing is half-written; a job
 * stopped by a fault resumes from its checkpoint.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../packages/core/src/actor";
import { dynamo } from "../packages/core/src/db";
import { Job } from "../packages/core/src/job";
import { jobTypes } from "../packages/core/src/job/registry";
import { School } from "../packages/core/src/org";
import { config, resetConfig } from "../packages/core/src/util/config";
import { app } from "../packages/functions/src/api/app";
import { type TestUser, userWith } from "./helpers/auth";
import {
  describe as describeRequest,
  dynamoError,
  type Fault,
  injectFaults,
  s3Error,
  sesThrottled,
  timeout,
  transactionConflict,
} from "./helpers/faults";
import { activityBody, karesiSchools } from "./helpers/fixtures";

const year = "2026-2027";
let teacher: TestUser;
let restore: (() => void) | undefined;

afterEach(() => {
  restore?.();
  restore = undefined;
});

/** Fails `count` (or every) request for which `match` holds with `fault`. */
function failing(match: (r: ReturnType<typeof describeRequest>) => boolean, fault: Fault, count = Infinity) {
  let failed = 0;
  const injected = injectFaults((request) => {
    if (!match(describeRequest(request)) || failed >= count) return undefined;
    failed += 1;
    return fault;
  });
  restore = injected.restore;
  return injected.seen;
}

const isTx = (r: { target?: string }) => r.target === "TransactWriteItems";

async function table(): Promise<string[]> {
  const page = await dynamo().send(new ScanCommand({ TableName: config().tableName }));
  return (page.Items ?? []).map((i) => `${i.pk?.S}|${i.sk?.S}|${i.version?.N ?? ""}`).sort();
}

async function call(method: string, path: string, body?: unknown, user: TestUser = teacher) {
  const res = await app.request(path, {
    method,
    headers: { ...user.headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), json: JSON.parse(text || "{}") };
}

beforeAll(async () => {
  await karesiSchools(["710204"]);
  teacher = await userWith([{ role: "teacher", scope: { type: "school", id: "710204" } }]);
});

describe("DynamoDB faults", () => {
  it("lasting throttling of a write: 3 attempts, then 503 with Retry-After, and nothing written", async () => {
    // Prepare
    const before = await table();
    const seen = failing(isTx, dynamoError("ProvisionedThroughputExceededException"));

    // Act
    const res = await call("POST", "/api/activities", activityBody("710204", year));

    // Assess
    expect(res).toMatchObject({ status: 503, retryAfter: "2", json: { code: "busy" } });
    expect(res.json.message).toMatch(/yoğun/);
    expect(seen.filter(isTx).length).toBe(3);
    restore?.();
    expect(await table()).toEqual(before);
  });

  it("a passing throttle is retried and the activity is stored once", async () => {
    const seen = failing(isTx, dynamoError("ThrottlingException"), 1);

    const res = await call("POST", "/api/activities", activityBody("710204", year));

    expect(res.status).toBe(201);
    expect(seen.filter(isTx).map((s) => s.faulted)).toEqual([true, false]);
    restore?.();
    const read = await call("GET", `/api/activities/${res.json.id}`);
    expect(read.json.title).toBe(activityBody("710204", year).title);
  });

  it("a transaction conflict is tried again by transact; a lasting one ends in 503 with nothing written", async () => {
    // Prepare: one passing conflict, then a lasting one
    const created = await call("POST", "/api/activities", activityBody("710204", year));
    const id = created.json.id as string;
    let seen = failing(isTx, transactionConflict(3), 1);

    // Act: the first edit meets one conflict
    const edited = await call("PATCH", `/api/activities/${id}`, { title: "Birinci düzeltme" }, teacher);
    const withEtag = await app.request(`/api/activities/${id}`, {
      method: "PATCH",
      headers: { ...teacher.headers, "content-type": "application/json", "if-match": '"1"' },
      body: JSON.stringify({ title: "Birinci düzeltme" }),
    });

    // Assess: (the edit without If-Match is refused before any write)
    expect(edited.status).toBe(400);
    expect(withEtag.status).toBe(200);
    expect(seen.filter(isTx).map((s) => s.faulted)).toEqual([true, false]);
    restore?.();

    // Act: a lasting conflict
    const before = await table();
    seen = failing(isTx, transactionConflict(3));
    const refused = await app.request(`/api/activities/${id}`, {
      method: "PATCH",
      headers: { ...teacher.headers, "content-type": "application/json", "if-match": '"2"' },
      body: JSON.stringify({ title: "İkinci düzeltme" }),
    });

    // Assess: 4 tries by transact (the SDK does not retry a cancellation), then 503; unchanged
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect(seen.filter(isTx).length).toBe(4);
    restore?.();
    expect(await table()).toEqual(before);
    expect((await call("GET", `/api/activities/${id}`)).json.title).toBe("Birinci düzeltme");
  });

  it("reads that time out are retried 3 times, then 503", async () => {
    const created = await call("POST", "/api/activities", activityBody("710204", year));
    const seen = failing((r) => r.service === "dynamodb", timeout());

    const res = await call("GET", `/api/activities/${created.json.id}`);

    expect(res).toMatchObject({ status: 503, retryAfter: "2", json: { code: "busy" } });
    // Resolving the caller's session is the first read: it is tried 3 times and the request stops.
    expect(seen.length).toBe(3);
  });
});

describe("S3 faults", () => {
  async function pendingVideo() {
    const created = await call("POST", "/api/activities", activityBody("710204", year));
    const presigned = await call("POST", `/api/activities/${created.json.id}/evidence`, {
      fileName: "gösteri.mp4",
      contentType: "video/mp4",
      size: 30 * 1024 * 1024,
    });
    expect(presigned.status).toBe(201);
    return presigned.json.evidence.id as string;
  }

  it("SlowDown on starting a multipart upload: retried, then 503; the evidence is not marked started", async () => {
    const id = await pendingVideo();
    const before = await table();
    const seen = failing((r) => r.service === "s3", s3Error("SlowDown", 503));

    const res = await call("POST", `/api/evidence/${id}/multipart`);

    expect(res).toMatchObject({ status: 503, retryAfter: "2", json: { code: "busy" } });
    expect(seen.filter((s) => s.service === "s3").length).toBe(3);
    restore?.();
    expect(await table()).toEqual(before);
  });

  it("one S3 500 is retried and the multipart upload starts", async () => {
    const id = await pendingVideo();
    const seen = failing((r) => r.service === "s3", s3Error("InternalError", 500), 1);

    const res = await call("POST", `/api/evidence/${id}/multipart`);

    expect(res.status).toBe(201);
    expect(seen.filter((s) => s.service === "s3").map((s) => s.faulted)).toEqual([true, false]);
  });
});

describe("SES faults", () => {
  it("lasting SES throttling of a sign-in code: 3 attempts, then 503 with Retry-After", async () => {
    // Prepare: the SES mailer (requests never leave the process: every one is answered here)
    process.env.BIGEP_MAILER = "ses";
    resetConfig();
    const seen = failing((r) => r.service === "ses", sesThrottled);
    try {
      // Act
      const res = await app.request("/api/auth/code", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: teacher.email }),
      });

      // Assess
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(seen.filter((s) => s.service === "ses").length).toBe(3);
    } finally {
      delete process.env.BIGEP_MAILER;
      resetConfig();
    }
  });
});

describe("jobs under faults", () => {
  it("a school import stopped by lasting throttling resumes from its checkpoint and writes each school once", async () => {
    // Prepare: 450 rows = one step of 8 transactions of 50, then one of 50 (import-job.ts)
    const header = "kurum_kodu,okul_adi,kademe,tur,ilce,eposta";
    const rows = Array.from({ length: 450 }, (_, i) => {
      const code = String(900000 + i);
      return `${code},Deneme Okulu ${i},lise,anadolu_lisesi,Karesi,${code}@meb.k12.tr`;
    });
    const admin = { role: "admin" as const, scope: { type: "national" as const, id: "" } };
    const asAdmin = <T>(run: () => Promise<T>) =>
      withActor(
        {
          actor: {
            type: "user",
            userId: "usr_01JD0000000000000000000000",
            email: "a@b.tr",
            name: "A",
            grants: [admin],
          },
          requestId: "t",
        },
        run,
      );
    const worker = <T>(run: () => Promise<T>) =>
      withActor({ actor: { type: "system", reason: "test worker" }, requestId: "w" }, run);
    const started = await asAdmin(() => School.importCsv({ province: "10", csv: [header, ...rows].join("\n") }));
    // Throttle every transaction that writes one of the last 50 schools (rows 400–449), whatever
    // else happens: the first step's 8 transactions may be retried (audit-chain races under load),
    // so counting transactions would stop the first step instead of the second.
    const lastStep = /Deneme Okulu 4[0-4]\d"/;
    const injected = injectFaults((request) => {
      if (!isTx(describeRequest(request))) return undefined;
      return lastStep.test(String(request.body)) ? dynamoError("ProvisionedThroughputExceededException") : undefined;
    });
    restore = injected.restore;

    // Act: the first attempt stops in its second step
    const first = await worker(() => Job.system.execute(started.id, jobTypes));
    injected.restore();
    const stopped = await asAdmin(() => Job.get(started.id));
    const resumed = injectFaults(() => undefined);
    restore = resumed.restore;
    const second = await worker(() => Job.system.execute(started.id, jobTypes));
    const done = await asAdmin(() => Job.get(started.id));

    // Assess: retry → queued at 400/450; the second attempt writes only the last 50 (one transaction)
    expect(first.status).toBe("retry");
    expect(stopped).toMatchObject({ status: "queued", progress: Math.round((100 * 400) / 450) });
    expect(second.status).toBe("succeeded");
    expect(resumed.seen.filter(isTx).length).toBe(1);
    expect(done.result).toEqual({ created: 450, updated: 0, unchanged: 0, errors: [] });
    expect(await School.get("900449")).toMatchObject({ name: "Deneme Okulu 449" });
  });
});
