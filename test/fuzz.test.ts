/**
 * Property-based fuzzing of every operation in /api/openapi.json (read from the served document,
 * so operations added by any domain are fuzzed without editing this file). Each case sends hostile
 * path and query parameters, headers and bodies (shaped from the operation's schema with hostile
 * leaves, raw invalid JSON, prototype-pollution keys, huge and deep bodies, wrong content types)
 * as an anonymous, an in-scope or an out-of-scope caller through `app.request` against DynamoDB
 * Local; two cases in five are instead well-formed requests (real identifiers, schema-valid query,
 * headers and body: `validRequestArb`), which get past validation into the handlers and the store.
 * Every answer must be a 2xx/3xx or a 4xx with a code and a message; never a 5xx. A refused
 * request must write nothing: each DynamoDB write is counted per request (a middleware on the one
 * client) and the whole table is read before and after each operation's run.
 *
 * Budget: `BIGEP_FUZZ_RUNS` cases in all (default 2,000, spread over the operations); `npm run
 * fuzz` runs 20,000. `BIGEP_FUZZ_SEED` replays a run (the seed is printed on failure).
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { withActor } from "../packages/core/src/actor";
import { dynamo } from "../packages/core/src/db";
import { Session } from "../packages/core/src/identity";
import { config } from "../packages/core/src/util/config";
import { app } from "../packages/functions/src/api/app";
import { type TestUser, userWith } from "./helpers/auth";
import { activityBody, karesiSchools } from "./helpers/fixtures";
import {
  type Doc,
  fromSchema,
  headerSafe,
  hostileString,
  type Operation,
  operationsOf,
  plausible,
  rawJsonBodies,
  valid,
  wrongContentTypes,
} from "./helpers/fuzz";

const totalRuns = Number(process.env.BIGEP_FUZZ_RUNS ?? 2000);
const seed = Number(process.env.BIGEP_FUZZ_SEED ?? Date.now() % 2 ** 31);
const year = "2026-2027";

/**
 * Items a refused request may legitimately write: the sign-in rate counters and a code's attempt
 * counter exist to count refused requests (a wrong code must use up an attempt), and a wrong code
 * for a well-formed address is audited (OWASP ASVS V16: failed authentication is logged), filed
 * under that address.
 */
const writtenOnRefusal = ["$ratecounter_", "$signincode_", "$bigep#entitytype_email#"];

const writeCommands = new Set([
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "BatchWriteItemCommand",
  "TransactWriteItemsCommand",
  "PutCommand",
  "UpdateCommand",
  "DeleteCommand",
  "BatchWriteCommand",
  "TransactWriteCommand",
]);

/** Writes that reached DynamoDB since the last reset, as the keys they wrote. */
let writes: string[] = [];

let doc: Doc;
let operations: Operation[] = [];
let inScope: TestUser;
let outScope: TestUser;
/** Real identifiers, so some cases reach past the "not found" checks into the handlers. */
let realIds: string[] = [];

type Caller = "anonymous" | "inScope" | "outScope" | "garbage";
type FuzzRequest = {
  caller: Caller;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: { contentType?: string; text: string };
};

async function fullTable(): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({ TableName: config().tableName, ...(start ? { ExclusiveStartKey: start as never } : {}) }),
    );
    for (const item of page.Items ?? []) {
      const key = `${item.pk?.S}|${item.sk?.S}`;
      if (!writtenOnRefusal.some((p) => key.includes(p))) items.set(key, JSON.stringify(item));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

function keysOf(input: Record<string, unknown>): string[] {
  const items = (input.TransactItems as Record<string, { Item?: unknown; Key?: unknown }>[] | undefined) ?? [];
  const fromTx = items.flatMap((t) =>
    Object.entries(t)
      .filter(([kind]) => kind !== "ConditionCheck")
      .map(([, w]) => w),
  );
  const batches = Object.values((input.RequestItems as Record<string, unknown[]> | undefined) ?? {}).flat();
  return [input, ...fromTx, ...batches].map((w) => {
    const { Item, Key } = w as { Item?: unknown; Key?: unknown };
    return JSON.stringify(Key ?? Item ?? "");
  });
}

function countWrites() {
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const name = (context as { commandName?: string }).commandName ?? "";
      if (writeCommands.has(name)) {
        writes.push(...keysOf(args.input as Record<string, unknown>).filter((k) => k !== '""'));
      }
      return result;
    },
    { step: "initialize", name: "fuzzWriteCounter" },
  );
}

const caller = fc.constantFrom<Caller>("anonymous", "inScope", "outScope", "garbage");

/** Percent-encodes the UTF-8 bytes of `v` (lone surrogates as U+FFFD, as a browser sends them). */
function percentEncoded(v: string): string {
  return [...Buffer.from(v, "utf8")]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, "0").toUpperCase()}`,
    )
    .join("");
}

function pathParam(name: string): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 2, arbitrary: fc.constantFrom(...realIds) },
      { weight: 3, arbitrary: hostileString.filter((s) => s.length > 0) },
    )
    .map((v) => (name ? percentEncoded(v) : v));
}

function queryArb(op: Operation): fc.Arbitrary<[string, string][]> {
  const declared = (op.op.parameters ?? []).filter((p) => p.in === "query");
  const values = declared.map((p) =>
    fc
      .option(
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.constantFrom(...realIds, year, "10", "school:710204", "district:10-karesi", "teacher"),
          },
          { weight: 2, arbitrary: hostileString },
        ),
        { nil: undefined, freq: 4 },
      )
      .map((v) => (v === undefined ? undefined : ([p.name, v] as [string, string]))),
  );
  const extra = fc.array(
    fc.tuple(fc.constantFrom("__proto__", "constructor", "limit", "cursor", "a[b]"), hostileString),
    {
      maxLength: 2,
    },
  );
  return fc
    .tuple(fc.tuple(...values), extra)
    .map(([known, more]) => [...known.filter((v): v is [string, string] => v !== undefined), ...more]);
}

function headersArb(op: Operation): fc.Arbitrary<Record<string, string>> {
  const names = (op.op.parameters ?? []).filter((p) => p.in === "header").map((p) => p.name);
  return fc
    .record(
      {
        ...Object.fromEntries(
          names.map((n) => [n, fc.oneof(fc.constantFrom('"1"', 'W/"1"', "1", "*"), hostileString)]),
        ),
        "x-forwarded-for": hostileString,
        "accept-language": hostileString,
        "idempotency-key": hostileString,
        cookie: fc.oneof(
          hostileString,
          hostileString.map((s) => `bigep_at=${s}; bigep_rt=${s}; bigep_sc=${s}`),
        ),
      },
      { requiredKeys: [] },
    )
    .map((h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, headerSafe(v)])));
}

function bodyArb(op: Operation): fc.Arbitrary<FuzzRequest["body"]> {
  const content = op.op.requestBody?.content ?? {};
  const [declared, media] = Object.entries(content)[0] ?? ["application/json", { schema: undefined }];
  const isJson = declared.includes("json");
  const shaped = isJson
    ? fc
        .oneof(
          { weight: 1, arbitrary: fromSchema(doc, media.schema) },
          { weight: 1, arbitrary: plausible(doc, media.schema, realIds) },
          // Schema-valid bodies reach past validation into the handlers and the store
          { weight: 2, arbitrary: valid(doc, media.schema, realIds) },
        )
        .map((v) => ({ contentType: declared, text: JSON.stringify(v) ?? "null" }))
    : hostileCsv.map((text) => ({ contentType: declared, text }));
  return fc.oneof(
    { weight: op.op.requestBody ? 6 : 1, arbitrary: shaped },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...rawJsonBodies).map((text) => ({ contentType: "application/json", text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...wrongContentTypes), fc.constantFrom("{}", "a=b", "x".repeat(1000)))
        .map(([contentType, text]) => ({ ...(contentType ? { contentType } : {}), text })),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** CSV with the right header sometimes and hostile cells. */
const hostileCsv = fc
  .tuple(
    fc.constantFrom(
      "ad_soyad,eposta,rol",
      "il_kodu,ilce_adi",
      "kurum_kodu,okul_adi,kademe,tur,ilce,eposta",
      "",
      "\ufeffa;b",
    ),
    fc.array(
      fc.array(
        hostileString.map((s) => s.slice(0, 200)),
        { maxLength: 6 },
      ),
      { maxLength: 4 },
    ),
  )
  .map(([header, rows]) => [header, ...rows.map((r) => r.join(","))].join("\n"));

/**
 * A request as a well-behaved client sends it: a signed-in caller (in scope or not), real
 * identifiers in the path, declared query parameters and headers valid for their schemas, a
 * schema-valid JSON body. It passes validation, so the case exercises the handler, the access
 * policy and the store (the hostile cases mostly stop at validation).
 */
function validRequestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const params = op.op.parameters ?? [];
  const validOf = (p: (typeof params)[number]) =>
    valid(doc, p.schema, realIds).map((v) => (v === undefined || v === null ? undefined : String(v)));
  const optional = (p: (typeof params)[number]) =>
    p.required ? validOf(p) : fc.option(validOf(p), { nil: undefined, freq: 2 });
  const query = fc
    .tuple(...params.filter((p) => p.in === "query").map((p) => optional(p).map((v) => [p.name, v] as const)))
    .map((pairs) => pairs.filter((pair): pair is [string, string] => pair[1] !== undefined));
  const headers = fc
    .tuple(...params.filter((p) => p.in === "header").map((p) => optional(p).map((v) => [p.name, v] as const)))
    .map((pairs) =>
      Object.fromEntries(pairs.filter((pair) => pair[1] !== undefined).map(([k, v]) => [k, headerSafe(v ?? "")])),
    );
  const content = op.op.requestBody?.content ?? {};
  const [declared, media] = Object.entries(content)[0] ?? [undefined, undefined];
  const body: fc.Arbitrary<FuzzRequest["body"]> =
    declared?.includes("json") && media
      ? valid(doc, media.schema, realIds).map((v) => ({ contentType: declared, text: JSON.stringify(v) ?? "null" }))
      : fc.constant(undefined);
  return fc
    .record({
      caller: fc.constantFrom<Caller>("inScope", "outScope"),
      // A real identifier that fits the parameter's pattern, else any value valid for it
      params: fc.tuple(
        ...names.map((name) => {
          const p = params.find((x) => x.in === "path" && x.name === name);
          const pattern = p?.schema?.pattern ? new RegExp(p.schema.pattern, "u") : undefined;
          const fitting = realIds.filter((id) => !pattern || pattern.test(id));
          return fitting.length ? fc.constantFrom(...fitting) : p ? validOf(p).map((v) => v ?? "x") : fc.constant("x");
        }),
      ),
      query,
      headers,
      body,
    })
    .map(({ caller, params, query, headers, body }) => {
      let i = 0;
      const path = op.path.replace(/\{(\w+)\}/g, () => params[i++] ?? "x");
      return { caller, path, query, headers, ...(body ? { body } : {}) };
    });
}

function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  return fc.oneof({ weight: 3, arbitrary: hostileRequestArb(op) }, { weight: 2, arbitrary: validRequestArb(op) });
}

function hostileRequestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  return fc
    .record({
      caller,
      params: fc.tuple(...names.map((n) => pathParam(n))),
      query: queryArb(op),
      headers: headersArb(op),
      body: bodyArb(op),
    })
    .map(({ caller, params, query, headers, body }) => {
      let i = 0;
      const path = op.path.replace(/\{(\w+)\}/g, () => params[i++] ?? "x");
      return { caller, path, query, headers, ...(body ? { body } : {}) };
    });
}

async function send(op: Operation, r: FuzzRequest) {
  const search = new URLSearchParams(r.query).toString();
  const auth =
    r.caller === "inScope"
      ? inScope.headers
      : r.caller === "outScope"
        ? outScope.headers
        : r.caller === "garbage"
          ? { authorization: `Bearer ${headerSafe(r.path)}` }
          : {};
  const headers: Record<string, string> = { ...r.headers, ...auth };
  if (r.body?.contentType) headers["content-type"] = headerSafe(r.body.contentType);
  return app.request(`${r.path}${search ? `?${search}` : ""}`, {
    method: op.method,
    headers,
    ...(r.body && op.method !== "GET" ? { body: r.body.text } : {}),
  });
}

/** Describes a case in a failure message, without its megabytes. */
function describeCase(op: Operation, r: FuzzRequest, status: number, text: string) {
  const short = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}…(${s.length})` : s);
  return `${op.key} as ${r.caller}: ${status} ${short(text)} | path=${short(r.path)} query=${short(JSON.stringify(r.query))} body=${short(r.body?.text ?? "")} ct=${r.body?.contentType ?? "-"}`;
}

async function freshSessions() {
  await withActor({ actor: { type: "system", reason: "fuzz sessions" }, requestId: "fuzz" }, async () => {
    for (const user of [inScope, outScope]) {
      const tokens = await Session.open({ userId: user.userId, provider: "test" });
      user.headers = { authorization: `Bearer ${tokens.accessToken}` };
    }
  });
}

beforeAll(async () => {
  await karesiSchools(["710204", "710205"]);
  inScope = await userWith([{ role: "teacher", scope: { type: "school", id: "710204" } }]);
  outScope = await userWith([{ role: "principal", scope: { type: "school", id: "710205" } }]);
  const activity = await app.request("/api/activities", {
    method: "POST",
    headers: { ...inScope.headers, "content-type": "application/json" },
    body: JSON.stringify(activityBody("710204", year)),
  });
  expect(activity.status).toBe(201);
  const activityId = ((await activity.json()) as { id: string }).id;
  const evidence = await app.request(`/api/activities/${activityId}/evidence`, {
    method: "POST",
    headers: { ...inScope.headers, "content-type": "application/json" },
    body: JSON.stringify({ fileName: "foto.jpg", contentType: "image/jpeg", size: 1000 }),
  });
  expect(evidence.status).toBe(201);
  const evidenceId = ((await evidence.json()) as { evidence: { id: string } }).evidence.id;
  realIds = [activityId, evidenceId, "710204", "710205", "10", "10-karesi", inScope.userId, outScope.userId];
  doc = (await (await app.request("/api/openapi.json")).json()) as Doc;
  operations = operationsOf(doc);
  countWrites();
});

describe("fuzzing every operation of the OpenAPI document", () => {
  it(
    "answers hostile input with a 4xx and a message, never a 5xx, and writes nothing it refused",
    async () => {
      // Prepare
      expect(operations.length).toBeGreaterThan(40);
      const perOperation = Math.max(5, Math.ceil(totalRuns / operations.length));
      const problems: string[] = [];
      let cases = 0;
      const statuses = new Map<number, number>();
      const callers = new Map<string, number>();

      for (const op of operations) {
        // Logout and session deletion may end a caller's session: each operation starts with fresh ones.
        await freshSessions();
        const before = await fullTable();
        let accepted = 0;
        // Act
        await fc.assert(
          fc.asyncProperty(requestArb(op), async (r) => {
            writes = [];
            const res = await send(op, r);
            const text = await res.text();
            cases += 1;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            // Assess, per case
            if (res.status >= 500) problems.push(describeCase(op, r, res.status, text));
            if (res.status >= 400 && res.status < 500) {
              let body: { code?: unknown; message?: unknown } = {};
              try {
                body = JSON.parse(text) as typeof body;
              } catch {}
              if (typeof body.code !== "string" || typeof body.message !== "string" || body.message === "") {
                problems.push(`no code/message: ${describeCase(op, r, res.status, text)}`);
              }
              const wrote = writes.filter((k) => !writtenOnRefusal.some((p) => k.includes(p)));
              if (wrote.length > 0)
                problems.push(`wrote ${wrote.join(" ")} on: ${describeCase(op, r, res.status, text)}`);
            } else accepted += 1;
            callers.set(`${r.caller} ${res.status}`, (callers.get(`${r.caller} ${res.status}`) ?? 0) + 1);
          }),
          { numRuns: perOperation, seed, endOnFailure: true },
        );
        // Assess, per operation: nothing refused changed the table
        if (accepted === 0) {
          const after = await fullTable();
          const changed = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
          const gone = [...before.keys()].filter((k) => !after.has(k));
          if (changed.length + gone.length > 0)
            problems.push(`${op.key}: table changed (${[...changed, ...gone].join(" ")})`);
        }
      }

      // Assess: every problem at once, each with the case that shows it (seed to replay)
      expect([...new Set(problems)].slice(0, 30), `seed ${seed}, ${cases} cases`).toEqual([]);
      expect(cases).toBeGreaterThanOrEqual(Math.min(totalRuns, operations.length * perOperation));
      console.info(
        `fuzz: ${cases} cases over ${operations.length} operations, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      console.info(`fuzz by caller: ${JSON.stringify(Object.fromEntries([...callers].sort()))}`);
    },
    Math.max(600_000, totalRuns * 150),
  );
});
