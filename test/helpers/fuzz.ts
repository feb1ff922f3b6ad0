/**
 * Generators for the API fuzzer (test/fuzz.test.ts): hostile values and requests built from the
 * served OpenAPI document, so an operation added by any domain is fuzzed without editing them.
 */
import fc from "fast-check";

/** What the fuzzer needs of an OpenAPI operation. */
export type OpenApiSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  additionalProperties?: boolean | OpenApiSchema;
  example?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  const?: unknown;
};
export type OpenApiOperation = {
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean; schema?: OpenApiSchema }[];
  requestBody?: { content: Record<string, { schema?: OpenApiSchema }> };
};
export type Operation = { key: string; method: string; path: string; op: OpenApiOperation };
export type Doc = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas?: Record<string, OpenApiSchema> };
};

/** Every operation of the document. */
export function operationsOf(doc: Doc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      op,
    })),
  );
}

/** Strings that have broken systems like this one: keys, Turkish case, bidi, control, injections. */
export const nastyStrings = [
  "",
  " ",
  "İ",
  "ı",
  "İSTANBUL ılık",
  "i̇",
  "\u202eexe.gpj",
  "\u200b\u200d\ufeff",
  "\u0000",
  "\ud800",
  "#",
  "a#b",
  "USER#x",
  "$bigep#user_1",
  "school#710204",
  "pk",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "../../etc/passwd",
  "..%2F..%2F",
  "%00",
  "' OR '1'='1",
  '"; DROP TABLE x; --',
  "<script>alert(1)</script>",
  `\${7*7}`, // template injection, as text
  "{{7*7}}",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "9007199254740993",
  "0x10",
  "true",
  "2026-02-30",
  "2026-2027",
  "9999-9999",
  "national",
  "school:710204",
  "province:10",
  "district:10-karesi",
  'W/"1"',
  '"1"',
  "*",
  "a".repeat(65),
  "ş".repeat(300),
  "İ".repeat(5_000),
  "x".repeat(70_000),
];

/** A hostile string: one of the list, a random one, or a mix of both. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...nastyStrings.slice(0, 40)), fc.string({ maxLength: 8 }))
      .map(([a, b]) => a + b),
  },
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31),
);

/** Any JSON value, shallow, of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

/**
 * Values close to valid for `schema`: every property, examples, enums, formats and the given real
 * identifiers, with now and then one hostile leaf. These reach past validation into the handlers.
 */
export function plausible(
  doc: Doc,
  schema: OpenApiSchema | undefined,
  real: string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (!s || depth > 4) return hostileValue;
  const alternatives = s.anyOf ?? s.oneOf;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  let value: fc.Arbitrary<unknown>;
  if (alternatives?.length) value = fc.oneof(...alternatives.map((a) => plausible(doc, a, real, depth + 1)));
  else if (s.allOf?.length) value = plausible(doc, s.allOf[0], real, depth + 1);
  else if (s.enum?.length) value = fc.constantFrom(...s.enum);
  else if (type === "object" || s.properties) {
    const props = Object.entries(s.properties ?? {});
    value = fc.record(Object.fromEntries(props.map(([k, v]) => [k, plausible(doc, v, real, depth + 1)])));
  } else if (type === "array")
    value = fc.array(plausible(doc, s.items, real, depth + 1), { minLength: 1, maxLength: 3 });
  else if (type === "string") {
    const known = [
      ...(typeof s.example === "string" ? [s.example] : []),
      ...(s.format === "email" ? ["fuzz.kisi@bigep.local"] : []),
      ...(s.format === "date" ? ["2026-10-01"] : []),
      ...real,
    ];
    value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: hostileString });
  } else if (type === "number" || type === "integer") {
    value = fc.oneof(
      fc.integer({ min: Math.max(s.minimum ?? 0, -1000), max: Math.min(s.maximum ?? 100, 1_000_000) }),
      ...(typeof s.example === "number" ? [fc.constant(s.example)] : []),
    );
  } else if (type === "boolean") value = fc.boolean();
  else value = s.example !== undefined ? fc.constant(s.example) : hostileValue;
  return fc.oneof({ weight: 12, arbitrary: value }, { weight: 1, arbitrary: hostileValue });
}

/**
 * Values valid for `schema` as the OpenAPI document states it: required properties always, the
 * others sometimes; enums and consts; strings of the declared format, pattern and length (real
 * identifiers, examples and Turkish text where they fit); numbers in range; arrays within their item
 * counts. Nothing hostile: these pass request validation, so the fuzzer reaches the handlers,
 * the access policy and the store behind them (where the deeper bugs are).
 */
export function valid(doc: Doc, schema: OpenApiSchema | undefined, real: string[], depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (!s) return fc.constant({});
  if (s.const !== undefined) return fc.constant(s.const);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valid(doc, a, real, depth + 1)));
  if (s.allOf?.length) return valid(doc, s.allOf[0], real, depth + 1);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const type = types.find((t) => t !== "null") ?? (s.properties ? "object" : types[0]);
  if (type === "object") {
    const props = Object.entries(s.properties ?? {});
    const required = new Set(s.required ?? []);
    // Deep optional structures are left out past a depth: required ones are always generated
    const kept = depth > 5 ? props.filter(([k]) => required.has(k)) : props;
    return fc.record(Object.fromEntries(kept.map(([k, v]) => [k, valid(doc, v, real, depth + 1)])), {
      requiredKeys: kept.map(([k]) => k).filter((k) => required.has(k)),
    });
  }
  if (type === "array") {
    const min = s.minItems ?? 0;
    return fc.array(valid(doc, s.items, real, depth + 1), {
      minLength: min,
      maxLength: Math.min(s.maxItems ?? min + 3, min + 3),
    });
  }
  if (type === "string") {
    const min = s.minLength ?? 0;
    const max = Math.min(s.maxLength ?? 200, Math.max(min, 200));
    const fits = (v: string) =>
      v.length >= min && v.length <= max && (!s.pattern || new RegExp(s.pattern, "u").test(v));
    const known = [
      ...(typeof s.example === "string" ? [s.example] : []),
      ...real,
      "2026-2027",
      "İstanbul Işık Ünlü Çağ Şölen Göğüs",
    ].filter(fits);
    let generated: fc.Arbitrary<string> | undefined;
    if (s.format === "email") generated = fc.nat(9999).map((n) => `fuzz.kisi${n}@bigep.local`);
    else if (s.format === "date")
      generated = fc
        .date({ min: new Date("2024-09-01"), max: new Date("2028-08-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    else if (s.format === "date-time")
      generated = fc
        .date({ min: new Date("2024-09-01"), max: new Date("2028-08-31"), noInvalidDate: true })
        .map((d) => d.toISOString());
    else if (s.format === "uri" || s.format === "url") generated = fc.webUrl();
    // A pattern (ids, codes, years) is met by the real identifiers and examples that fit it:
    // generating from the regex (fc.stringMatching) with the length filter stalled the run.
    else if (s.pattern) generated = undefined;
    else generated = fc.string({ unit: "grapheme", minLength: Math.max(min, 1), maxLength: Math.min(max, min + 30) });
    const options = [
      ...(known.length ? [{ weight: 1, arbitrary: fc.constantFrom(...known) }] : []),
      ...(generated ? [{ weight: 2, arbitrary: generated.filter(fits) }] : []),
    ];
    return options.length ? fc.oneof(...options) : fc.constant("x".repeat(Math.max(min, 1)));
  }
  if (type === "integer" || type === "number") {
    const low =
      typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : (s.minimum ?? (type === "integer" ? 0 : 0));
    const high =
      typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum - 1 : (s.maximum ?? Math.max(low, 0) + 1000);
    return fc.integer({ min: Math.ceil(Math.max(low, -1e9)), max: Math.floor(Math.min(high, 1e9)) });
  }
  if (type === "boolean") return fc.boolean();
  if (type === "null") return fc.constant(null);
  return s.example !== undefined ? fc.constant(s.example) : fc.constant(null);
}

/** Values shaped like `schema` (its properties, enums and types) with hostile leaves, sometimes of the wrong type. */
export function fromSchema(doc: Doc, schema: OpenApiSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (!s || depth > 4) return hostileValue;
  let shaped: fc.Arbitrary<unknown>;
  const alternatives = s.anyOf ?? s.oneOf;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (alternatives?.length) shaped = fc.oneof(...alternatives.map((a) => fromSchema(doc, a, depth + 1)));
  else if (s.allOf?.length) shaped = fromSchema(doc, s.allOf[0], depth + 1);
  else if (s.enum?.length) shaped = fc.oneof(fc.constantFrom(...s.enum), hostileString);
  else if (type === "object" || s.properties) {
    const props = Object.entries(s.properties ?? {});
    shaped = fc
      .tuple(
        fc.record(Object.fromEntries(props.map(([k, v]) => [k, fromSchema(doc, v, depth + 1)])), { requiredKeys: [] }),
        fc.dictionary(hostileString, hostileValue, { maxKeys: 2 }),
      )
      .map(([known, extra]) => ({ ...extra, ...known }));
  } else if (type === "array") {
    shaped = fc.array(fromSchema(doc, s.items, depth + 1), { maxLength: 4 });
  } else if (type === "string") shaped = hostileString;
  else if (type === "number" || type === "integer") shaped = hostileNumber;
  else if (type === "boolean") shaped = fc.boolean();
  else shaped = hostileValue;
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue });
}

function resolve(doc: Doc, schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
  let s = schema;
  for (let i = 0; i < 5 && s?.$ref; i++) s = doc.components.schemas?.[s.$ref.split("/").pop() ?? ""];
  return s;
}

/** JSON texts no schema produces: invalid, prototype pollution, deep, duplicate keys, huge. */
export const rawJsonBodies = [
  "",
  "{",
  "{'a':1}",
  "[]",
  "null",
  "0",
  '"text"',
  "{}",
  '{"__proto__":{"admin":true,"isAdmin":true,"roles":["admin"]}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"email":"a@b.c","email":"x"}',
  "\ufeff{}",
  "[".repeat(50_000) + "]".repeat(50_000),
  `{"a":"${"x".repeat(300 * 1024)}"}`,
  `${"{".repeat(20)}`,
  "NaN",
  '{"a":1}garbage',
];

/** Content types a client may send that an operation did not declare. */
export const wrongContentTypes = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/json; charset=utf-16",
  "application/octet-stream",
  "json",
  "",
];

/** A header value a client could really send: UTF-8 bytes read as Latin-1, no CR/LF/NUL. */
export function headerSafe(value: string): string {
  return Buffer.from(value, "utf8")
    .toString("latin1")
    .replaceAll(/[\r\n\0]/g, "")
    .slice(0, 8000);
}
