/** Turkish-aware case folding: İ→i, I→ı, then lower case in the tr locale. */
export function foldTr(value: string): string {
  return value.normalize("NFC").trim().toLocaleLowerCase("tr");
}

/** Compare two names the way a Turkish reader sorts them. */
export function compareTr(a: string, b: string): number {
  return a.localeCompare(b, "tr");
}

/**
 * Normalises an e-mail address for uniqueness: the local part with Turkish folding
 * ("İLKER" = "ilker", "ILIK" = "ılık"); the domain with plain lower case, because DNS names
 * are ASCII-case-insensitive ("GMAIL.COM" must stay "gmail.com", not "gmaıl.com").
 */
export function normalizeEmail(email: string): string {
  const value = email.normalize("NFC").trim();
  const at = value.lastIndexOf("@");
  if (at < 0) return foldTr(value);
  const domain = value.slice(at + 1);
  return `${foldTr(value.slice(0, at))}@${/^[A-Za-z0-9.-]*$/.test(domain) ? domain.toLowerCase() : foldTr(domain)}`;
}
