import { config } from "../util/config";

/** The bucket for evidence and generated reports. */
export function bucket(): string {
  return config().bucketName;
}

/** Longest life of any URL handed to a browser, in seconds. */
export const MAX_URL_SECONDS = 300;
