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
 * - `byDistrict`: what happened inside a district, by time (audit events of the district and of
 *   every school in it, one partition per Istanbul day)
 * - `byProvince`: what happened inside a province, by time (audit events of the province, its
 *   districts and every school in it, one partition per Istanbul day)
 * - `byDistrict` also holds evidence of a district's school year (yearly reports; its own key prefix)
 *
 * Every index projects ALL attributes: each pattern renders whole items (an audit view shows every
 * field of an event, data included), and KEYS_ONLY would cost a BatchGet per page. Indexes added
 * later are created on existing tables by `ensureTable` (locally) and by the stack (in AWS; one new
 * index per deployment, a DynamoDB limit).
 */
export const table = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  indexes: [
    { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { name: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
    { name: "byDistrict", partitionKey: "byDistrictPk", sortKey: "byDistrictSk" },
    { name: "byProvince", partitionKey: "byProvincePk", sortKey: "byProvinceSk" },
  ],
} as const;
