import { handle } from "hono/aws-lambda";
import { app } from "./app";

/** The API Lambda (Function URL / HTTP API event). */
export const handler = handle(app);
