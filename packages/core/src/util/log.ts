import { Logger } from "@aws-lambda-powertools/logger";
import { config } from "./config";

let logger: Logger | undefined;

/** The structured JSON logger (Powertools), shared by the API and the jobs. */
export function log(): Logger {
  logger ??= new Logger({ serviceName: "bigep", logLevel: config().logLevel });
  return logger;
}
