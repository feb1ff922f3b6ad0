/**
 * The activity lists' fixed values and their Turkish labels, without zod: the web's activity list
 * and form render them on first paint, while the zod schemas built from them (`./fields`) load
 * only when a form is checked.
 */

/** The four award areas of BİGEP. */
export const areas = ["academic", "projects", "arts_sports_culture", "innovative_environments"] as const;
export type Area = (typeof areas)[number];

/** Where an activity is in its review. */
export const statuses = ["draft", "submitted", "returned", "approved", "district", "province"] as const;
export type Status = (typeof statuses)[number];

/** How far the activity reached. */
export const reaches = ["school", "district", "province", "regional", "national", "international"] as const;
export type Reach = (typeof reaches)[number];

/** Grades students are counted by. */
export const grades = ["okul_oncesi", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"] as const;
export type Grade = (typeof grades)[number];

/** What a person may do to an activity. */
export const transitionActions = ["submit", "return", "approve", "forward_to_district", "forward_to_province"] as const;
export type TransitionAction = (typeof transitionActions)[number];

/** Turkish names of the award areas, as the programme text writes them. */
export const areaNames: Record<Area, string> = {
  academic: "Akademik",
  projects: "Proje çalışmaları",
  arts_sports_culture: "Sanatsal, sportif, kültürel ve sosyal faaliyetler – yarışmalar",
  innovative_environments: "Yenilikçi eğitim ortamları ve Tasarım Beceri Atölyeleri",
};

export const statusNames: Record<Status, string> = {
  draft: "Taslak",
  submitted: "Gönderildi",
  returned: "İade edildi",
  approved: "Okulda onaylandı",
  district: "İlçeye iletildi",
  province: "İle iletildi",
};

export const reachNames: Record<Reach, string> = {
  school: "Okul",
  district: "İlçe",
  province: "İl",
  regional: "Bölgesel",
  national: "Ulusal",
  international: "Uluslararası",
};

export const transitionNames: Record<TransitionAction, string> = {
  submit: "Gönder",
  return: "İade et",
  approve: "Onayla",
  forward_to_district: "İlçeye ilet",
  forward_to_province: "İle ilet",
};

export const datesInOrder = (v: { startDate?: string | undefined; endDate?: string | null | undefined }) =>
  !v.startDate || !v.endDate || v.endDate >= v.startDate;
export const datesMessage = { message: "Bitiş tarihi başlangıçtan önce olamaz.", path: ["endDate"] };
