/**
 * The Lambda's route manifest: which sub-apps serve a path prefix, each behind a dynamic
 * `import()` so that esbuild makes it a chunk and a cold start compiles only the domain the
 * request needs (issue 8: zod schemas, ElectroDB entities and route definitions of fifteen
 * domains cost hundreds of milliseconds to load, and a request uses one).
 *
 * Same order as `app.ts` within a prefix (the partnership workspace before the partnerships).
 * `test/lambda-parts.test.ts` checks that every operation of the whole app is served by the
 * part chosen for its path, so this list and `app.ts` cannot drift apart.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "./lib";

type SubApp = OpenAPIHono<Env>;
/** Loads the sub-apps mounted at a prefix. */
type Load = () => Promise<SubApp[]>;

export const parts: Record<string, Load> = {
  "/api/dev": async () => [(await import("./routes/dev")).dev],
  "/api/auth": async () => [(await import("./routes/auth")).auth],
  "/api/me": async () => [(await import("./routes/me")).me],
  "/api/users": async () => [(await import("./routes/users")).users],
  "/api/schools": async () => {
    const [staff, schools] = await Promise.all([import("./routes/staff"), import("./routes/schools")]);
    return [staff.staff, schools.schools];
  },
  "/api/audit": async () => [(await import("./routes/audit")).audit],
  "/api/provinces": async () => [(await import("./routes/provinces")).provinces],
  "/api/districts": async () => [(await import("./routes/districts")).districts],
  "/api/activities": async () => [(await import("./routes/activities")).activities],
  "/api/evidence": async () => [(await import("./routes/evidence")).evidence],
  "/api/categories": async () => [(await import("./routes/categories")).categories],
  "/api/jobs": async () => [(await import("./routes/jobs")).jobs],
  "/api/privacy": async () => [(await import("./routes/privacy")).privacy],
  "/api/calendar": async () => [(await import("./routes/calendar")).calendar],
  "/api/reminders": async () => [(await import("./routes/calendar")).reminders],
  "/api/reviews": async () => [(await import("./routes/reviews")).reviews],
  "/api/public/certificates": async () => [(await import("./routes/certificates")).publicCertificates],
  "/api/reports": async () => [(await import("./routes/reports")).reports],
  "/api/partnerships": async () => {
    const [workspace, partnerships] = await Promise.all([
      import("./routes/partnership-workspace"),
      import("./routes/partnerships"),
    ]);
    return [workspace.partnershipWorkspace, partnerships.partnerships];
  },
};

/** Paths only the whole app answers: the OpenAPI document and its page describe every domain. */
export const wholeAppPrefixes = ["/api/openapi.json", "/api/docs"];

/**
 * The manifest key serving a path: the longest prefix equal to the path or followed by "/".
 * `"*whole"` for the document and docs page, `undefined` for a path no domain serves (the
 * shared 404 answers it).
 */
export function partFor(path: string): string | undefined {
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  if (wholeAppPrefixes.some(under)) return "*whole";
  let best: string | undefined;
  for (const prefix of Object.keys(parts)) if (under(prefix) && (!best || prefix.length > best.length)) best = prefix;
  return best;
}
