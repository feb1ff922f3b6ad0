/**
 * The page registry: one line per page. The shell builds the navigation and the guards from
 * it, so adding a page is an import plus an entry here.
 *
 * - `path`: exact path, `:name` segments become `useParams()` (e.g. "/etkinlikler/:id").
 * - `title`: page title and navigation label (Turkish).
 * - `nav`: show in the header navigation.
 * - `auth`: only for signed-in users (others are sent to /giris and back).
 * - `page`: only for users whose capabilities (from `GET /api/me`) list this page (implies `auth`).
 * - `localOnly`: only when the local runtime's dev endpoints answer (e.g. the outbox).
 */
import type { ReactNode } from "react";
import { Activities } from "./pages/Activities";
import { ActivityDetail } from "./pages/ActivityDetail";
import { ActivityForm } from "./pages/ActivityForm";
import { AuditLog } from "./pages/AuditLog";
import { Categories } from "./pages/Categories";
import { Home } from "./pages/Home";
import { Jobs } from "./pages/Jobs";
import { Outbox } from "./pages/Outbox";
import { Privacy } from "./pages/Privacy";
import { Profile } from "./pages/Profile";
import { SchoolAdmin } from "./pages/SchoolAdmin";
import { Schools } from "./pages/Schools";
import { SignIn } from "./pages/SignIn";
import { Users } from "./pages/Users";
import type { Page } from "./session";

export type PageEntry = {
  path: string;
  title: string;
  element: ReactNode;
  nav?: boolean;
  auth?: boolean;
  page?: Page;
  localOnly?: boolean;
};

export const pages: PageEntry[] = [
  { path: "/", title: "Ana sayfa", element: <Home />, nav: true },
  { path: "/okullar", title: "Okullar", element: <Schools />, nav: true },
  { path: "/okullar/yonetim", title: "Okul yönetimi", element: <SchoolAdmin />, page: "schoolAdmin" },
  { path: "/etkinlikler", title: "Etkinlikler", element: <Activities />, nav: true, auth: true },
  { path: "/etkinlikler/yeni", title: "Yeni etkinlik", element: <ActivityForm />, auth: true },
  { path: "/etkinlikler/:id", title: "Etkinlik", element: <ActivityDetail />, auth: true },
  { path: "/etkinlikler/:id/duzenle", title: "Etkinliği düzenle", element: <ActivityForm />, auth: true },
  { path: "/kullanicilar", title: "Kullanıcılar", element: <Users />, nav: true, page: "users" },
  { path: "/kategoriler", title: "Kategoriler", element: <Categories />, nav: true, page: "categories" },
  { path: "/denetim", title: "Denetim kaydı", element: <AuditLog />, nav: true, page: "audit" },
  { path: "/isler", title: "İşler", element: <Jobs />, nav: true, page: "jobs" },
  { path: "/profil", title: "Profilim", element: <Profile />, nav: true, auth: true },
  { path: "/giris", title: "Oturum aç", element: <SignIn /> },
  { path: "/posta", title: "Posta kutusu", element: <Outbox />, nav: true, localOnly: true },
  { path: "/aydinlatma-metni", title: "Aydınlatma metni", element: <Privacy /> },
];
