/**
 * The built web app (packages/web/dist) for the local runtime: files as they are, any other
 * extension-less path gets index.html (client-side routes). Until the app is built, a short
 * page says how to build it; it is checked per request, so building while running works.
 */
import { existsSync } from "node:fs";
import { extname, join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type MiddlewareHandler } from "hono";

const notBuilt = `<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>BİGEP</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto">
<h1>BİGEP</h1>
<p>Web uygulaması henüz derlenmemiş. Depo kökünde <code>npm run build</code> çalıştırıp sayfayı yenileyin.</p>
<p>API çalışıyor: <a href="/api/docs">/api/docs</a></p>
</body></html>`;

const immutable = "public, max-age=31536000, immutable";

/** A Hono app serving the web build in `dist` (an absolute path). */
export function site(dist: string): Hono {
  const web = new Hono();
  // Built on first use: serveStatic complains at construction when `dist` does not exist yet.
  let files: MiddlewareHandler | undefined;
  let index: MiddlewareHandler | undefined;
  const missing = async () => {};
  web.on(["GET", "HEAD"], "*", async (c) => {
    if (!existsSync(join(dist, "index.html"))) return c.html(notBuilt);
    files ??= serveStatic({ root: dist });
    index ??= serveStatic({ root: dist, path: "index.html" });
    const file = await files(c, missing);
    if (file) {
      // Hashed build assets never change; everything else is revalidated.
      file.headers.set("Cache-Control", c.req.path.startsWith("/assets/") ? immutable : "no-cache");
      return file;
    }
    // Client-side routes have no extension; a missing file has one.
    const page = extname(c.req.path) ? undefined : await index(c, missing);
    if (!page) return c.text("Bulunamadı", 404);
    page.headers.set("Cache-Control", "no-cache");
    return page;
  });
  return web;
}
