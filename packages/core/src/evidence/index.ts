export * as Evidence from "./evidence";
