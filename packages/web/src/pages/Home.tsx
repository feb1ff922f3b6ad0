import { Link } from "../router";
import { useSession } from "../session";

/** Landing page: what the two programmes are and where to go next. */
export function Home() {
  const session = useSession();
  return (
    <>
      <h1>BİGEP Platformu</h1>
      <p className="lead">Okullarımızın çalışmalarını kayda geçirmek, değerlendirmek ve paylaşmak için tek bir yer.</p>
      <div className="cards">
        <section className="card" aria-labelledby="bigep-title">
          <h2 id="bigep-title">BİGEP — Başarıyı İzleme ve Geliştirme Projesi</h2>
          <p>
            Balıkesir'deki okul öncesinden liseye tüm okulların öğretmen, yönetici ve öğrencileri etkinliklerini
            kanıtlarıyla (fotoğraf, belge) kaydeder. Okul, ilçe ve il komisyonları bunları ölçütlere göre değerlendirir
            ve dört alanda ödül verir: akademik çalışmalar; proje çalışmaları; sanatsal, sportif, kültürel ve sosyal
            faaliyetler; yenilikçi eğitim ortamları ve tasarım beceri atölyeleri.
          </p>
        </section>
        <section className="card" aria-labelledby="ortaklik-title">
          <h2 id="ortaklik-title">Okul Ortaklığı Programı</h2>
          <p>
            Farklı illerden Anadolu, fen ve sosyal bilimler liseleri dört yıllık ortaklıklar kurar. Ortaklar koordinatör
            ve ortak zümre başkanlarını belirler, hedefleri ve performans göstergeleri olan ortak eylem planı hazırlar,
            ortak etkinlikler yürütür ve her yıl değerlendirme raporu yazar.
          </p>
        </section>
      </div>
      <ul className="actions">
        <li>
          <Link className="button" to="/okullar">
            Okulları görüntüle
          </Link>
        </li>
        {session.status === "signed-out" && (
          <li>
            <Link className="button secondary" to="/giris">
              Oturum aç
            </Link>
          </li>
        )}
      </ul>
    </>
  );
}
