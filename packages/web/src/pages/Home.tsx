import type { Scope } from "@bigep/core/shared";
import { useCallback, useEffect, useState } from "react";
import { api, messageOf, request } from "../api";
import { UpcomingDeadlines } from "../calendar/Upcoming";
import { formatNumber } from "../format";
import { ScopeName } from "../names";
import { Link } from "../router";
import { useSession } from "../session";
import { Alert } from "../ui";

const fetchWaiting = () => request(api.api.me.waiting.$get({ query: {} }));
type Waiting = Awaited<ReturnType<typeof fetchWaiting>>;
type Item = Waiting["items"][number];

/** What each kind of waiting work is called on the home page. */
const kindText: Record<Item["kind"], string> = {
  draft: "Tamamlanacak taslaklarım",
  returned: "Bana iade edilen kayıtlar",
  evidence: "Kanıt dosyası bekleyen kayıtlarım",
  review: "İncelemenizi bekleyen etkinlikler",
  forward: "İlçeye iletilecek onaylı etkinlikler",
  district: "İlçe kararı bekleyen etkinlikler",
  province: "İl kararı bekleyen etkinlikler",
  follow: "Bu düzeye iletilen etkinlikler",
};

const scopeParam = (scope: Scope) => `${scope.type}:${scope.id}`;

/** Where the list of a waiting item opens (the activity list filtered to that work). */
function linkOf(item: Item, year: string): string {
  if (item.kind === "draft" || item.kind === "returned" || item.kind === "evidence") return "/etkinlikler?benim=1";
  const query: Record<string, string> =
    item.scope.type === "school"
      ? { okul: item.scope.id, yil: year, durum: item.status ?? "" }
      : { kapsam: scopeParam(item.scope), yil: year, durum: item.status ?? "" };
  return `/etkinlikler?${new URLSearchParams(query)}`;
}

/**
 * Landing page. A signed-in person sees what waits for them (and, from the calendar, what is due);
 * everyone else what the programmes are. Nothing below the waiting list moves when it arrives
 * (its space is reserved), so the page does not shift on a phone.
 */
export function Home() {
  const session = useSession();
  if (session.status === "loading") {
    return (
      <>
        <h1>BİGEP Platformu</h1>
        <div className="waiting" aria-busy="true" />
      </>
    );
  }
  if (session.status === "signed-in") return <SignedInHome />;
  return (
    <>
      <h1>BİGEP Platformu</h1>
      <p className="lead">Okullarımızın çalışmalarını kayda geçirmek, değerlendirmek ve paylaşmak için tek bir yer.</p>
      <About />
      <ul className="actions">
        <li>
          <Link className="button" to="/okullar">
            Okulları görüntüle
          </Link>
        </li>
        <li>
          <Link className="button secondary" to="/giris">
            Oturum aç
          </Link>
        </li>
      </ul>
    </>
  );
}

/**
 * The waiting work, then the calendar's deadlines below it. The deadlines are drawn once the
 * waiting list has its final height: drawn earlier, they moved down when the list arrived (the
 * home page's only layout shift on a phone).
 */
function SignedInHome() {
  const [settled, setSettled] = useState(false);
  const settle = useCallback(() => setSettled(true), []);
  return (
    <>
      <h1>BİGEP Platformu</h1>
      <WaitingWork onSettled={settle} />
      <div id="upcoming-deadlines">{settled && <UpcomingDeadlines />}</div>
    </>
  );
}

/** The person's waiting work as counted by the server (`GET /api/me/waiting`), each with a link to it. */
function WaitingWork({ onSettled }: { onSettled: () => void }) {
  const session = useSession();
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchWaiting()
      .then(
        (body) => live && setWaiting(body),
        (failure) => live && setError(messageOf(failure)),
      )
      .finally(() => live && onSettled());
    return () => {
      live = false;
    };
  }, [onSettled]);
  const mayRecord = session.scopesFor("activity.create").length > 0;

  return (
    <section className="waiting" aria-labelledby="waiting-title" aria-busy={!waiting && !error}>
      <h2 id="waiting-title">Sizi bekleyenler</h2>
      <p className="muted">{session.me?.user.name} · bu eğitim öğretim yılı</p>
      <Alert text={error} />
      {!waiting && !error && <p className="muted">Yükleniyor…</p>}
      {waiting && waiting.items.length === 0 && (
        <p className="muted">
          Şu anda sizi bekleyen bir iş yok.{" "}
          {mayRecord ? (
            <Link to="/etkinlikler/yeni">Yeni bir etkinlik kaydedin</Link>
          ) : (
            <Link to="/etkinlikler">Etkinliklere göz atın</Link>
          )}
          .
        </p>
      )}
      {waiting && waiting.items.length > 0 && (
        <ul className="waiting-list">
          {waiting.items.map((item) => (
            <li key={`${item.kind}|${item.scope.type}:${item.scope.id}`} data-kind={item.kind} className="card">
              <Link to={linkOf(item, waiting.year)} className="waiting-link">
                <strong className="waiting-count">{formatNumber(item.count)}</strong>
                <span>{kindText[item.kind]}</span>
              </Link>
              {item.scope.type !== "national" && (
                <span className="waiting-scope">
                  <ScopeName scope={item.scope} />
                </span>
              )}
              {item.records && (
                <ul className="waiting-records">
                  {item.records.map((r) => (
                    <li key={r.id}>
                      <Link to={`/etkinlikler/${r.id}`}>{r.title}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the two programmes are. */
function About() {
  return (
    <div className="cards">
      <section className="card" aria-labelledby="bigep-title">
        <h2 id="bigep-title">BİGEP — Başarıyı İzleme ve Geliştirme Projesi</h2>
        <p>
          Balıkesir'deki okul öncesinden liseye tüm okulların öğretmen, yönetici ve öğrencileri etkinliklerini
          kanıtlarıyla (fotoğraf, belge) kaydeder. Okul, ilçe ve il komisyonları bunları ölçütlere göre değerlendirir ve
          dört alanda ödül verir: akademik çalışmalar; proje çalışmaları; sanatsal, sportif, kültürel ve sosyal
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
  );
}
