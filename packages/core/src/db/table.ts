/**
 * The single-table definition, shared by the CDK stack (infra/) and the local bootstrap,
 * so both create the same table. Pure data: no SDK imports here.
 *
 * Index use (each a named access pattern; see DESIGN.md):
 * - base `pk/sk`: get by id, children of a parent (evidence of an activity, sessions of a user)
 * - `gsi1`: lookups by natural key and "X of a parent" lists (school by kurum kodu, schools
 *   of a district, user by e-mail, a school's activities in a year)
 * - `gsi2`: second parent lists (schools of a province, holders of a role in a scope,
 *   review queues of a district by year and status, audit events by actor)
 * - `gsi3`: third lists (a user's own activities, evidence by SHA-256, audit events of a scope)
 */
export const table = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  indexes: [
    { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { name: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  ],
} as const;
