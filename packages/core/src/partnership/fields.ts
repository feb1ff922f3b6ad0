/**
 * Okul Ortaklığı Programı: field schemas and the programme's fixed lists (seed 002): the six
 * topic headings, the sample activities, workflow statuses. Pure zod, no storage.
 */
import * as z from "zod";
import { SchoolYear } from "../util/date";
import { idSchema, KeySafe } from "../util/id";

export const Id = idSchema("partnership");
export const ItemId = idSchema("planItem");
export const IndicatorId = idSchema("indicator");
export const WorkId = idSchema("jointWork");
export { SchoolYear };

/** School types the programme covers (Ortaöğretim Genel Müdürlüğü: Anadolu, fen, sosyal bilimler). */
export const eligibleTypes = ["anadolu_lisesi", "fen_lisesi", "sosyal_bilimler_lisesi"] as const;

/** Term of a partnership in school years. */
export const TERM_YEARS = 4;

/** "OKULLARIN ORTAK ÇALIŞMA YAPACAKLARI KONU BAŞLIKLARI" — the six headings. */
export const Topic = z.enum([
  "academic_success",
  "teacher_training",
  "patent_design",
  "support_courses",
  "teaching_methods",
  "community_service",
]);
export type Topic = z.infer<typeof Topic>;
export const topicLabels: Record<Topic, string> = {
  academic_success: "Akademik başarıyı artırma çalışmalarını ortaklaşa planlama ve uygulama",
  teacher_training: "Öğretmenlere yönelik ortak eğitimler düzenleme",
  patent_design: "Patent, faydalı model, marka, tasarım tescili alma sürecinde iş birlikli çalışmalar",
  support_courses: "Destekleme ve Yetiştirme Kurslarına yönelik ortak çalışmalar",
  teaching_methods: "Zümrelerin kullandığı öğretim yöntem ve tekniklerine yönelik paylaşım",
  community_service: "Toplum hizmeti çalışmaları ve sosyal sorumluluk projeleri",
};

/** "ÖRNEK FAALİYETLER" of the programme text, plus `other`. */
export const ActivityType = z.enum([
  "joint_exam",
  "question_pool",
  "annual_lesson_plan",
  "project_work",
  "learning_loss",
  "university_prep",
  "career_guidance",
  "level_exam",
  "applied_teaching",
  "library_use",
  "school_community",
  "club_work",
  "social_responsibility",
  "workshop",
  "publication",
  "conference",
  "parent_seminar",
  "camp",
  "competition",
  "other",
]);
export type ActivityType = z.infer<typeof ActivityType>;
export const activityTypeLabels: Record<ActivityType, string> = {
  joint_exam: "Ortak sınav hazırlama",
  question_pool: "Ortak soru ve materyal havuzu oluşturma",
  annual_lesson_plan: "Ortak yıllık plan ve ders planı hazırlama ve uygulama",
  project_work: "Proje hazırlama sürecinde iş birlikli çalışmalar",
  learning_loss: "Öğrenme eksiklikleri ve kayıplarını gidermeye yönelik çalışmalar",
  university_prep: "Yükseköğretime geçiş sınavlarına hazırlık",
  career_guidance: "Kariyer planlama vb. rehberlik çalışmaları",
  level_exam: "Ortak düzey belirleme sınavları",
  applied_teaching: "Uygulamalı öğretime yönelik eğitim planlamaları",
  library_use: "Okul kütüphanelerinin etkili kullanımı",
  school_community: "Okul ve çevre iş birliği",
  club_work: "Kulüp faaliyetlerine yönelik ortak çalışmalar",
  social_responsibility: "Ortak toplum hizmeti ve sosyal sorumluluk projeleri",
  workshop: "Ortak atölye çalışmaları, söyleşiler, yabancı dil çalışmaları",
  publication: "Ortak yayın, dergi vb. çalışmalar",
  conference: "Uzmanların katıldığı ortak konferans, söyleşi",
  parent_seminar: "Velilerin katılacağı söyleşi, seminer",
  camp: "Yaz/kış kampı, akran öğretimi",
  competition: "İki okulun öğrencilerinden oluşan gruplarla yarışmalar",
  other: "Diğer",
};

/**
 * Where a plan or report is on its way up: drafted and edited by both coordinators, agreed
 * (plan) / approved (report) by both, submitted by the I. grup school, received by the province
 * directorates of both schools, forwarded to OGM; `returned` carries a reason.
 */
export const ChainStatus = z.enum(["draft", "agreed", "submitted", "received", "forwarded", "returned"]);
export type ChainStatus = z.infer<typeof ChainStatus>;
export const chainStatusLabels: Record<ChainStatus, string> = {
  draft: "Taslak",
  agreed: "İki koordinatör onayladı",
  submitted: "I. grup okulca gönderildi",
  received: "İl müdürlüklerince alındı",
  forwarded: "Ortaöğretim Genel Müdürlüğüne iletildi",
  returned: "İade edildi",
};

/** Partnership status, computed from the start year and the 4-year term. */
export const Status = z.enum(["active", "ending", "ended", "upcoming"]);
export type Status = z.infer<typeof Status>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Subject = Text(80).pipe(KeySafe);

export const Person = z.object({
  userId: z.string().max(64).optional(),
  name: Text(120),
  school: z.string().regex(/^\d{6,8}$/),
});

export const Zumre = z.object({
  subject: Subject,
  /** The joint head, from either school. */
  head: Person,
});

export const Indicator = z
  .object({
    id: IndicatorId.optional(),
    name: Text(200),
    unit: Text(40),
    baseline: z.number().finite(),
    target: z.number().finite(),
    /**
     * `sum`: the actuals of the year add up (joint exams held); `latest`: the newest actual is the
     * value (a pass rate).
     */
    aggregate: z.enum(["sum", "latest"]).default("sum"),
    /** The school that measures it. */
    owner: z.string().regex(/^\d{6,8}$/),
  })
  .refine((i) => i.aggregate === "sum" || i.target !== i.baseline, {
    message: "Hedef başlangıç değerinden farklı olmalı.",
    path: ["target"],
  });
export type Indicator = z.infer<typeof Indicator>;

export const PlanItem = z
  .object({
    id: ItemId.optional(),
    topic: Topic,
    activityType: ActivityType,
    /** Free text when `activityType` is `other`. */
    title: Text(200),
    description: z.string().trim().max(4000).optional(),
    /** Responsible school(s): kurum kodları, members of the partnership. */
    schools: z
      .array(z.string().regex(/^\d{6,8}$/))
      .min(1)
      .max(2),
    people: z.array(Person).max(30).default([]),
    zumre: Subject.optional(),
    from: z.iso.date(),
    to: z.iso.date(),
    indicators: z.array(Indicator).max(10).default([]),
  })
  .refine((i) => i.from <= i.to, { message: "Bitiş tarihi başlangıçtan önce olamaz.", path: ["to"] });
export type PlanItem = z.infer<typeof PlanItem>;
/** A stored item: ids assigned. */
export type StoredItem = Omit<PlanItem, "id" | "indicators"> & {
  id: string;
  indicators: (Indicator & { id: string })[];
};

/** Kinds of shared material (the programme's "materyal paylaşımı") and their Turkish names. */
export const MaterialKind = z.enum(["exam_questions", "lesson_plan", "worksheet", "video_lesson", "other"]);
export const materialKindLabels: Record<z.infer<typeof MaterialKind>, string> = {
  exam_questions: "Sınav soruları",
  lesson_plan: "Ders planı",
  worksheet: "Çalışma yaprağı",
  video_lesson: "Video ders",
  other: "Diğer",
};
