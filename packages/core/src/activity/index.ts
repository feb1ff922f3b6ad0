export * as Activity from "./activity";
export * as Category from "./category";
export { seedDemoActivities } from "./demo";
export * as Waiting from "./waiting";
