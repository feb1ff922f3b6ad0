/**
 * Turkish messages for zod's own defaults (a schema's explicit messages are Turkish already).
 * Imported by the modules that validate in the browser, not by the app's entry, so zod stays out
 * of the main script and off the first paint of pages that only show data (issue 9's budgets).
 */
import { config } from "zod";
import { tr } from "zod/locales";

config(tr());
