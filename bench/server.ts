/**
 * The API alone on a local port, for the benchmarks: the same Hono app `npm start` serves
 * (without the web app, scheduler or seed), in its own process so the load generator does not
 * share its event loop. The parent passes the environment (endpoints, table, PORT).
 */
import { serve } from "@hono/node-server";
import { app } from "../packages/functions/src/api/app";

const port = Number(process.env.PORT);
const server = serve({ port, hostname: "127.0.0.1", fetch: app.fetch });
server.once("listening", () => process.send?.("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
