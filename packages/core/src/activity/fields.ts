/**
 * Activity field schemas and enums, built from the plain lists in `./labels`. Pure (zod only), so the
 * web uses the same rules, messages and labels in its forms and filters as the API.
 */
import * as z from "zod";
import { Code as SchoolCode } from "../org/fields";
import { SchoolYear } from "../util/date";
import { idSchema, KeySafe } from "../util/id";
import { areas, datesInOrder, datesMessage, grades, reaches, statuses, transitionActions } from "./labels";

// The plain lists and labels live in ./labels (no zod) so the web's first paint does not load zod.
export {
  areaNames,
  areas,
  datesInOrder,
  datesMessage,
  reachNames,
  statuses,
  statusNames,
  transitionNames,
} from "./labels";

/** The four award areas of BİGEP. */
export const Area = z.enum(areas, { message: "Ödül alanını seçin." });
export type Area = z.infer<typeof Area>;

export const ProvinceCode = z.string().regex(/^(0[1-9]|[1-7]\d|8[01])$/, { message: "Geçersiz il kodu." });

/** A category id: a short ASCII slug, safe in keys and URLs. */
export const CategoryId = z
  .string({ message: "Kategoriyi seçin." })
  .min(1, { message: "Kategoriyi seçin." })
  .max(48)
  .regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, { message: "Kategori kimliği küçük harf, rakam ve _ içermeli." });

/** Where an activity is in its review. */
export const Status = z.enum(statuses);
export type Status = z.infer<typeof Status>;

/** How far the activity reached. */
export const Reach = z.enum(reaches, {
  message: "Etki alanını seçin.",
});
export type Reach = z.infer<typeof Reach>;

export const Grade = z.enum(grades, {
  message: "Sınıf düzeyini seçin.",
});

const Count = z
  .number({ message: "Öğrenci sayısı bir sayı olmalı." })
  .int({ message: "Öğrenci sayısı tam sayı olmalı." })
  .min(0, { message: "Öğrenci sayısı negatif olamaz." })
  .max(5000, { message: "Öğrenci sayısı en çok 5000 olabilir." });

/**
 * Students are counted, not named: by grade and gender, with optional initials (at most a few
 * letters, so a full name cannot be typed in).
 */
export const StudentGroup = z.object({
  grade: Grade,
  girls: Count,
  boys: Count,
  initials: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-ZÇĞİÖŞÜ][A-ZÇĞİÖŞÜ. ]{0,5}$/u, {
          message: "Baş harfler en çok 6 büyük harf/nokta olabilir (ör. A.Y.).",
        }),
    )
    .max(100)
    .optional(),
});
export type StudentGroup = z.infer<typeof StudentGroup>;

/**
 * A participating teacher: a user of the platform when the recorder could pick one from the
 * school's staff list, otherwise just a name (teachers may not read the staff list, and not every
 * colleague has an account).
 */
export const Teacher = z.object({
  userId: idSchema("user").optional(),
  name: z
    .string()
    .trim()
    .min(2, { message: "Öğretmen adı en az 2 karakter olmalı." })
    .max(120, { message: "Öğretmen adı en çok 120 karakter olabilir." }),
});

const DateOnly = z.iso.date({ message: "Geçerli bir tarih girin (GG.AA.YYYY)." });

/** The fields a person fills in; shared by create and update. */
export const fields = {
  area: Area,
  category: CategoryId,
  title: z
    .string({ message: "Başlık yazılmalı." })
    .trim()
    .min(3, { message: "Başlık en az 3 karakter olmalı." })
    .max(200, { message: "Başlık en çok 200 karakter olabilir." }),
  description: z.string().trim().max(5000, { message: "Açıklama en çok 5000 karakter olabilir." }).optional(),
  startDate: DateOnly,
  endDate: DateOnly.optional(),
  reach: Reach,
  /** e.g. TÜBİTAK 2204, TEKNOFEST, eTwinning, Erasmus+, GMKA, bilim olimpiyatı, yerel. */
  programme: z.string().trim().max(120, { message: "Program adı en çok 120 karakter olabilir." }).optional(),
  /** e.g. "il birincisi", "Türkiye üçüncüsü". */
  result: z.string().trim().max(120, { message: "Sonuç en çok 120 karakter olabilir." }).optional(),
  teachers: z.array(Teacher).max(50).default([]),
  students: z.array(StudentGroup).max(20).default([]),
  partners: z.array(z.string().trim().min(2).max(200)).max(30).default([]),
  links: z
    .array(z.url({ protocol: /^https?$/, message: "Bağlantı http(s) ile başlayan bir adres olmalı." }).max(500))
    .max(10)
    .default([]),
};

/** What a person may do to an activity. */
export const TransitionAction = z.enum(transitionActions);
export type TransitionAction = z.infer<typeof TransitionAction>;

/** Create input without the cross-field check (so routes and forms can derive from it). */
export const CreateFields = z.object({
  school: SchoolCode,
  year: SchoolYear,
  ...fields,
  /** Idempotency-Key: the same key from the same user returns the first activity. */
  idempotencyKey: KeySafe.optional(),
});
export const CreateInput = CreateFields.refine(datesInOrder, datesMessage);
export type CreateInput = z.input<typeof CreateInput>;
