/**
 * Demo organisation data for the local runtime and tests: Balıkesir with its 20 districts and
 * schools of every level, plus Trabzon with three districts and four high schools (partnership
 * programme pairs need schools of two provinces). Kurum kodları are fabricated.
 */
import { withActor } from "../actor";
import type { JobType } from "../job/define";
import * as Job from "../job/job";
import { VisibleError } from "../util/error";
import * as District from "./district";
import type { Level, SchoolType } from "./fields";
import { schoolImport } from "./import-job";
import * as School from "./school";

/** Balıkesir's 20 districts (also the benchmark province's). */
export const balikesirDistricts = [
  "Altıeylül",
  "Ayvalık",
  "Balya",
  "Bandırma",
  "Bigadiç",
  "Burhaniye",
  "Dursunbey",
  "Edremit",
  "Erdek",
  "Gömeç",
  "Gönen",
  "Havran",
  "İvrindi",
  "Karesi",
  "Kepsut",
  "Manyas",
  "Marmara",
  "Savaştepe",
  "Sındırgı",
  "Susurluk",
];
const trabzon = ["Ortahisar", "Akçaabat", "Of"];

type DemoSchool = { code: string; name: string; level: Level; type: SchoolType; district: string };

// biome-ignore format: one school per line reads best
const schools: Record<string, DemoSchool[]> = {
  "10": [
    { code: "710101", name: "Gül Bahçesi Anaokulu", level: "okul_oncesi", type: "anaokulu", district: "Karesi" },
    { code: "710102", name: "Karesi Atatürk İlkokulu", level: "ilkokul", type: "ilkokul", district: "Karesi" },
    { code: "710103", name: "Cumhuriyet Ortaokulu", level: "ortaokul", type: "ortaokul", district: "Karesi" },
    { code: "710104", name: "Karesi Anadolu Lisesi", level: "lise", type: "anadolu_lisesi", district: "Karesi" },
    { code: "710105", name: "Balıkesir Sosyal Bilimler Lisesi", level: "lise", type: "sosyal_bilimler_lisesi", district: "Karesi" },
    { code: "710106", name: "Kuvâ-yi Milliye Mesleki ve Teknik Anadolu Lisesi", level: "lise", type: "meslek_lisesi", district: "Karesi" },
    { code: "710107", name: "Şehit Öğretmenler İlkokulu", level: "ilkokul", type: "ilkokul", district: "Karesi" },
    { code: "710201", name: "Zübeyde Hanım Anaokulu", level: "okul_oncesi", type: "anaokulu", district: "Altıeylül" },
    { code: "710202", name: "Gazi İlkokulu", level: "ilkokul", type: "ilkokul", district: "Altıeylül" },
    { code: "710203", name: "Mehmet Akif Ersoy Ortaokulu", level: "ortaokul", type: "ortaokul", district: "Altıeylül" },
    { code: "710204", name: "Balıkesir Fen Lisesi", level: "lise", type: "fen_lisesi", district: "Altıeylül" },
    { code: "710205", name: "Altıeylül Anadolu İmam Hatip Lisesi", level: "lise", type: "imam_hatip_lisesi", district: "Altıeylül" },
    { code: "710206", name: "Balıkesir Spor Lisesi", level: "lise", type: "spor_lisesi", district: "Altıeylül" },
    { code: "710301", name: "Bandırma Fen Lisesi", level: "lise", type: "fen_lisesi", district: "Bandırma" },
    { code: "710302", name: "Bandırma Anadolu Lisesi", level: "lise", type: "anadolu_lisesi", district: "Bandırma" },
    { code: "710303", name: "Bandırma İsmet Paşa İlkokulu", level: "ilkokul", type: "ilkokul", district: "Bandırma" },
    { code: "710304", name: "Bandırma Güzel Sanatlar Lisesi", level: "lise", type: "guzel_sanatlar_lisesi", district: "Bandırma" },
    { code: "710401", name: "Edremit Körfez Anadolu Lisesi", level: "lise", type: "anadolu_lisesi", district: "Edremit" },
    { code: "710402", name: "Edremit Çamlıbel Ortaokulu", level: "ortaokul", type: "ortaokul", district: "Edremit" },
    { code: "710501", name: "Cunda İlkokulu", level: "ilkokul", type: "ilkokul", district: "Ayvalık" },
    { code: "710502", name: "Ayvalık Anadolu Lisesi", level: "lise", type: "anadolu_lisesi", district: "Ayvalık" },
    { code: "710601", name: "Gönen Ilıca Ortaokulu", level: "ortaokul", type: "ortaokul", district: "Gönen" },
    { code: "710602", name: "Gönen İmam Hatip Ortaokulu", level: "ortaokul", type: "imam_hatip_ortaokulu", district: "Gönen" },
    { code: "710701", name: "Sındırgı Yağcıbedir İlkokulu", level: "ilkokul", type: "ilkokul", district: "Sındırgı" },
    { code: "710801", name: "Burhaniye Özel Eğitim Uygulama Okulu", level: "ilkokul", type: "ozel_egitim", district: "Burhaniye" },
    { code: "710802", name: "Burhaniye Anaokulu", level: "okul_oncesi", type: "anaokulu", district: "Burhaniye" },
    { code: "710901", name: "İvrindi Çok Programlı Anadolu Lisesi", level: "lise", type: "anadolu_lisesi", district: "İvrindi" },
    { code: "711001", name: "Susurluk Şeker Ortaokulu", level: "ortaokul", type: "ortaokul", district: "Susurluk" },
    { code: "711101", name: "Erdek Yunus Emre İlkokulu", level: "ilkokul", type: "ilkokul", district: "Erdek" },
    { code: "711201", name: "Savaştepe Anaokulu", level: "okul_oncesi", type: "anaokulu", district: "Savaştepe" },
  ],
  "61": [
    { code: "716101", name: "Trabzon Fen Lisesi", level: "lise", type: "fen_lisesi", district: "Ortahisar" },
    { code: "716102", name: "Trabzon Sosyal Bilimler Lisesi", level: "lise", type: "sosyal_bilimler_lisesi", district: "Ortahisar" },
    { code: "716201", name: "Akçaabat Anadolu Lisesi", level: "lise", type: "anadolu_lisesi", district: "Akçaabat" },
    { code: "716301", name: "Of Anadolu Lisesi", level: "lise", type: "anadolu_lisesi", district: "Of" },
  ],
};

const areaCode: Record<string, string> = { "10": "0266", "61": "0462" };

/** The demo data as seeded, for tests and other helpers (ids and codes to refer to). */
export const demo = {
  provinces: ["10", "61"],
  districts: [
    ...balikesirDistricts.map((name) => ({ id: District.idOf("10", name), province: "10", name })),
    ...trabzon.map((name) => ({ id: District.idOf("61", name), province: "61", name })),
  ],
  schools: Object.entries(schools).flatMap(([province, list]) =>
    list.map(({ district, ...school }) => ({
      ...school,
      districtId: District.idOf(province, district),
      districtName: district,
      provinceCode: province,
      email: `${school.code}@meb.k12.tr`,
      phone: `${areaCode[province]} 241 ${school.code.slice(2, 4)} ${school.code.slice(4)}`,
    })),
  ),
};

/**
 * Seeds the demo organisation: fills in what is missing and leaves what exists alone. A district
 * already there is kept; a school already registered is not imported again, so a school that
 * someone edited (name, e-mail, …) keeps their edit on every later start. Runs as the system actor.
 */
export async function seedDemo(): Promise<void> {
  await withActor({ actor: { type: "system", reason: SEED_REASON }, requestId: "seed" }, async () => {
    await Promise.all(
      demo.districts.map(({ province, name }) =>
        District.create({ province, name }).catch((error) => {
          if (!(error instanceof VisibleError && error.code === "district_exists")) throw error;
        }),
      ),
    );
    const existing = await Promise.all(demo.schools.map((s) => School.get(s.code)));
    const missing = demo.schools.filter((_, i) => !existing[i]);
    for (const province of demo.provinces) {
      const header = "kurum_kodu,okul_adi,kademe,tur,ilce,eposta,telefon";
      const lines = missing
        .filter((s) => s.provinceCode === province)
        .map((s) => [s.code, s.name, s.level, s.type, s.districtName, s.email, s.phone].map(quote).join(","));
      if (lines.length === 0) continue;
      // Written here and now (no queue): start-up waits for the demo data.
      const input = await School.checkImport({ province, csv: [header, ...lines].join("\r\n") });
      const { job } = await Job.start(schoolImport, { ...input, key: `demo-${province}`, enqueue: false });
      if (job.status === "succeeded") continue; // seeded at an earlier start
      const outcome = await Job.system.execute(job.id, [schoolImport as JobType<never>]);
      if (outcome.status !== "succeeded") throw new Error(`demo seed failed: ${JSON.stringify(outcome)}`);
    }
  });
}

/** The system actor's reason on demo data, as people read it in the audit log. */
export const SEED_REASON = "örnek veri (npm start)";

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
