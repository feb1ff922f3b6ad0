/** Pure text helpers for organisation names; no SDK imports, so the web can use them too. */

const letters: Record<string, string> = { ç: "c", ğ: "g", ı: "i", ö: "o", ş: "s", ü: "u", â: "a", î: "i", û: "u" };

/**
 * ASCII slug of a Turkish name for ids and tolerant matching: Turkish lower case, Turkish
 * letters transliterated (Altıeylül → altieylul, İvrindi → ivrindi), other runs of
 * non-alphanumerics collapsed to "-".
 */
export function asciiSlug(value: string): string {
  return value
    .normalize("NFC")
    .toLocaleLowerCase("tr")
    .replace(/[çğıöşüâîû]/g, (ch) => letters[ch] ?? ch)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
