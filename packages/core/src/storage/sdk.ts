/**
 * The S3 SDK side of storage: clients, presigning and multipart calls. Loaded on demand by
 * `./index.ts` (and statically by system work through `./system.ts`), so the API function does
 * not compile the S3 client unless a request needs it.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { config } from "../util/config";
import { bucket, MAX_URL_SECONDS } from "./settings";

let client: S3Client | undefined;
let clientKey: string | undefined;
let publicClient: S3Client | undefined;
let publicKey: string | undefined;

function build(endpoint: string | undefined): S3Client {
  return new S3Client({
    region: config().region,
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // SlowDown and 5xx are retried with jittered backoff, then reach onError as 503.
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000 },
  });
}

/** The shared S3 client. Path-style and checksums only when required: s3rver needs both. */
export function s3(): S3Client {
  const c = config();
  const key = `${c.region}|${c.s3Endpoint ?? ""}`;
  if (!client || clientKey !== key) {
    client = build(c.s3Endpoint);
    clientKey = key;
  }
  return client;
}

/**
 * The client that signs URLs for browsers: same credentials, but the endpoint people reach
 * (locally s3rver may be known to the server under another address than to the browser).
 */
function presigner(): S3Client {
  const c = config();
  const endpoint = c.s3PublicEndpoint ?? c.s3Endpoint;
  const key = `${c.region}|${endpoint ?? ""}`;
  if (!publicClient || publicKey !== key) {
    publicClient = build(endpoint);
    publicKey = key;
  }
  return publicClient;
}

/**
 * A presigned POST for exactly one object: the key, the content type and the exact byte size
 * are conditions of the policy, so S3 refuses anything else (s3rver does not check; the upload
 * verifier does, everywhere).
 */
export async function presignPost(input: {
  key: string;
  contentType: string;
  size: number;
  expiresIn?: number;
}): Promise<{ url: string; fields: Record<string, string> }> {
  return createPresignedPost(presigner(), {
    Bucket: bucket(),
    Key: input.key,
    Conditions: [
      ["eq", "$Content-Type", input.contentType],
      ["content-length-range", input.size, input.size],
    ],
    Fields: { "Content-Type": input.contentType },
    Expires: Math.min(input.expiresIn ?? MAX_URL_SECONDS, MAX_URL_SECONDS),
  });
}

/** A presigned GET (at most five minutes); `fileName` makes the browser save it under that name. */
export async function presignGet(key: string, options: { fileName?: string; expiresIn?: number } = {}) {
  const expiresIn = Math.min(options.expiresIn ?? MAX_URL_SECONDS, MAX_URL_SECONDS);
  const disposition = options.fileName
    ? `attachment; filename*=UTF-8''${encodeURIComponent(options.fileName)}`
    : undefined;
  const url = await getSignedUrl(
    presigner(),
    new GetObjectCommand({
      Bucket: bucket(),
      Key: key,
      ...(disposition ? { ResponseContentDisposition: disposition } : {}),
    }),
    { expiresIn },
  );
  return { url, expiresIn };
}

/** Starts a multipart upload of exactly this key and content type; returns its upload id. */
export async function createMultipart(key: string, contentType: string): Promise<string> {
  const { UploadId } = await s3().send(
    new CreateMultipartUploadCommand({ Bucket: bucket(), Key: key, ContentType: contentType }),
  );
  if (!UploadId) throw new Error("CreateMultipartUpload returned no UploadId");
  return UploadId;
}

/** A presigned PUT (at most five minutes) for one part of a multipart upload. */
export async function presignPart(key: string, uploadId: string, partNumber: number): Promise<string> {
  return getSignedUrl(
    presigner(),
    new UploadPartCommand({ Bucket: bucket(), Key: key, UploadId: uploadId, PartNumber: partNumber }),
    { expiresIn: MAX_URL_SECONDS },
  );
}

/** Assembles the uploaded parts (ascending part numbers, ETags as S3 returned them). */
export async function completeMultipart(
  key: string,
  uploadId: string,
  parts: { partNumber: number; etag: string }[],
): Promise<void> {
  await s3().send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket(),
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
    }),
  );
}

/** Drops the parts of an unfinished multipart upload. */
export async function abortMultipart(key: string, uploadId: string): Promise<void> {
  await s3().send(new AbortMultipartUploadCommand({ Bucket: bucket(), Key: key, UploadId: uploadId }));
}
