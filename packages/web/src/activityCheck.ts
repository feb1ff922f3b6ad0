/**
 * The activity form's check by the API's own rules (the shared zod schema). Its own chunk, loaded
 * on the form's first edit or submit: zod and the schemas are ≈ 20 KB gzip of script a phone would
 * otherwise download, parse and run before the empty form could paint.
 */
import "./zodLocale";
import { CreateFields, datesInOrder, datesMessage } from "@bigep/core/shared";
import { fieldErrors } from "./activity";

/** Field → first Turkish message for the form's input (empty when it may be sent); `null` counts as absent. */
export function checkInput(input: Record<string, unknown> & { startDate?: string; endDate?: string | null }) {
  const checked = CreateFields.safeParse(
    Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === null ? undefined : v])),
  );
  const local = checked.success ? {} : fieldErrors(checked.error.issues);
  if (!datesInOrder(input)) local.endDate ??= datesMessage.message;
  return local;
}
