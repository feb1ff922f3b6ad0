/** Turkish-aware case folding: İ→i, I→ı, then lower case in the tr locale. */
export function foldTr(value: string): string {
  return value.normalize("NFC").trim().toLocaleLowerCase("tr");
}

/** Compare two names the way a Turkish reader sorts them. */
export function compareTr(a: string, b: string): number {
  return a.localeCompare(b, "tr");
}

/** Normalises an e-mail address for uniqueness: Turkish folding, trimmed. */
export function normalizeEmail(email: string): string {
  return foldTr(email);
}
