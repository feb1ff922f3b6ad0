/**
 * The one Hono app: the shared middleware (`compose.ts`), sub-apps per domain under /api, and
 * the OpenAPI document. `Routes` is its type, for the web's typed client. Local server and tests
 * use it whole; the Lambda loads the same sub-apps one domain at a time (`lambda.ts`).
 */

import { createApi } from "./compose";
import type { Env } from "./lib";
import { openApiDocument } from "./openapi";
import { activities } from "./routes/activities";
import { audit } from "./routes/audit";
import { auth } from "./routes/auth";
import { calendar, reminders } from "./routes/calendar";
import { categories } from "./routes/categories";
import { publicCertificates } from "./routes/certificates";
import { dev } from "./routes/dev";
import { districts } from "./routes/districts";
import { docs } from "./routes/docs";
import { evidence } from "./routes/evidence";
import { health } from "./routes/health";
import { jobs } from "./routes/jobs";
import { me } from "./routes/me";
import { partnershipWorkspace } from "./routes/partnership-workspace"; // --- partnership: meetings, materials ---
import { partnerships } from "./routes/partnerships";
import { privacy } from "./routes/privacy";
import { provinces } from "./routes/provinces";
import { reports } from "./routes/reports";
import { reviews } from "./routes/reviews";
import { schools } from "./routes/schools";
import { staff } from "./routes/staff";
import { users } from "./routes/users";

/** The whole application; every path starts with /api. */
export const app = createApi();
const api = app;

// Each domain is a sub-app; add one line here per domain.
const routes = api
  .route("/api/health", health)
  .route("/api/dev", dev)
  .route("/api/auth", auth)
  .route("/api/me", me)
  .route("/api/users", users)
  .route("/api/schools", staff)
  .route("/api/audit", audit)
  .route("/api/provinces", provinces)
  .route("/api/districts", districts)
  .route("/api/schools", schools)
  .route("/api/activities", activities)
  .route("/api/evidence", evidence)
  .route("/api/categories", categories)
  .route("/api/jobs", jobs)
  .route("/api/privacy", privacy)
  // --- calendar & reminders ---
  .route("/api/calendar", calendar)
  .route("/api/reminders", reminders)
  .route("/api/reviews", reviews) // --- review ---
  .route("/api/public/certificates", publicCertificates) // --- review: certificates ---
  .route("/api/reports", reports)
  .route("/api/partnerships", partnershipWorkspace) // --- partnership: meetings, materials, files, dashboard ---
  .route("/api/partnerships", partnerships);

api.get("/api/openapi.json", (c) => c.json(openApiDocument(app)));
api.route("/api/docs", docs);

export type Routes = typeof routes;
export type { Env };
