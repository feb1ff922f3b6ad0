/**
 * Organisation: provinces (static), districts and schools. Org data is public information:
 * reads need no grant; writes ask the access policy (`org.write`, `org.import`).
 */
export { demo, seedDemo } from "./demo";
export * as District from "./district";
export * as Province from "./province";
export * as School from "./school";
export { asciiSlug } from "./slug";
