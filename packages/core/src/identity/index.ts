/** Identity: people, role assignments, sign-in through identity providers, sessions. */
export * as Assignment from "./assignments";
export { codeTtl, emailCode } from "./code";
export { demoActor, demoUsers, seedDemoUsers } from "./demo";
export type { IdentityProvider } from "./provider";
export * as Scopes from "./scope";
export * as Session from "./session";
export * as SignIn from "./signin";
export * as Staff from "./staff";
export * as User from "./user";
