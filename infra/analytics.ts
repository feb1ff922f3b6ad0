import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as athena from "aws-cdk-lib/aws-athena";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as glue from "aws-cdk-lib/aws-glue";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/** `table` is the one the exports come from (named in the README's export command). */
export type AnalyticsProps = { stage: string; table: dynamodb.Table };

/** The attributes ad-hoc national questions read, as the export's DynamoDB JSON writes them. */
const attributes = [
  "pk",
  "sk",
  "__edb_e__",
  "provinceCode",
  "districtId",
  "schoolCode",
  "schoolYear",
  "area",
  "category",
  "status",
  "reach",
  "kind",
];

/**
 * Optional ad-hoc national analytics (issue 13): DynamoDB's export to S3 (the table has
 * point-in-time recovery on) lands in this construct's bucket under `exports/`; a Glue table over
 * those DynamoDB-JSON files lets Athena query the whole country without reading the table.
 * Export with `aws dynamodb export-table-to-point-in-time --table-arn … --s3-bucket <bucket>
 * --s3-prefix exports/ --export-format DYNAMODB_JSON`; query in the `<stage>-analytics` workgroup
 * (README, "Reports"). Not mounted unless the platform is given `analytics: true`.
 */
export class Analytics extends Construct {
  readonly bucket: s3.Bucket;
  readonly database: string;

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, "Exports", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Exports are snapshots: keep a month of them; query results a week.
      lifecycleRules: [
        { prefix: "exports/", expiration: Duration.days(30) },
        { prefix: "athena-results/", expiration: Duration.days(7) },
      ],
    });
    const account = Stack.of(this).account;
    this.database = `bigep_${props.stage.replace(/[^a-z0-9]/g, "_")}_export`;
    const database = new glue.CfnDatabase(this, "Database", {
      catalogId: account,
      databaseInput: { name: this.database, description: "BİGEP: DynamoDB exports for ad-hoc national analytics" },
    });
    const item = `struct<${attributes.map((a) => `${a}:struct<S:string>`).join(",")}>`;
    const table = new glue.CfnTable(this, "Items", {
      catalogId: account,
      databaseName: this.database,
      tableInput: {
        name: "items",
        description: "One row per exported item (DynamoDB JSON: each attribute is {S|N|…})",
        tableType: "EXTERNAL_TABLE",
        parameters: { classification: "json", compressionType: "gzip" },
        storageDescriptor: {
          location: `s3://${this.bucket.bucketName}/exports/`,
          inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
          outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
          serdeInfo: {
            serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
            // Manifest files in the same prefix have another shape: their rows read as nulls.
            parameters: { "ignore.malformed.json": "true", "case.insensitive": "false" },
          },
          columns: [{ name: "item", type: item }],
        },
      },
    });
    table.addDependency(database);
    new athena.CfnWorkGroup(this, "WorkGroup", {
      name: `${props.stage}-analytics`,
      description: "Ad-hoc national analytics over DynamoDB exports",
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        resultConfiguration: { outputLocation: `s3://${this.bucket.bucketName}/athena-results/` },
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
      },
    });
  }
}
