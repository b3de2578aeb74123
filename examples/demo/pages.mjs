// The static server for the example pages. It serves each example folder, the
// widgets' CDN bundle and the NL Design System tokens, fills in the API and
// intake URLs in the HTML, and sends a strict Content-Security-Policy so the pages
// prove the widgets need no inline script or eval.
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const here = dirname(fileURLToPath(import.meta.url));
const examplesDir = join(here, '..');
const repoRoot = join(examplesDir, '..');
const require = createRequire(import.meta.url);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown; charset=utf-8',
};

function utrechtTokensDir() {
  return dirname(require.resolve('@utrecht/design-tokens/dist/index.css'));
}

/**
 * @param {{ apiBase: string, intakeUrl?: string, tileUrl?: string, routes?: Array<(app: Hono) => void> }} config
 *   apiBase: the search API's /v1 base URL as the browser reaches it.
 *   routes: more routes on this server, added before the static files (the demo's HIS backend).
 */
export function createPagesApp(config) {
  const mounts = [
    ['/his-consult/', join(examplesDir, 'his-consult')],
    ['/gemeente-site/', join(examplesDir, 'gemeente-site')],
    ['/widgets/', join(repoRoot, 'packages/widgets/dist/cdn')],
    ['/vendor/utrecht/', utrechtTokensDir()],
    ['/shared/', join(examplesDir, 'demo/shared')],
  ];
  const apiOrigin = new URL(config.apiBase).origin;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Lit uses constructable stylesheets and Leaflet sets element.style from script: neither needs 'unsafe-inline'.
    "style-src 'self'",
    `connect-src 'self' ${apiOrigin}`,
    `img-src 'self' data: https://service.pdok.nl ${apiOrigin}`,
    "font-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  // Whatever goes wrong inside, the browser gets a short answer, never a stack trace.
  app.onError((error, c) => {
    console.error(`example pages: ${c.req.method} ${new URL(c.req.url).pathname}: ${error.message}`);
    return c.text('Er ging iets mis op de server.', 500);
  });
  app.get('/', (c) => c.redirect('/his-consult/'));
  for (const add of config.routes ?? []) add(app);
  app.get('*', async (c) => {
    const path = decodePath(new URL(c.req.url).pathname);
    if (path === null) return c.text('Ongeldig adres', 400);
    const mount = mounts.find(([prefix]) => path.startsWith(prefix) || path === prefix.slice(0, -1));
    if (!mount) return c.text('Niet gevonden', 404);
    const [prefix, dir] = mount;
    if (path === prefix.slice(0, -1)) return c.redirect(prefix);
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir + sep)) return c.text('Niet gevonden', 404);
    try {
      const s = await stat(file);
      if (!s.isFile()) return c.text('Niet gevonden', 404);
    } catch {
      return c.text('Niet gevonden', 404);
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) {
      const html = (await readFile(file, 'utf8'))
        .replaceAll('{{API_BASE}}', escapeAttr(config.apiBase))
        .replaceAll('{{INTAKE_URL}}', escapeAttr(config.intakeUrl ?? ''))
        .replaceAll('{{TILE_URL}}', escapeAttr(config.tileUrl ?? ''));
      return c.body(html, 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
    }
    return c.body(await readFile(file), 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  });
  return app;
}

/** The decoded path, or null for one no file can have: a broken %-escape ("/%", "/%E0%A4%A") or a NUL. */
function decodePath(pathname) {
  try {
    const path = decodeURIComponent(pathname);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

function escapeAttr(s) {
  return s.replace(/[&"<>]/g, (ch) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[ch]);
}
