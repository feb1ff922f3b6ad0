/**
 * School field schemas, levels and types with their Turkish labels. Pure (zod only), so the
 * web can use the same rules and labels in forms and filters.
 */
import * as z from "zod";

/** Kademe. */
export const Level = z.enum(["okul_oncesi", "ilkokul", "ortaokul", "lise"]);
export type Level = z.infer<typeof Level>;

export const levelLabels: Record<Level, string> = {
  okul_oncesi: "Okul Öncesi",
  ilkokul: "İlkokul",
  ortaokul: "Ortaokul",
  lise: "Lise",
};

/** Kurum türü. */
export const SchoolType = z.enum([
  "anaokulu",
  "ilkokul",
  "ortaokul",
  "imam_hatip_ortaokulu",
  "anadolu_lisesi",
  "fen_lisesi",
  "sosyal_bilimler_lisesi",
  "imam_hatip_lisesi",
  "meslek_lisesi",
  "guzel_sanatlar_lisesi",
  "spor_lisesi",
  "ozel_egitim",
  "other",
]);
export type SchoolType = z.infer<typeof SchoolType>;

export const typeLabels: Record<SchoolType, string> = {
  anaokulu: "Anaokulu",
  ilkokul: "İlkokul",
  ortaokul: "Ortaokul",
  imam_hatip_ortaokulu: "İmam Hatip Ortaokulu",
  anadolu_lisesi: "Anadolu Lisesi",
  fen_lisesi: "Fen Lisesi",
  sosyal_bilimler_lisesi: "Sosyal Bilimler Lisesi",
  imam_hatip_lisesi: "Anadolu İmam Hatip Lisesi",
  meslek_lisesi: "Mesleki ve Teknik Anadolu Lisesi",
  guzel_sanatlar_lisesi: "Güzel Sanatlar Lisesi",
  spor_lisesi: "Spor Lisesi",
  ozel_egitim: "Özel Eğitim Okulu",
  other: "Diğer",
};

/** The level a type belongs to; `null` where a type spans levels (special education, other). */
export const typeLevel: Record<SchoolType, Level | null> = {
  anaokulu: "okul_oncesi",
  ilkokul: "ilkokul",
  ortaokul: "ortaokul",
  imam_hatip_ortaokulu: "ortaokul",
  anadolu_lisesi: "lise",
  fen_lisesi: "lise",
  sosyal_bilimler_lisesi: "lise",
  imam_hatip_lisesi: "lise",
  meslek_lisesi: "lise",
  guzel_sanatlar_lisesi: "lise",
  spor_lisesi: "lise",
  ozel_egitim: null,
  other: null,
};

/** MEB kurum kodu: 6–8 digits. It is the school's id and its scope id. */
export const Code = z.string().regex(/^\d{6,8}$/, { message: "Kurum kodu 6–8 haneli bir sayı olmalı." });
export const Name = z.string().trim().min(2).max(200);
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Geçersiz e-posta adresi." }));
export const Phone = z
  .string()
  .trim()
  .regex(/^[0-9 +()-]{7,20}$/, { message: "Geçersiz telefon numarası." });
export const Address = z.string().trim().min(1).max(300);

/** True when the type belongs to the level (or spans levels). */
export function typeMatchesLevel(value: { level: Level; type: SchoolType }): boolean {
  const expected = typeLevel[value.type];
  return expected === null || expected === value.level;
}
export const typeLevelMessage = "Kurum türü kademeyle uyuşmuyor.";
