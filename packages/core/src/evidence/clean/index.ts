/**
 * Cleaners for evidence files other than photos (photos: ../inspect.ts). Pure bytes in, bytes
 * out; each throws {@link CleanError} for input it cannot make safe. Used by verification only.
 */
export { CleanError } from "./errors";
export { cleanPdf } from "./pdf";
export { cleanVideo } from "./video";
