/**
 * The one typed configuration module. Every setting the code reads comes from here,
 * so nothing else touches `process.env`. Values are read lazily: tests and the local
 * runtime set the environment before the first use.
 */
import * as z from "zod";

const Schema = z.object({
  stage: z.string().default("local"),
  region: z.string().default("eu-central-1"),
  tableName: z.string().default("bigep-local"),
  bucketName: z.string().default("bigep-local"),
  dynamoEndpoint: z.string().optional(),
  s3Endpoint: z.string().optional(),
  /** Public S3 endpoint the browser uses for uploads (may differ from the server's). */
  s3PublicEndpoint: z.string().optional(),
  mailer: z.enum(["outbox", "ses"]).default("outbox"),
  mailFrom: z.string().default("BİGEP <no-reply@bigep.local>"),
  outboxDir: z.string().default(".data/outbox"),
  /** HMAC secret for access tokens and code digests. Locally a fixed dev value; in AWS see `authSecretArn`. */
  authSecret: z.string().min(32).optional(),
  /** Secrets Manager secret holding `authSecret` in AWS; fetched once at cold start (`loadSecrets`). */
  authSecretArn: z.string().optional(),
  /** Cookies carry the Secure flag except on plain-http localhost. */
  secureCookies: z.boolean().default(false),
  logLevel: z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"]).default("INFO"),
  port: z.coerce.number().int().positive().default(3000),
  webDist: z.string().optional(),
  /** Part size of multipart video uploads. S3 needs ≥ 5 MiB except the last part; tests use less (s3rver allows it). */
  multipartPartSize: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** SQS queue the jobs are sent to (AWS); unset locally, where an in-process pool runs them. */
  jobQueueUrl: z.string().optional(),
  /** Where the deployed code lives (Lambda's task root); files shipped beside the bundle are found there. */
  codeRoot: z.string().default(process.cwd()),
  /** Where people open the web app (links in e-mails, the unsubscribe URL). */
  appUrl: z.string().default("http://localhost:3000"),
  /** SES v2 configuration set (bounce/complaint events to SNS); unset locally. */
  sesConfigurationSet: z.string().optional(),
});

export type Config = z.infer<typeof Schema>;

let cached: Config | undefined;

function read(): Config {
  const env = process.env;
  const stage = env.BIGEP_STAGE ?? "local";
  const config = Schema.parse({
    stage,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    tableName: env.BIGEP_TABLE,
    bucketName: env.BIGEP_BUCKET,
    dynamoEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
    s3Endpoint: env.AWS_ENDPOINT_URL_S3,
    s3PublicEndpoint: env.BIGEP_S3_PUBLIC_ENDPOINT,
    mailer: env.BIGEP_MAILER ?? (stage === "local" || stage === "test" ? "outbox" : "ses"),
    mailFrom: env.BIGEP_MAIL_FROM,
    outboxDir: env.BIGEP_OUTBOX_DIR,
    authSecret:
      env.BIGEP_AUTH_SECRET ??
      (stage === "local" || stage === "test" ? "local-development-secret-do-not-use-in-prod-0123456789" : undefined),
    authSecretArn: env.BIGEP_AUTH_SECRET_ARN,
    secureCookies: stage !== "local" && stage !== "test",
    logLevel: env.BIGEP_LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL,
    port: env.PORT,
    webDist: env.BIGEP_WEB_DIST,
    multipartPartSize: env.BIGEP_MULTIPART_PART_SIZE,
    jobQueueUrl: env.BIGEP_JOB_QUEUE_URL,
    codeRoot: env.LAMBDA_TASK_ROOT,
    appUrl: env.BIGEP_APP_URL,
    sesConfigurationSet: env.BIGEP_SES_CONFIGURATION_SET,
  });
  return config;
}

/** The current configuration (parsed once, on first use). */
export function config(): Config {
  cached ??= read();
  return cached;
}

/** Settle values resolved at start-up (secrets fetched from AWS), on top of the environment. */
export function settle(values: Partial<Pick<Config, "authSecret">>): void {
  cached = { ...config(), ...values };
}

/** Forget the parsed configuration; for tests and the local runtime after they set env. */
export function resetConfig(): void {
  cached = undefined;
}

/** True when running without AWS (local runtime and tests). */
export function isLocal(): boolean {
  const stage = config().stage;
  return stage === "local" || stage === "test";
}
