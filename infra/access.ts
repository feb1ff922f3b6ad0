import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type { Grant as JobGrant } from "../packages/functions/src/jobs/registry";
import type { Mail } from "./mail";

export type Grant = JobGrant;

/** Key patterns (`prefix/*` or `*`) each bucket permission is limited to. */
export type BucketScope = { read: string[]; write: string[]; delete: string[] };

export type Resources = { table: dynamodb.ITable; bucket: s3.IBucket; mail: Mail };

/** Turns a declared grant list into least-privilege IAM statements for one function. */
export function grantAccess(grantee: iam.IGrantable, grants: Grant[], resources: Resources, scope: BucketScope): void {
  const { table, bucket, mail } = resources;
  for (const grant of grants) {
    switch (grant) {
      case "table:read":
        table.grantReadData(grantee);
        break;
      case "table:write":
        table.grantWriteData(grantee);
        break;
      case "bucket:read":
        for (const keys of scope.read) bucket.grantRead(grantee, keys);
        break;
      case "bucket:write":
        for (const keys of scope.write) bucket.grantPut(grantee, keys);
        break;
      case "bucket:delete":
        for (const keys of scope.delete) bucket.grantDelete(grantee, keys);
        break;
      case "mail:send":
        mail.grantSend(grantee);
        break;
    }
  }
}
