/**
 * How long each kind of personal data is kept (KVKK m.7 and the Regulation on Erasure,
 * Destruction or Anonymisation of Personal Data: kept no longer than its purpose needs, destroyed
 * in the first periodic run after that, runs at most six months apart). The privacy notice shows
 * these values and the retention job reads them, so the page and the job cannot disagree.
 * Browser-safe: no AWS or Node imports.
 */

/** The moment a retention period counts from. */
export type RetentionStart =
  /** The end of the school year the record belongs to (31 August, Istanbul). */
  | "schoolYearEnd"
  /** When the record was written (an audit event, a sign-in). */
  | "recorded"
  /** When the account was closed (the person left every role). */
  | "accountClosed";

export type RetentionRule = {
  /** Days after `from` until the data is due for destruction. */
  days: number;
  from: RetentionStart;
  /** `delete`: the item goes; `anonymise`: the record stays, the personal fields are removed. */
  action: "delete" | "anonymise";
  /** What the rule covers, in Turkish (shown in the privacy notice). */
  label: string;
  /** The period in words, in Turkish (shown in the privacy notice). */
  period: string;
};

export type RetainedKind = "evidence" | "activityPersonal" | "auditIp" | "signIn" | "account" | "auditEvent";

/** Retention of every kind of personal data the platform keeps. */
export const retention = {
  evidence: {
    days: 730,
    from: "schoolYearEnd",
    action: "delete",
    label: "Etkinlik kanıtları (fotoğraf, video ve belgeler; öğrenci görüntüleri dahil)",
    period: "Etkinliğin eğitim-öğretim yılının bitiminden (31 Ağustos) itibaren 2 yıl",
  },
  activityPersonal: {
    days: 730,
    from: "schoolYearEnd",
    action: "anonymise",
    label: "Etkinliklerdeki kişisel alanlar (öğretmen adları, öğrenci adlarının baş harfleri)",
    period:
      "Etkinliğin eğitim-öğretim yılının bitiminden itibaren 2 yıl; sonra adlar silinir, sayısal etkinlik kaydı kalır",
  },
  auditIp: {
    days: 180,
    from: "recorded",
    action: "anonymise",
    label: "Denetim kayıtlarındaki IP adresleri",
    period: "Kayıttan itibaren 6 ay; sonra IP adresi silinir, işlem kaydı kalır",
  },
  signIn: {
    days: 90,
    from: "recorded",
    action: "delete",
    label: "Oturum açma kayıtları (giriş kodları, oturumlar, giriş denemeleri)",
    period: "Kayıttan itibaren 90 gün (giriş kodları 10 dakikada geçersiz olur)",
  },
  account: {
    days: 365,
    from: "accountClosed",
    action: "anonymise",
    label: "Kullanıcı hesabı (ad soyad, e-posta, okul ve görevler)",
    period: "Görev süresince; hesabın kapatılmasından itibaren 1 yıl sonra ad ve e-posta silinir",
  },
  auditEvent: {
    days: 1825,
    from: "recorded",
    action: "delete",
    label: "Denetim kayıtları (kim, ne zaman, hangi işlemi yaptı)",
    period: "Kayıttan itibaren 5 yıl",
  },
} as const satisfies Record<RetainedKind, RetentionRule>;

/** The retention job runs at least this often (KVKK allows at most six months between runs). */
export const DESTRUCTION_INTERVAL_DAYS = 30;

/** A personal-data breach is reported to the KVK Board within this many hours of learning of it. */
export const BREACH_NOTIFICATION_HOURS = 72;

/** Where the data is stored (AWS region): outside Türkiye, so KVKK m.9 on transfers abroad applies. */
export const DATA_REGION = { code: "eu-central-1", name: "Frankfurt, Almanya" } as const;

const DAY_MS = 86_400_000;

/**
 * The end of a school year ("2025-2026" → 31 August 2026 ends at 21:00 UTC, midnight in Istanbul,
 * UTC+3 all year).
 */
export function schoolYearEnd(year: string): Date {
  const match = /^(\d{4})-(\d{4})$/.exec(year);
  if (!match) throw new RangeError(`not a school year: ${year}`);
  return new Date(Date.UTC(Number(match[2]), 7, 31, 21, 0, 0));
}

/**
 * The latest start a record of `kind` may have and still be kept at `now`: a record whose
 * `from` moment is before the cutoff is due for destruction.
 */
export function retentionCutoff(kind: RetainedKind, now: Date): Date {
  return new Date(now.getTime() - retention[kind].days * DAY_MS);
}

/** True when a record of `kind` that started at `start` is past its retention period at `now`. */
export function isDue(kind: RetainedKind, start: Date, now: Date): boolean {
  return start.getTime() < retentionCutoff(kind, now).getTime();
}
