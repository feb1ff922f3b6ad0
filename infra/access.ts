import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type { Grant } from "../packages/functions/src/jobs/registry";
import type { Mail } from "./mail";

export type { Grant };

/** DynamoDB item actions a function may need (TransactWriteItems is authorised per item action). */
export type ReadAction = "GetItem" | "BatchGetItem" | "Query";
export type WriteAction = "PutItem" | "UpdateItem" | "DeleteItem" | "BatchWriteItem" | "ConditionCheckItem";

/**
 * What one function really does, so its role says exactly that. The registry's grant names say
 * which kinds are allowed at all (`table:read` enables `read`, `table:write` enables `write`,
 * `bucket:*` the key patterns); this says which actions, indexes and prefixes.
 */
export type AccessProfile = {
  table?: {
    read: ReadAction[];
    write: WriteAction[];
    /** Where `Query` runs: "table" for the base table, else index names. */
    query: string[];
  };
  /** Key patterns (`prefix/*`) per bucket permission. */
  bucket?: { read: string[]; write: string[]; delete: string[] };
};

export type Resources = { table: dynamodb.ITable; bucket: s3.IBucket; mail: Mail };

const dynamo = (actions: string[]) => actions.map((action) => `dynamodb:${action}`);

/**
 * Turns a declared grant list and a profile into least-privilege IAM statements for one
 * function. Never `Scan`, never `s3:DeleteObjectVersion` (versioning is the bucket's undo), SES
 * only for the configured sender identity.
 */
export function grantAccess(grantee: iam.IGrantable, grants: Grant[], resources: Resources, profile: AccessProfile) {
  const { table, bucket, mail } = resources;
  const allowed = new Set(grants);
  const add = (actions: string[], resourceArns: string[]) => {
    if (actions.length && resourceArns.length) iam.Grant.addToPrincipal({ grantee, actions, resourceArns });
  };
  if (profile.table) {
    const read = allowed.has("table:read") ? profile.table.read : [];
    const write = allowed.has("table:write") ? profile.table.write : [];
    add(dynamo([...read.filter((a) => a !== "Query"), ...write]), [table.tableArn]);
    if (read.includes("Query")) {
      add(
        ["dynamodb:Query"],
        profile.table.query.map((where) => (where === "table" ? table.tableArn : `${table.tableArn}/index/${where}`)),
      );
    }
  }
  if (profile.bucket) {
    const objects = (patterns: string[]) => patterns.map((pattern) => bucket.arnForObjects(pattern));
    if (allowed.has("bucket:read")) add(["s3:GetObject"], objects(profile.bucket.read));
    if (allowed.has("bucket:write")) add(["s3:PutObject", "s3:AbortMultipartUpload"], objects(profile.bucket.write));
    if (allowed.has("bucket:delete")) add(["s3:DeleteObject"], objects(profile.bucket.delete));
  }
  if (allowed.has("mail:send")) mail.grantSend(grantee);
}
