/** Storage for system work (jobs, verification, local services, tests): the S3 client itself. */
export { s3 } from "./sdk";
export { bucket, MAX_URL_SECONDS } from "./settings";
