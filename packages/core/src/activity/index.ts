export * as Activity from "./activity";
export * as Category from "./category";
