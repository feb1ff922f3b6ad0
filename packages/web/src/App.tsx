/** The shell: header (brand, navigation, user), the current page, and the page guards. */
import { Suspense, useEffect, useState } from "react";
import { useLocalMode } from "./outbox";
import { NotFound } from "./pages/NotFound";
import { Link, matchPath, navigate, ParamsContext, useLocation } from "./router";
import { type PageEntry, pages } from "./routes";
import { type Session, useSession } from "./session";
import { Alert } from "./ui";

function visible(page: PageEntry, session: Session, local: boolean): boolean {
  if (page.localOnly && !local) return false;
  if ((page.auth || page.page) && session.status !== "signed-in") return false;
  return !page.page || session.mayOpen(page.page);
}

function Header() {
  const session = useSession();
  const local = useLocalMode();
  const { path, href } = useLocation();
  const items = pages.filter((page) => page.nav && visible(page, session, local));
  // On a phone the menu folds behind a button (CSS hides the list below 48rem unless open).
  const [open, setOpen] = useState(false);
  return (
    <header className="site-header">
      <div className="bar">
        <Link to="/" className="brand" aria-label="BİGEP ana sayfa">
          BİGEP
        </Link>
        <button
          type="button"
          className="menu-toggle secondary"
          aria-expanded={open}
          aria-controls="main-menu"
          onClick={() => setOpen((o) => !o)}
        >
          Menü
        </button>
        <nav aria-label="Ana menü" id="main-menu" className={open ? "open" : undefined}>
          <ul>
            {items.map((page) => (
              <li key={page.path}>
                <Link
                  to={page.path}
                  aria-current={matchPath(page.path, path) ? "page" : undefined}
                  onClick={() => setOpen(false)}
                >
                  {page.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user">
          {session.status === "signed-in" && session.me ? (
            <>
              <span className="name">{session.me.user.name}</span>
              <button
                type="button"
                className="secondary small"
                onClick={() => void session.signOut().then(() => navigate("/"))}
              >
                Çıkış
              </button>
            </>
          ) : session.status === "signed-out" && path !== "/giris" ? (
            <Link className="button small" to={`/giris?next=${encodeURIComponent(href)}`}>
              Oturum aç
            </Link>
          ) : null}
        </div>
      </div>
    </header>
  );
}

/** Renders the page, or waits for the session, or sends a signed-out user to sign in. */
function Guard({ page }: { page: PageEntry }) {
  const session = useSession();
  const { href } = useLocation();
  const needsUser = !!(page.auth || page.page);
  const signedOut = needsUser && session.status === "signed-out";
  useEffect(() => {
    if (signedOut) navigate(`/giris?next=${encodeURIComponent(href)}`, { replace: true });
  }, [signedOut, href]);

  if (needsUser && session.status !== "signed-in") return <p className="muted page-loading">Yükleniyor…</p>;
  if (page.page && !session.mayOpen(page.page)) {
    return (
      <>
        <h1>{page.title}</h1>
        <p className="error">Bu sayfayı görüntüleme yetkiniz yok.</p>
      </>
    );
  }
  // While a page's code loads, hold the space a page takes so the footer does not jump.
  return <Suspense fallback={<p className="muted page-loading">Yükleniyor…</p>}>{page.element}</Suspense>;
}

export function App() {
  const { path } = useLocation();
  const session = useSession();
  let match: { page: PageEntry; params: Record<string, string> } | undefined;
  for (const page of pages) {
    const params = matchPath(page.path, path);
    if (params) {
      match = { page, params };
      break;
    }
  }
  const title = match?.page.title ?? "Sayfa bulunamadı";
  useEffect(() => {
    document.title = `${title} · BİGEP Platformu`;
  }, [title]);

  return (
    <>
      <a className="skip" href="#main">
        İçeriğe geç
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Alert text={session.error} />
        {match ? (
          <ParamsContext.Provider value={match.params}>
            <Guard key={match.page.path} page={match.page} />
          </ParamsContext.Provider>
        ) : (
          <NotFound />
        )}
      </main>
      <footer className="site-footer">
        <p>BİGEP — Başarıyı İzleme ve Geliştirme Projesi · Okul Ortaklığı Programı</p>
        <p>
          <Link to="/aydinlatma-metni">Kişisel verilerin korunması (aydınlatma metni)</Link>
        </p>
      </footer>
    </>
  );
}
