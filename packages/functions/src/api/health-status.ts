/** The liveness answer, shared by the OpenAPI route and the Lambda entry (which must not load zod for it). */
export const healthStatus = () => ({ status: "ok" as const, time: new Date().toISOString() });
