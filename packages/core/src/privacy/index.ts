// Export and erasure of a person (server only: the web imports retention through core/shared).
export { ERASED_NAME, type Person as PersonRef, type PersonalData } from "./hooks";
export * as Person from "./person";
export * as Retention from "./retention";
