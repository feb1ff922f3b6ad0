/**
 * Object storage for the request path: presigning for browsers and multipart uploads. The S3
 * SDK (client, presigners) lives in `./sdk.ts` and is imported on first use, so a request that
 * touches no object (most of them) never loads it — the API's cold start pays only for what it
 * answers. System work that needs the client itself uses `@bigep/core/system/storage`.
 */
import type * as Sdk from "./sdk";

export { bucket, MAX_URL_SECONDS } from "./settings";

let sdk: Promise<typeof Sdk> | undefined;
const load = () => {
  sdk ??= import("./sdk");
  return sdk;
};

/**
 * A presigned POST for exactly one object: the key, the content type and the exact byte size
 * are conditions of the policy, so S3 refuses anything else (s3rver does not check; the upload
 * verifier does, everywhere).
 */
export async function presignPost(...args: Parameters<typeof Sdk.presignPost>) {
  return (await load()).presignPost(...args);
}

/** A presigned GET (at most five minutes); `fileName` makes the browser save it under that name. */
export async function presignGet(...args: Parameters<typeof Sdk.presignGet>) {
  return (await load()).presignGet(...args);
}

/** Starts a multipart upload of exactly this key and content type; returns its upload id. */
export async function createMultipart(...args: Parameters<typeof Sdk.createMultipart>) {
  return (await load()).createMultipart(...args);
}

/** A presigned PUT (at most five minutes) for one part of a multipart upload. */
export async function presignPart(...args: Parameters<typeof Sdk.presignPart>) {
  return (await load()).presignPart(...args);
}

/** Assembles the uploaded parts (ascending part numbers, ETags as S3 returned them). */
export async function completeMultipart(...args: Parameters<typeof Sdk.completeMultipart>) {
  return (await load()).completeMultipart(...args);
}

/** Drops the parts of an unfinished multipart upload. */
export async function abortMultipart(...args: Parameters<typeof Sdk.abortMultipart>) {
  return (await load()).abortMultipart(...args);
}
