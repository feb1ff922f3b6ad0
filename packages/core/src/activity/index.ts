export * as Activity from "./activity";
export * as Category from "./category";
export { seedDemoActivities } from "./demo";
