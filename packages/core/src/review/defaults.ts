/**
 * Default rubrics of the four award areas, built from the BİGEP programme text (its aims and the
 * work each area names). The İl Proje Yürütme Kurulu edits them before the first round opens.
 */
import type { Area } from "../activity/fields";
import type { Criterion } from "./scoring";

const shared: Criterion[] = [
  {
    id: "amac_uyum",
    title: "BİGEP amaçlarıyla uyum",
    guidance:
      "Çalışma; yönetici ve öğretmenlerin mesleki gelişimini, öğrencilerin motivasyonunu, ilgi ve yeteneklerini keşfetmelerini destekliyor mu?",
    weight: 2,
    max: 10,
    min: 3,
  },
  {
    id: "kanit",
    title: "Kanıt ve belgelendirme",
    guidance: "Fotoğraf, belge ve bağlantılar yapılanı ve sonucu açıkça gösteriyor mu?",
    weight: 1,
    max: 10,
  },
];

/** Criteria per area; weights are relative, points 0..max. */
export const defaultRubrics: Record<Area, Criterion[]> = {
  academic: [
    {
      id: "akademik_etki",
      title: "Akademik başarıya etkisi",
      guidance:
        "Destekleme ve yetiştirme kursları, bireysel ders çalışma planları, danışman öğretmenlik gibi çalışmalar öğrencinin başarısını ölçülebilir biçimde artırdı mı?",
      weight: 3,
      max: 10,
      min: 3,
    },
    {
      id: "izleme",
      title: "İzleme ve rehberlik",
      guidance: "Öğrencilerin izlenmesi, okula uyum ve rehberlik çalışmaları planlı ve sürekli mi?",
      weight: 2,
      max: 10,
    },
    ...shared,
  ],
  projects: [
    {
      id: "kapsam",
      title: "Kapsam ve düzey",
      guidance:
        "Yerel, bölgesel, ulusal ya da uluslararası (Erasmus+, eTwinning, TÜBİTAK, TEKNOFEST, GMKA, Bilim Olimpiyatları) düzeyde mi, sonuç aldı mı?",
      weight: 3,
      max: 10,
      min: 3,
    },
    {
      id: "ekip_isbirligi",
      title: "Proje ekibi ve okullar arası işbirliği",
      guidance: "Proje ekibi kuruldu mu; okullar arası ortak çalışma ve dayanışma var mı?",
      weight: 2,
      max: 10,
    },
    ...shared,
  ],
  arts_sports_culture: [
    {
      id: "katilim",
      title: "Öğrenci katılımı",
      guidance: "Öğrencilerin ilgi ve yeteneklerine uygun sanatsal, sportif, kültürel faaliyetlere katılımı ne ölçüde?",
      weight: 3,
      max: 10,
      min: 3,
    },
    {
      id: "derece",
      title: "Yarışma dereceleri ve görünürlük",
      guidance: "Yarışmalarda alınan dereceler, sergi, gösteri ve yaygınlaştırma çalışmaları.",
      weight: 2,
      max: 10,
    },
    ...shared,
  ],
  innovative_environments: [
    {
      id: "islevsel_kullanim",
      title: "Atölyenin işlevsel kullanımı",
      guidance:
        "Tasarım Beceri Atölyesi ya da yenilikçi eğitim ortamı 21. yüzyıl becerilerini kazandıracak biçimde düzenli kullanılıyor mu?",
      weight: 3,
      max: 10,
      min: 3,
    },
    {
      id: "paydas_destegi",
      title: "Paydaş desteği ve öğretmen eğitimi",
      guidance: "Yerel kişi ve kurumların katkısı, yönetici ve öğretmenlere yönelik eğitimler.",
      weight: 2,
      max: 10,
    },
    ...shared,
  ],
};
