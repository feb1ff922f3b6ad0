import { loadSecrets } from "@bigep/core/util/secrets";
import { handle } from "hono/aws-lambda";
import { app } from "./app";

// Cold start: fetch the auth secret once, before the first request (ESM top-level await).
await loadSecrets();

/** The API Lambda (Function URL event). */
export const handler = handle(app);
