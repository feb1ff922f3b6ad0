/**
 * The built web app (packages/web/dist) for the local runtime: files as they are, any other
 * extension-less path gets index.html (client-side routes). Until the app is built, a short
 * page says how to build it; it is checked per request, so building while running works.
 */
import { existsSync } from "node:fs";
import { extname, join, sep } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono, type MiddlewareHandler } from "hono";

const notBuilt = `<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>BİGEP</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto">
<h1>BİGEP</h1>
<p>Web uygulaması henüz derlenmemiş. Depo kökünde <code>npm run build</code> çalıştırıp sayfayı yenileyin.</p>
<p>API çalışıyor: <a href="/api/docs">/api/docs</a></p>
</body></html>`;

/** Hashed build assets never change; everything else is revalidated. */
function cacheControl(path: string): string {
  return path.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** A Hono app serving the web build in `dist` (an absolute path). */
export function site(dist: string): Hono {
  const web = new Hono();
  let files: MiddlewareHandler | undefined;
  let index: MiddlewareHandler | undefined;
  web.on(["GET", "HEAD"], "*", async (c) => {
    if (!existsSync(join(dist, "index.html"))) return c.html(notBuilt);
    const onFound = (path: string, found: Context) => {
      found.header("Cache-Control", cacheControl(path));
    };
    files ??= serveStatic({ root: dist, onFound });
    index ??= serveStatic({ root: dist, path: "index.html", onFound });
    const missing = async () => {};
    const served = await files(c, missing);
    if (served) return served;
    if (extname(c.req.path)) return c.text("Bulunamadı", 404);
    return (await index(c, missing)) ?? c.text("Bulunamadı", 404);
  });
  return web;
}
