/** A file the cleaners cannot make safe: malformed, or a variant they do not handle. */
export class CleanError extends Error {
  override readonly name = "CleanError";
  constructor(
    /** Which cleaner refused. */
    readonly format: "video" | "pdf" | "heic",
    /** `malformed`: not a valid file of that format; `unsupported`: valid but not cleanable here. */
    readonly reason: "malformed" | "unsupported",
    message: string,
  ) {
    super(message);
  }
}
