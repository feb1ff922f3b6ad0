import {
  BREACH_NOTIFICATION_HOURS,
  DATA_REGION,
  DESTRUCTION_INTERVAL_DAYS,
  type RetainedKind,
  retention,
} from "@bigep/core/shared";
import { TableBox } from "../ui";

/** The order retention rules are listed in the notice. */
const kinds: RetainedKind[] = ["account", "activityPersonal", "evidence", "signIn", "auditIp", "auditEvent"];

const categories: Array<[string, string, string]> = [
  ["Kimlik ve iletişim", "Ad soyad, kurumsal e-posta adresi", "Öğretmenler, yöneticiler, komisyon üyeleri"],
  [
    "Görev bilgisi",
    "Okul, ilçe, il; görev ve yetkiler (ör. okul komisyonu üyesi, koordinatör)",
    "Platform kullanıcıları",
  ],
  [
    "Etkinlik kayıtları",
    "Etkinliğe katılan öğretmenlerin adları; öğrenci grubunun sınıfı, kız/erkek sayısı ve öğrenci adlarının baş harfleri",
    "Öğretmenler, öğrenciler",
  ],
  [
    "Görsel kayıtlar ve belgeler",
    "Etkinlik fotoğrafları ve videoları (öğrencilerin görüntüsü bulunabilir), etkinlik belgeleri",
    "Öğretmenler, öğrenciler",
  ],
  [
    "İşlem güvenliği",
    "Oturum ve giriş kodu kayıtları, IP adresi, kimin hangi işlemi ne zaman yaptığı, dosya indirme kayıtları",
    "Platform kullanıcıları",
  ],
];

/** The privacy notice (KVKK m.10 aydınlatma metni); retention values come from core/privacy. */
export function Privacy() {
  return (
    <article className="privacy">
      <h1>Kişisel Verilerin Korunması Hakkında Aydınlatma Metni</h1>
      <p className="lead">
        Bu metin, 6698 sayılı Kişisel Verilerin Korunması Kanunu'nun (KVKK) 10. maddesi uyarınca, BİGEP Platformu'nda
        hangi kişisel verilerin, hangi amaçla ve hangi hukuki sebeple işlendiğini, ne kadar saklandığını, nerede
        tutulduğunu ve haklarınızı açıklar.
      </p>

      <section aria-labelledby="kvkk-sorumlu">
        <h2 id="kvkk-sorumlu">Veri sorumlusu</h2>
        <p>
          BİGEP — Başarıyı İzleme ve Geliştirme Projesi kapsamındaki veriler için Balıkesir İl Millî Eğitim Müdürlüğü;
          Okul Ortaklığı Programı kapsamındaki veriler için Millî Eğitim Bakanlığı Ortaöğretim Genel Müdürlüğü veri
          sorumlusudur. Okullar ve ilçe millî eğitim müdürlükleri verileri bu kurumlar adına, görevleri ölçüsünde işler.
        </p>
      </section>

      <section aria-labelledby="kvkk-kategoriler">
        <h2 id="kvkk-kategoriler">İşlenen kişisel veriler</h2>
        <TableBox label="İşlenen kişisel veriler">
          <table>
            <thead>
              <tr>
                <th scope="col">Veri kategorisi</th>
                <th scope="col">Örnekler</th>
                <th scope="col">İlgili kişiler</th>
              </tr>
            </thead>
            <tbody>
              {categories.map(([name, examples, who]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{examples}</td>
                  <td>{who}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
        <p>
          Platform özel nitelikli kişisel veri (sağlık, din, biyometrik veri vb.) istemez; bu tür bilgiler içeren belge
          ve görüntüler yüklenmemelidir. Yüklenen fotoğraf ve videolardaki konum, cihaz ve çekim zamanı bilgileri ile
          PDF belgelerdeki yazar bilgileri, gömülü dosyalar ve betikler kaydedilmeden önce silinir.
        </p>
      </section>

      <section aria-labelledby="kvkk-amac">
        <h2 id="kvkk-amac">İşleme amaçları</h2>
        <ul>
          <li>
            Okulların etkinliklerinin kanıtlarıyla kaydedilmesi, okul, ilçe ve il komisyonlarınca değerlendirilmesi;
          </li>
          <li>
            ödül süreçlerinin, yıl sonu şenliğinin ve okul ortaklıklarının eylem plan ve raporlarının yürütülmesi;
          </li>
          <li>
            proje takvimine ilişkin bildirimlerin e-postayla gönderilmesi ve istatistik ve raporların hazırlanması;
          </li>
          <li>oturum açma, yetkilendirme, işlem kayıtlarının tutulması ve bilgi güvenliğinin sağlanması.</li>
        </ul>
      </section>

      <section aria-labelledby="kvkk-hukuki">
        <h2 id="kvkk-hukuki">Hukuki sebepler</h2>
        <ul>
          <li>
            KVKK m.5/2(a) ve (ç): kanunlarda açıkça öngörülmesi ve veri sorumlusunun hukuki yükümlülüğü — millî eğitim
            mevzuatının eğitim kurumlarına ve il millî eğitim müdürlüklerine verdiği görevler;
          </li>
          <li>KVKK m.5/2(e): bir hakkın tesisi — ödül ve değerlendirme süreçlerinin yürütülmesi;</li>
          <li>
            KVKK m.5/2(f): meşru menfaat — oturum, IP ve işlem kayıtlarıyla bilgi güvenliğinin ve denetlenebilirliğin
            sağlanması;
          </li>
          <li>
            KVKK m.5/1: açık rıza — öğrencilerin tanınabildiği fotoğraf ve videolar, ancak velisinin yazılı izni
            alınmışsa yüklenir (yükleyen öğretmen bunu işaretler);
          </li>
          <li>
            KVKK m.6: özel nitelikli veriler yalnızca m.6/3'te sayılan şartlardan biri varsa işlenebilir; platform bu
            tür veri istemez.
          </li>
        </ul>
      </section>

      <section aria-labelledby="kvkk-saklama">
        <h2 id="kvkk-saklama">Saklama süreleri</h2>
        <TableBox label="Saklama süreleri">
          <table>
            <thead>
              <tr>
                <th scope="col">Veri</th>
                <th scope="col">Saklama süresi</th>
                <th scope="col">Süre dolunca</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{retention[kind].label}</th>
                  <td>{retention[kind].period}</td>
                  <td>{retention[kind].action === "delete" ? "Silinir" : "Anonim hâle getirilir"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
        <p>
          Süresi dolan veriler, en az {DESTRUCTION_INTERVAL_DAYS} günde bir çalışan periyodik imha işiyle silinir ya da
          anonim hâle getirilir (Kişisel Verilerin Silinmesi, Yok Edilmesi veya Anonim Hale Getirilmesi Hakkında
          Yönetmelik: en fazla 6 aylık aralık); her çalışmada neyin imha edildiği kayıt altına alınır.
        </p>
      </section>

      <section aria-labelledby="kvkk-yer">
        <h2 id="kvkk-yer">Verilerin saklandığı yer ve yurt dışına aktarım</h2>
        <p>
          Veriler, Amazon Web Services'in {DATA_REGION.name} bölgesindeki ({DATA_REGION.code}) veri merkezlerinde,
          şifrelenmiş olarak saklanır ve yalnızca şifreli bağlantı (HTTPS) üzerinden iletilir. Bu, kişisel verilerin
          yurt dışına aktarılması demektir: aktarım KVKK m.9'da öngörülen şartlara (yeterlilik kararı bulunmadığından
          Kurulca belirlenen standart sözleşme gibi uygun güvencelere) dayanılarak yapılır. Bildirim e-postaları da aynı
          bölgedeki e-posta hizmetiyle gönderilir.
        </p>
        <p>
          Veriler, görevleri gereği Millî Eğitim Bakanlığı birimleriyle, değerlendirme komisyonlarıyla ve kanunen
          yetkili kamu kurum ve kuruluşlarıyla, yalnızca görevleri ölçüsünde paylaşılır.
        </p>
      </section>

      <section aria-labelledby="kvkk-haklar">
        <h2 id="kvkk-haklar">Haklarınız (KVKK m.11)</h2>
        <p>Veri sorumlusuna başvurarak:</p>
        <ul>
          <li>kişisel verilerinizin işlenip işlenmediğini öğrenme, işlenmişse buna ilişkin bilgi talep etme;</li>
          <li>işlenme amacını ve amacına uygun kullanılıp kullanılmadığını öğrenme;</li>
          <li>yurt içinde veya yurt dışında aktarıldığı üçüncü kişileri bilme;</li>
          <li>eksik veya yanlış işlenmişse düzeltilmesini isteme;</li>
          <li>KVKK m.7'deki şartlar çerçevesinde silinmesini veya yok edilmesini isteme;</li>
          <li>düzeltme, silme ve yok etme işlemlerinin aktarıldığı üçüncü kişilere bildirilmesini isteme;</li>
          <li>münhasıran otomatik sistemlerle analiz edilmesi sonucu aleyhinize bir sonuç çıkmasına itiraz etme;</li>
          <li>kanuna aykırı işlenmesi sebebiyle zarara uğramanız hâlinde zararın giderilmesini talep etme</li>
        </ul>
        <p>haklarına sahipsiniz.</p>
      </section>

      <section aria-labelledby="kvkk-basvuru">
        <h2 id="kvkk-basvuru">Nasıl başvurulur</h2>
        <p>
          Başvurunuzu, Veri Sorumlusuna Başvuru Usul ve Esasları Hakkında Tebliğ'e uygun olarak, kimliğinizi ve
          talebinizi açıkça belirterek veri sorumlusuna yazılı olarak, kayıtlı elektronik posta (KEP) adresine, güvenli
          elektronik imzalı olarak ya da platformda kayıtlı e-posta adresinizden iletebilirsiniz. Öğrenciler adına
          başvuruyu veli yapar. Başvurular en geç 30 gün içinde ücretsiz sonuçlandırılır; verilerinizin bir kopyası
          istenirse makine tarafından okunabilir biçimde (JSON) verilir. Başvurunuz reddedilir ya da yanıtı yetersiz
          bulunursa, 30 gün içinde Kişisel Verileri Koruma Kurulu'na şikâyette bulunabilirsiniz (KVKK m.14).
        </p>
      </section>

      <section aria-labelledby="kvkk-ihlal">
        <h2 id="kvkk-ihlal">Veri ihlali</h2>
        <p>
          İşlenen kişisel verilerin kanuni olmayan yollarla başkalarınca elde edilmesi hâlinde veri sorumlusu, durumu
          öğrendiği andan itibaren en geç {BREACH_NOTIFICATION_HOURS} saat içinde Kişisel Verileri Koruma Kurulu'na
          bildirir ve etkilenen kişilere en kısa sürede haber verir (KVKK m.12/5).
        </p>
      </section>
    </article>
  );
}
