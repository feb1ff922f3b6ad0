/**
 * The home page of a signed-in person: what waits for them (`Home.waiting`). It composes the
 * activity domain's counts with the evidence of the person's own open records; every read goes
 * through the domains' own policy-checked operations or their counted Queries.
 */
export * as Home from "./waiting";
