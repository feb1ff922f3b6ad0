/**
 * The public face of role assignments (`Assignment` in the identity domain's index): every
 * operation here asks the access policy. `write` (an assignment stored without a check, after
 * the caller's right was checked elsewhere) stays inside the domain: user.ts imports it from
 * ./assignment directly, and nothing outside identity can reach it.
 */
export { assertGrantable, ChangeInput, grant, grantable, Info, revoke } from "./assignment";
