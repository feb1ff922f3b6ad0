import { Link } from "../router";

/** Shown for any path no page claims. */
export function NotFound() {
  return (
    <>
      <h1>Sayfa bulunamadı</h1>
      <p>
        Aradığınız sayfa yok ya da taşınmış olabilir. <Link to="/">Ana sayfaya dönün.</Link>
      </p>
    </>
  );
}
