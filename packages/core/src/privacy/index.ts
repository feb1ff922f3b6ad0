export * as Retention from "./retention";
