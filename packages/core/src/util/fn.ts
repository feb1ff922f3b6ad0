import * as z from "zod";
import { tr } from "zod/locales";
import { VisibleError } from "./error";

// Validation messages reach people (error `details`, form hints): let zod speak Turkish.
z.config(tr());

/**
 * Wraps a core operation so its input is validated at the boundary, whoever calls it.
 * Invalid input becomes a `VisibleError("input")` carrying the zod issues.
 */
export function fn<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>) => R) {
  const wrapped = (input: z.input<S>): R => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      throw new VisibleError("input", "invalid_input", "Girilen bilgiler geçersiz.", parsed.error.issues);
    }
    return handler(parsed.data);
  };
  wrapped.schema = schema;
  return wrapped;
}
