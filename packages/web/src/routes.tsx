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
 * Pages are `lazy`: the shell renders them inside a Suspense boundary.
 */
import type { ReactNode } from "react";
import { lazy } from "react";
import type { Page } from "./session";

// Route-level code splitting: each page is its own chunk, loaded when first visited, so a phone
// downloads the shell and the page it opens, not every page's code.
const Activities = lazy(() => import("./pages/Activities").then((m) => ({ default: m.Activities })));
const ActivityDetail = lazy(() => import("./pages/ActivityDetail").then((m) => ({ default: m.ActivityDetail })));
const ActivityForm = lazy(() => import("./pages/ActivityForm").then((m) => ({ default: m.ActivityForm })));
const AuditLog = lazy(() => import("./pages/AuditLog").then((m) => ({ default: m.AuditLog })));
const Categories = lazy(() => import("./pages/Categories").then((m) => ({ default: m.Categories })));
const Home = lazy(() => import("./pages/Home").then((m) => ({ default: m.Home })));
const Jobs = lazy(() => import("./pages/Jobs").then((m) => ({ default: m.Jobs })));
// --- reports ---
const Reports = lazy(() => import("./pages/Reports").then((m) => ({ default: m.Reports })));
const Outbox = lazy(() => import("./pages/Outbox").then((m) => ({ default: m.Outbox })));
const Privacy = lazy(() => import("./pages/Privacy").then((m) => ({ default: m.Privacy })));
const Profile = lazy(() => import("./pages/Profile").then((m) => ({ default: m.Profile })));
const SchoolAdmin = lazy(() => import("./pages/SchoolAdmin").then((m) => ({ default: m.SchoolAdmin })));
const Schools = lazy(() => import("./pages/Schools").then((m) => ({ default: m.Schools })));
const SignIn = lazy(() => import("./pages/SignIn").then((m) => ({ default: m.SignIn })));
const Users = lazy(() => import("./pages/Users").then((m) => ({ default: m.Users })));
// --- calendar & reminders ---
const CalendarPage = lazy(() => import("./pages/CalendarPage").then((m) => ({ default: m.CalendarPage })));
const Notifications = lazy(() => import("./pages/Notifications").then((m) => ({ default: m.Notifications })));
const Unsubscribe = lazy(() => import("./pages/Notifications").then((m) => ({ default: m.Unsubscribe })));
// --- review: certificates --- (public verification, no sign-in)
const Certificate = lazy(() => import("./pages/Certificate").then((m) => ({ default: m.Certificate })));
// --- partnership --- (Okul Ortaklığı Programı)
const Partnerships = lazy(() => import("./pages/Partnerships").then((m) => ({ default: m.Partnerships })));
const PartnershipWorkspace = lazy(() =>
  import("./pages/PartnershipWorkspace").then((m) => ({ default: m.PartnershipWorkspace })),
);
const PartnershipModeration = lazy(() =>
  import("./pages/PartnershipModeration").then((m) => ({ default: m.PartnershipModeration })),
);
const PartnershipDashboard = lazy(() =>
  import("./pages/PartnershipDashboard").then((m) => ({ default: m.PartnershipDashboard })),
);
const PartnershipShowcase = lazy(() =>
  import("./pages/PartnershipShowcase").then((m) => ({ default: m.PartnershipShowcase })),
);
// --- review --- (commission reviews: reviewer's queue and form, the board's panel, a school's results)
const ReviewQueue = lazy(() => import("./pages/ReviewQueue").then((m) => ({ default: m.ReviewQueue })));
const ReviewForm = lazy(() => import("./pages/ReviewForm").then((m) => ({ default: m.ReviewForm })));
const ReviewBoard = lazy(() => import("./pages/ReviewBoard").then((m) => ({ default: m.ReviewBoard })));
const ReviewRound = lazy(() => import("./pages/ReviewRound").then((m) => ({ default: m.ReviewRound })));
const ReviewResults = lazy(() => import("./pages/ReviewResults").then((m) => ({ default: m.ReviewResults })));

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
  // --- reports ---
  { path: "/raporlar", title: "Raporlar", element: <Reports />, nav: true, page: "reports" },
  { path: "/profil", title: "Profilim", element: <Profile />, nav: true, auth: true },
  { path: "/giris", title: "Oturum aç", element: <SignIn /> },
  { path: "/posta", title: "Posta kutusu", element: <Outbox />, nav: true, localOnly: true },
  { path: "/aydinlatma-metni", title: "Aydınlatma metni", element: <Privacy /> },
  // --- calendar & reminders --- (calendars are public; preferences are the person's own)
  { path: "/takvim", title: "Takvim", element: <CalendarPage />, nav: true },
  { path: "/bildirimler", title: "Bildirimler", element: <Notifications />, auth: true },
  { path: "/abonelik", title: "Hatırlatmalardan çık", element: <Unsubscribe /> },
  // --- review: certificates --- (public: what a certificate's QR code opens)
  { path: "/sertifika/:code", title: "Sertifika doğrulama", element: <Certificate /> },
  // --- partnership --- (workspace rights come from the partnership's `may`; the showcase is public)
  { path: "/ortakliklar", title: "Ortaklıklar", element: <Partnerships />, nav: true, page: "partnerships" },
  { path: "/ortakliklar/:id", title: "Ortaklık çalışma alanı", element: <PartnershipWorkspace />, auth: true },
  {
    path: "/vitrin-moderasyonu",
    title: "Vitrin moderasyonu",
    element: <PartnershipModeration />,
    nav: true,
    page: "partnershipModeration",
  },
  {
    path: "/ortaklik-panosu",
    title: "Ortaklık panosu",
    element: <PartnershipDashboard />,
    nav: true,
    page: "partnershipDashboard",
  },
  { path: "/vitrin/:id", title: "Ortaklık vitrini", element: <PartnershipShowcase /> },
  // --- review ---
  { path: "/degerlendirmeler", title: "Değerlendirmelerim", element: <ReviewQueue />, nav: true, page: "reviews" },
  {
    path: "/degerlendirmeler/:round/:activity",
    title: "Değerlendirme formu",
    element: <ReviewForm />,
    page: "reviews",
  },
  { path: "/kurul", title: "Değerlendirme kurulu", element: <ReviewBoard />, nav: true, page: "reviewBoard" },
  { path: "/kurul/:id", title: "Değerlendirme turu", element: <ReviewRound />, page: "reviewBoard" },
  { path: "/sonuclar", title: "Sonuçlar", element: <ReviewResults />, nav: true, page: "reviewResults" },
];
