/**
 * Activity categories: one list per award area, per province and school year. The lists start
 * from the BİGEP programme text; the province's admins edit them each year ("criteria are
 * updated every school year").
 */
import * as z from "zod";
import { assert } from "../access";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { put as putItem, TransactionCanceled, transact } from "../db";
import { now } from "../util/clock";
import { SchoolYear } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { entities } from "./entities";
import { type Area, CategoryId, ProvinceCode } from "./fields";

export { Area, areaNames, CategoryId, ProvinceCode } from "./fields";

export const Category = z.object({ id: CategoryId, name: z.string().trim().min(2).max(120) });
export type Category = z.infer<typeof Category>;

const uniqueIds = (list: Category[]) => new Set(list.map((c) => c.id)).size === list.length;

export const Lists = z.object({
  academic: z.array(Category).min(1).max(50).refine(uniqueIds, { message: "Kategori kimlikleri tekrar ediyor." }),
  projects: z.array(Category).min(1).max(50).refine(uniqueIds, { message: "Kategori kimlikleri tekrar ediyor." }),
  arts_sports_culture: z
    .array(Category)
    .min(1)
    .max(50)
    .refine(uniqueIds, { message: "Kategori kimlikleri tekrar ediyor." }),
  innovative_environments: z
    .array(Category)
    .min(1)
    .max(50)
    .refine(uniqueIds, { message: "Kategori kimlikleri tekrar ediyor." }),
});
export type Lists = z.infer<typeof Lists>;

/** The lists as the BİGEP text names the work of each area. */
export const defaults: Lists = {
  academic: [
    { id: "okula_uyum", name: "Okula uyum programı ve rehberlik çalışmaları" },
    { id: "danisman_ogretmen", name: "Danışman öğretmenlik sistemi" },
    { id: "ders_calisma_plani", name: "Bireysel ders çalışma planları (7–8. ve 11–12. sınıflar)" },
    { id: "dyk", name: "Destekleme ve Yetiştirme Kursları (8. ve 12. sınıflar)" },
    { id: "basari_tedbirleri", name: "Okul başarısını artırma tedbirleri" },
    { id: "mesleki_gelisim", name: "Yönetici ve öğretmenlerin mesleki gelişimi (kurs, seminer)" },
  ],
  projects: [
    { id: "erasmus", name: "Erasmus+" },
    { id: "etwinning", name: "eTwinning" },
    { id: "tubitak", name: "TÜBİTAK projeleri" },
    { id: "teknofest", name: "TEKNOFEST" },
    { id: "gmka", name: "GMKA (Güney Marmara Kalkınma Ajansı) projeleri" },
    { id: "bilim_olimpiyatlari", name: "Bilim Olimpiyatları" },
    { id: "yerel_proje", name: "Yerel projeler" },
    { id: "proje_ekipleri", name: "Proje ekipleri, bilgilendirme toplantıları ve eğitimler" },
  ],
  arts_sports_culture: [
    { id: "sanatsal", name: "Sanatsal faaliyetler ve yarışmalar" },
    { id: "sportif", name: "Sportif faaliyetler ve yarışmalar" },
    { id: "kulturel", name: "Kültürel faaliyetler ve yarışmalar" },
    { id: "sosyal", name: "Sosyal faaliyetler ve yarışmalar" },
  ],
  innovative_environments: [
    { id: "atolye_kurulumu", name: "Tasarım Beceri Atölyesi kurulumu" },
    { id: "yenilikci_ortam", name: "Yenilikçi eğitim ortamı oluşturma" },
    { id: "atolye_kullanimi", name: "Atölye ve ortamların kullanımı, eğitimler" },
    { id: "yil_sonu_sergisi", name: "Yıl sonu sergisi" },
  ],
};

export const Info = z
  .object({
    province: ProvinceCode,
    year: SchoolYear,
    lists: Lists,
    /** 0 while the province still uses the programme's defaults for this year. */
    version: z.number().int(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: "CategoryLists" });
export type Info = z.infer<typeof Info>;

export const GetInput = z.object({ province: ProvinceCode, year: SchoolYear });

/** The category lists of a province for a year (the defaults until someone edits them). Public information. */
export const get = fn(GetInput, async ({ province, year }): Promise<Info> => {
  const { data } = await entities().Categories.get({ provinceCode: province, schoolYear: year }).go();
  if (!data) return { province, year, lists: defaults, version: 0, updatedAt: null };
  return { province, year, lists: Lists.parse(data.lists), version: data.version, updatedAt: data.updatedAt };
});

/** True when `category` is in the area's list of that province and year. */
export async function exists(province: string, year: string, area: Area, category: string): Promise<boolean> {
  const { lists } = await get({ province, year });
  return lists[area].some((c) => c.id === category);
}

export const PutInput = GetInput.extend({
  lists: Lists,
  /** The version the editor saw (0 for the defaults); a stale one answers 409. */
  version: z.number().int().min(0),
});

/** Replaces the lists of a year (province admins). Optimistic: the version must match (409 otherwise). */
export const put = fn(PutInput, async ({ province, year, lists, version }): Promise<Info> => {
  assert("category.manage", { place: { province }, schoolYear: year });
  const user = useUser();
  const updatedAt = now().toISOString();
  const item = {
    provinceCode: province,
    schoolYear: year,
    lists,
    version: version + 1,
    updatedAt,
    updatedBy: user.userId,
  };
  const { Categories } = entities();
  try {
    // The lists and their audit event are one transaction.
    await transact([
      putItem(
        version === 0 ? Categories.create(item) : Categories.put(item).where((a, { eq }) => eq(a.version, version)),
      ),
      await Audit.entry({
        action: "category.update",
        entity: { type: "categories", id: `${province}-${year}` },
        scope: { type: "province", id: province },
      }),
    ]);
  } catch (error) {
    if (error instanceof TransactionCanceled) throw staleError();
    throw error;
  }
  return { province, year, lists, version: version + 1, updatedAt };
});

/** The one message for a lost optimistic-locking race. */
export function staleError(): VisibleError {
  return new VisibleError("conflict", "stale", "Kayıt başka biri tarafından değiştirildi; sayfayı yenileyin.");
}
