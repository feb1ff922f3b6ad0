/**
 * API overhead and load, over HTTP to the API running in its own local process.
 *
 * Overhead: for each common request, the DynamoDB calls the application makes for it are
 * recorded once (in this process, through the same app, with a recorder on the SDK client), then
 * the request over HTTP and a replay of exactly those calls with a bare SDK client alternate, so
 * both see the same machine at the same moment. Replayed puts write new items, as the
 * application's do (see `replay`). The ratio p50(API) / p50(direct) is the budget.
 *
 * Load: 50 signed-in clients (a teacher who also sits on their district's board, tokens made as
 * test/helpers/auth.ts makes them) for a fixed time with a read/write mix; every 5xx is counted
 * and every acknowledged write (create 201, edit 200, upload start 201) is read back afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { join } from "node:path";
import * as ddb from "@aws-sdk/client-dynamodb";
import { load as loadActivity } from "../packages/core/src/activity/system";
import { withActor } from "../packages/core/src/actor";
import { dynamo, table } from "../packages/core/src/db";
import { evidence as evidenceEntity } from "../packages/core/src/evidence/entities";
import { Assignment, Session, User } from "../packages/core/src/identity";
import { config } from "../packages/core/src/util/config";
import { freePort } from "../packages/functions/src/local/dynamo";
import { info, maxResult, quantile, type Result, ratioResult } from "./lib/result";
import type { Seeded, SeededSchool } from "./seed";
import { seededProgrammes } from "./seed-programmes";

export const budgets = { p50Ratio: 1.5 };

type Client = {
  headers: Record<string, string>;
  school: SeededSchool;
  /** The client's own draft (edits and upload starts go here). */
  draft: { id: string; version: number; title: string };
};

let userNo = 0;

/** A signed-in user with the grants, as test/helpers/auth.ts makes one. */
async function signedIn(school: SeededSchool): Promise<Record<string, string>> {
  userNo += 1;
  return withActor({ actor: { type: "system", reason: "bench user" }, requestId: "bench" }, async () => {
    const user = await User.create({ name: `Yük Testi ${userNo}`, email: `yuk${userNo}@bench.bigep.local` });
    await Assignment.grant({ userId: user.id, grant: { role: "teacher", scope: { type: "school", id: school.code } } });
    await Assignment.grant({
      userId: user.id,
      grant: { role: "district_board", scope: { type: "district", id: school.districtId } },
    });
    const tokens = await Session.open({ userId: user.id, provider: "bench" });
    return { authorization: `Bearer ${tokens.accessToken}` };
  });
}

/**
 * The programmes' requests (bench/seed-programmes.ts): a reviewer's queue in the seeded district
 * round (a panel member, after the programme jobs group ran the assignment), and the first page
 * of the province's partnerships dashboard as a province officer sees it.
 */
async function programmeOperations(seeded: Seeded) {
  const p = seededProgrammes();
  const reviewer = p.panel[0];
  if (!reviewer) return [];
  return withActor({ actor: { type: "system", reason: "bench user" }, requestId: "bench" }, async () => {
    const reviewerTokens = await Session.open({ userId: reviewer.userId, provider: "bench" });
    const officer = await User.create({ name: "İl Görevlisi Ölçüm", email: "il.olcum@bench.bigep.local" });
    await Assignment.grant({
      userId: officer.id,
      grant: { role: "province_officer", scope: { type: "province", id: seeded.province } },
    });
    const officerTokens = await Session.open({ userId: officer.id, provider: "bench" });
    return [
      {
        name: "a reviewer's queue",
        as: { authorization: `Bearer ${reviewerTokens.accessToken}` },
        request: (): Request => ({ method: "GET", path: `/api/reviews/queue?roundId=${p.roundId}` }),
      },
      {
        name: "the partnerships dashboard page",
        as: { authorization: `Bearer ${officerTokens.accessToken}` },
        request: (): Request => ({
          method: "GET",
          path: `/api/partnerships/dashboard?year=${seeded.year}&province=${seeded.province}`,
        }),
      },
    ];
  });
}

function activityBody(school: string, year: string, title: string) {
  return {
    school,
    year,
    area: "projects",
    category: "teknofest",
    title,
    startDate: "2026-09-20",
    reach: "national",
    programme: "TEKNOFEST",
    students: [{ grade: "11", girls: 1, boys: 3 }],
  };
}

/** Start bench/server.ts in its own Node process; resolves with its base URL once it listens. */
export async function startServer(root: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "bench/server.ts")], {
    cwd: root,
    // The production log level: one JSON line per request (to /dev/null here).
    env: { ...process.env, PORT: String(port), BIGEP_LOG_LEVEL: "INFO" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error("API server did not start in 60 s")), 60_000);
    child.once("message", () => {
      clearTimeout(timer);
      ready();
    });
    child.once("exit", (code) => fail(new Error(`API server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

/** One DynamoDB call: what was sent, and when it started and ended (for the app's concurrency). */
type Recorded = { operation: string; input: Record<string, unknown>; start: number; end: number };
let recording: Recorded[] | undefined;
let recorderAdded = false;

/** Record every DynamoDB call of the core's client at the wire level (operation + JSON body). */
function addRecorder(): void {
  if (recorderAdded) return;
  recorderAdded = true;
  dynamo().middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      const target = request.headers?.["x-amz-target"];
      if (recording && target) {
        // The SDK's JSON protocol serialises to a string or, in newer versions, to bytes.
        const body = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : String(request.body);
        const call: Recorded = {
          operation: target.split(".")[1] as string,
          input: JSON.parse(body),
          start: performance.now(),
          end: Number.POSITIVE_INFINITY,
        };
        recording.push(call);
        const result = await next(args);
        call.end = performance.now();
        return result;
      }
      return next(args);
    },
    { step: "build", name: "benchRecorder" },
  );
}

let replayNo = 0;

/** Moves a replayed item to fresh partitions (base and index keys), so it is a new item as the app's was. */
function freshKeys(item: Record<string, { S?: string }> | undefined): void {
  if (!item) return;
  const n = ++replayNo;
  for (const key of [table.partitionKey, ...table.indexes.map((index) => index.partitionKey)]) {
    const value = item[key];
    if (value?.S) value.S += `#replay${n}`;
  }
}

/**
 * Replay recorded calls with a bare SDK client. Every put (alone or in a transaction) writes a new
 * item in fresh partitions, as the app's did, so its conditions pass and it does not join the
 * app's data (an evidence record replayed into the activity's index would count as pending).
 * A transaction drops its recorded `ClientRequestToken`: DynamoDB answers a repeated token as an
 * idempotent retry and writes nothing, which would make the baseline a no-op.
 * The app's concurrency is kept: a call starts once every call that had ended before it started
 * in the recording has ended (calls made one after another replay one after another; a page that
 * reads its rows with Promise.all replays them side by side).
 */
async function replay(client: ddb.DynamoDBClient, calls: Recorded[]): Promise<void> {
  type AnyCommand = Parameters<ddb.DynamoDBClient["send"]>[0];
  type Item = Record<string, { S?: string }>;
  const done: Promise<unknown>[] = [];
  for (const call of calls) {
    const input = structuredClone(call.input) as {
      Item?: Item;
      ClientRequestToken?: string;
      TransactItems?: { Put?: { Item?: Item } }[];
    };
    if (call.operation === "PutItem") freshKeys(input.Item);
    if (call.operation === "TransactWriteItems") {
      delete input.ClientRequestToken;
      for (const item of input.TransactItems ?? []) freshKeys(item.Put?.Item);
    }
    const Command = (ddb as unknown as Record<string, new (input: unknown) => AnyCommand>)[`${call.operation}Command`];
    if (!Command) throw new Error(`replay: no SDK command for ${call.operation}`);
    const before = calls.flatMap((other, j) => (other.end <= call.start ? [done[j]] : []));
    done.push(Promise.all(before).then(() => client.send(new Command(input))));
  }
  await Promise.all(done);
}

type Request = { method: string; path: string; body?: unknown; headers?: Record<string, string> };

/**
 * The client both sides use: the replay goes through the SDK's handler, which is `node:http` with
 * a keep-alive agent, so the API is called the same way. (Node's global `fetch`, undici, cost
 * ≈ 0.3–0.6 ms more per request on this machine in the client alone, which is not the API's.)
 */
const agent = new Agent({ keepAlive: true });

function call(
  base: string,
  headers: Record<string, string>,
  request: Request,
): Promise<{ status: number; body: string }> {
  const body = request.body ? JSON.stringify(request.body) : undefined;
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      `${base}${request.path}`,
      {
        method: request.method,
        agent,
        headers: {
          ...headers,
          ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
          ...request.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

export async function apiBench(
  root: string,
  seeded: Seeded,
  options: { iterations: number; loadSeconds: number; clients: number },
): Promise<Result[]> {
  const results: Result[] = [];
  const year = seeded.year;
  const biggest = [...seeded.schools].sort((a, b) => b.total - a.total)[0] as SeededSchool;
  const measurer = await signedIn(biggest);
  const server = await startServer(root);
  try {
    const base = server.url;
    // An activity takes at most 20 uploads waiting for verification (evidence.ts): presigns
    // move to a fresh draft every 19, so every measured request is a 201.
    const presigns = Math.min(20, Math.ceil(options.iterations / 5)) + options.iterations + 2;
    const drafts: string[] = [];
    for (let i = 0; i < Math.ceil(presigns / 19); i++) {
      const created = await call(base, measurer, {
        method: "POST",
        path: "/api/activities",
        body: activityBody(biggest.code, year, `Ölçüm taslağı ${i + 1}`),
      });
      if (created.status !== 201) throw new Error(`create draft: ${created.status} ${created.body}`);
      drafts.push((JSON.parse(created.body) as { id: string }).id);
    }
    let presigned = 0;
    let sample = 0;
    const operations: { name: string; request: () => Request; as?: Record<string, string> }[] = [
      {
        name: "get an activity",
        request: () => ({ method: "GET", path: `/api/activities/${biggest.sample[sample++ % biggest.sample.length]}` }),
      },
      {
        name: "a page of a school's activities",
        request: () => ({ method: "GET", path: `/api/activities?school=${biggest.code}&year=${year}&limit=25` }),
      },
      {
        name: "a district review queue",
        request: () => ({
          method: "GET",
          path: `/api/activities?district=${biggest.districtId}&year=${year}&status=submitted&limit=25`,
        }),
      },
      ...(await programmeOperations(seeded)),
      {
        name: "presign an upload",
        request: () => ({
          method: "POST",
          path: `/api/activities/${drafts[Math.floor(presigned++ / 19)]}/evidence`,
          body: { fileName: "etkinlik.jpg", contentType: "image/jpeg", size: 250_000 },
        }),
      },
    ];

    // Record each operation's DynamoDB calls once, warm (caches as in steady state).
    addRecorder();
    const { app } = await import("../packages/functions/src/api/app");
    const direct = new ddb.DynamoDBClient({
      region: config().region,
      ...(config().dynamoEndpoint ? { endpoint: config().dynamoEndpoint } : {}),
      maxAttempts: 3,
    });
    for (const operation of operations) {
      const invoke = async () => {
        const r = operation.request();
        const response = await app.request(r.path, {
          method: r.method,
          headers: { ...(operation.as ?? measurer), ...(r.body ? { "content-type": "application/json" } : {}) },
          ...(r.body ? { body: JSON.stringify(r.body) } : {}),
        });
        if (response.status >= 300) throw new Error(`${operation.name}: ${response.status} ${await response.text()}`);
      };
      await invoke();
      recording = [];
      await invoke();
      const calls = recording;
      recording = undefined;

      const apiMs: number[] = [];
      const directMs: number[] = [];
      const warmup = Math.min(20, Math.ceil(options.iterations / 5));
      for (let i = 0; i < warmup + options.iterations; i++) {
        let started = performance.now();
        const response = await call(base, operation.as ?? measurer, operation.request());
        const apiTime = performance.now() - started;
        if (response.status >= 300) throw new Error(`${operation.name}: HTTP ${response.status} ${response.body}`);
        started = performance.now();
        await replay(direct, calls);
        const directTime = performance.now() - started;
        if (i >= warmup) {
          apiMs.push(apiTime);
          directMs.push(directTime);
        }
      }
      const kinds = new Map<string, number>();
      for (const c of calls) kinds.set(c.operation, (kinds.get(c.operation) ?? 0) + 1);
      const what = [...kinds].map(([op, n]) => (n > 1 ? `${op} ×${n}` : op)).join(" + ");
      const note = `${options.iterations} requests over HTTP vs the same ${calls.length} DynamoDB call(s) (${what}) replayed with the SDK in the app's order and concurrency, interleaved`;
      results.push(
        ratioResult(
          "api overhead",
          `${operation.name}: p50`,
          quantile(apiMs, 0.5),
          "ms",
          quantile(directMs, 0.5),
          budgets.p50Ratio,
          note,
        ),
        info("api overhead", `${operation.name}: p99`, quantile(apiMs, 0.99), "ms", quantile(directMs, 0.99)),
      );
    }
    direct.destroy();

    results.push(...(await load(base, seeded, options)));
  } finally {
    server.process.kill("SIGTERM");
  }
  return results;
}

/** The request mix of one load client: mostly reads, a quarter writes. */
// biome-ignore format: a table
const mix: readonly (readonly [string, number])[] = [
  ["get", 40], ["school page", 20], ["district queue", 10], ["create", 12], ["update", 12], ["presign", 6],
];

export async function load(
  base: string,
  seeded: Seeded,
  options: { loadSeconds: number; clients: number },
): Promise<Result[]> {
  const year = seeded.year;
  const schools = seeded.schools.filter((s) => s.sample.length > 0);
  const clients: Client[] = [];
  for (let i = 0; i < options.clients; i++) {
    const school = schools[i % schools.length] as SeededSchool;
    const headers = await signedIn(school);
    const title = `Yük taslağı ${i}`;
    const response = await call(base, headers, {
      method: "POST",
      path: "/api/activities",
      body: activityBody(school.code, year, title),
    });
    if (response.status !== 201) throw new Error(`load setup: ${response.status} ${response.body}`);
    const body = JSON.parse(response.body) as { id: string; version: number };
    clients.push({ headers, school, draft: { id: body.id, version: body.version, title } });
  }

  const statuses = new Map<number, number>();
  const latencies = new Map<string, number[]>();
  const createdIds: string[] = [];
  const evidenceIds: string[] = [];
  let updates = 0;
  let networkErrors = 0;
  const total = mix.reduce((s, [, w]) => s + w, 0);
  const started = performance.now();
  const deadline = started + options.loadSeconds * 1000;

  const run = async (client: Client, index: number) => {
    let n = 0;
    while (performance.now() < deadline) {
      n += 1;
      let r = ((index * 7919 + n * 104729) % 1000) / 1000;
      let kind = "get";
      for (const [name, weight] of mix) {
        r -= weight / total;
        if (r < 0) {
          kind = name;
          break;
        }
      }
      const s = client.school;
      let request: Request;
      if (kind === "get") request = { method: "GET", path: `/api/activities/${s.sample[n % s.sample.length]}` };
      else if (kind === "school page") {
        request = { method: "GET", path: `/api/activities?school=${s.code}&year=${year}&limit=25` };
      } else if (kind === "district queue") {
        request = {
          method: "GET",
          path: `/api/activities?district=${s.districtId}&year=${year}&status=submitted&limit=25`,
        };
      } else if (kind === "create") {
        request = {
          method: "POST",
          path: "/api/activities",
          body: activityBody(s.code, year, `Yük kaydı ${index}-${n}`),
        };
      } else if (kind === "update") {
        request = {
          method: "PATCH",
          path: `/api/activities/${client.draft.id}`,
          headers: { "if-match": `"${client.draft.version}"` },
          body: { title: `Yük taslağı ${index} sürüm ${client.draft.version + 1}` },
        };
      } else {
        request = {
          method: "POST",
          path: `/api/activities/${client.draft.id}/evidence`,
          body: { fileName: `yuk-${n}.jpg`, contentType: "image/jpeg", size: 180_000 },
        };
      }
      const t = performance.now();
      let response: Awaited<ReturnType<typeof call>>;
      try {
        response = await call(base, client.headers, request);
      } catch {
        networkErrors += 1;
        continue;
      }
      const ms = performance.now() - t;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const list = latencies.get(kind) ?? [];
      list.push(ms);
      latencies.set(kind, list);
      if (kind === "create" && response.status === 201)
        createdIds.push((JSON.parse(response.body) as { id: string }).id);
      if (kind === "presign" && response.status === 201) {
        evidenceIds.push((JSON.parse(response.body) as { evidence: { id: string } }).evidence.id);
      }
      if (kind === "update" && response.status === 200) {
        const body = JSON.parse(response.body) as { version: number; title: string };
        client.draft = { id: client.draft.id, version: body.version, title: body.title };
        updates += 1;
      }
    }
  };
  await Promise.all(clients.map((client, index) => run(client, index)));
  const seconds = (performance.now() - started) / 1000;

  // Read every acknowledged write back, straight from the table.
  let missing = 0;
  const checks: (() => Promise<void>)[] = [
    ...createdIds.map((id) => async () => {
      if (!(await loadActivity(id))) missing += 1;
    }),
    ...evidenceIds.map((id) => async () => {
      const { data } = await evidenceEntity().get({ evidenceId: id }).go();
      if (!data) missing += 1;
    }),
    ...clients.map((client) => async () => {
      const stored = await loadActivity(client.draft.id);
      if (!stored || stored.version !== client.draft.version || stored.title !== client.draft.title) missing += 1;
    }),
  ];
  for (let at = 0; at < checks.length; at += 16) await Promise.all(checks.slice(at, at + 16).map((check) => check()));

  const requests = [...statuses.values()].reduce((a, b) => a + b, 0);
  const fivexx = [...statuses].filter(([status]) => status >= 500).reduce((n, [, count]) => n + count, 0);
  const statusText = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, c]) => `${s}×${c}`)
    .join(", ");
  const acknowledged = createdIds.length + evidenceIds.length + updates;
  const group = "load";
  const results: Result[] = [
    info(
      group,
      "requests per second",
      requests / seconds,
      "req/s",
      null,
      `${options.clients} clients for ${options.loadSeconds} s; statuses ${statusText}`,
    ),
    maxResult(group, "5xx responses", fivexx, "count", 0, `of ${requests} requests`),
    maxResult(group, "network errors", networkErrors, "count", 0),
    info(
      group,
      "acknowledged writes",
      acknowledged,
      "count",
      null,
      `${createdIds.length} creates, ${updates} edits, ${evidenceIds.length} upload starts`,
    ),
    maxResult(
      group,
      "acknowledged writes missing afterwards",
      missing,
      "count",
      0,
      "every acknowledged write read back from the table",
    ),
  ];
  for (const [kind] of mix) {
    const samples = latencies.get(kind) ?? [];
    if (samples.length === 0) continue;
    results.push(
      info(group, `${kind}: p50 under load`, quantile(samples, 0.5), "ms", null, `${samples.length} requests`),
      info(group, `${kind}: p99 under load`, quantile(samples, 0.99), "ms"),
    );
  }
  return results;
}
