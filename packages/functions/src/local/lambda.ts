/**
 * Runs a job's Lambda handler in this process, the way AWS would call it: the module named
 * by the registry's `entry`, its exported `handler(event, context)`, a Lambda-like context.
 * A failing job is logged, never thrown: the local runtime must keep running.
 */
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { config } from "@bigep/core/util/config";
import { log } from "@bigep/core/util/log";
import type { Context } from "aws-lambda";

export type Handler = (event: unknown, context: Context) => unknown;
/** Resolves a registry `entry` to its handler; tests pass their own. */
export type Loader = (entry: string) => Promise<Handler>;
export type Invocation = { name: string; ok: boolean; ms: number; error?: string };

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const loaded = new Map<string, Promise<Handler>>();

/** Import the module at `entry` (relative to the repository root) and return its `handler`. */
export const importHandler: Loader = (entry) => {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(resolve(root, entry)).href).then((module: { handler?: unknown }) => {
      if (typeof module.handler !== "function") throw new Error(`${entry} does not export a handler function`);
      return module.handler as Handler;
    });
    loaded.set(entry, handler);
  }
  return handler;
};

/** A Lambda context as far as handlers and middy read it. */
function lambdaContext(name: string, timeoutMs = 15 * 60_000): Context {
  const deadline = Date.now() + timeoutMs;
  const functionName = `bigep-local-${name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${config().region}:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** Invoke the job `name` (module `entry`) with `event`; resolves with the outcome, never rejects. */
export async function invoke(name: string, entry: string, event: unknown, load: Loader = importHandler) {
  const started = performance.now();
  const outcome = (ok: boolean, error?: unknown): Invocation => ({
    name,
    ok,
    ms: Math.round(performance.now() - started),
    ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
  });
  log().info("job start", { job: name });
  try {
    const handler = await load(entry);
    await handler(event, lambdaContext(name));
    const result = outcome(true);
    log().info("job end", { job: name, ms: result.ms });
    return result;
  } catch (error) {
    const result = outcome(false, error);
    log().error("job failed", { job: name, ms: result.ms, error: error as Error });
    return result;
  }
}
