// `zod/locales` for Lambda bundles (the alias maps subpaths too): named exports, so only the used ones stay.
export * from "../../../node_modules/zod/v4/locales/index.js";
