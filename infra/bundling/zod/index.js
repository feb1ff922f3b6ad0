/**
 * zod's main entry for Lambda bundles (esbuild `--alias:zod=infra/bundling/zod`, see functions.ts): the same
 * exports as `zod` (v4 classic) minus the `locales` and `core` namespaces. `@hono/zod-openapi`
 * passes the whole `z` namespace to a function, which keeps every export of it alive — with
 * those two namespaces that is every locale zod ships (≈ 260 KB of minified code the API
 * would compile at each cold start). The locale the platform uses comes from `zod/locales`.
 * Keep in step with node_modules/zod/v4/classic/external.js when zod is upgraded (an infra
 * test bundles the API with this file).
 */
import * as z from "./external.js";

export * from "./external.js";
export { z, z as default };
