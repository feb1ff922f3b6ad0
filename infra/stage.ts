/**
 * Stage rules. Throw-away stages ("dev", "pr-*") may lose their data when the stack is
 * deleted; every other stage ("prod", "staging", "demo", …) is protected: the table gets
 * deletion protection and the table, evidence bucket, secret and logs are retained.
 */
export function isProtectedStage(stage: string): boolean {
  return !(stage === "dev" || stage.startsWith("pr-"));
}

/**
 * Stage names end up in bucket names (lowercase, ≤ 63 chars in total), so keep them short and
 * plain. "local" and "test" are reserved: core's config treats them as "no AWS" (outbox mail,
 * insecure cookies, built-in secret), so they must never be deployed.
 */
export function assertStageName(stage: string): void {
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Invalid stage "${stage}": use 1–20 lowercase letters, digits or hyphens, starting with a letter`);
  }
  if (stage === "local" || stage === "test") {
    throw new Error(`Stage "${stage}" is reserved for the local runtime and tests; pick another name`);
  }
}
