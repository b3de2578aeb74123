/**
 * The API's documentation pages, served from this package alone (no CDN, works offline
 * and under a strict CSP): Swagger UI from the pinned `swagger-ui-dist` package in
 * node_modules, and one page per problem type at /problems/<type>.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { ProblemError, problemTypeUri } from './http/problem.js';
import { PROBLEM_TYPES, problemTypeInfo } from './http/problem-types.js';

/** Scripts and styles only from this origin; Swagger UI sets inline style attributes, hence 'unsafe-inline' for styles. */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
};
// Read once, lazily: the bundle is large and most processes never serve /docs.
const cache = new Map<string, Buffer>();
const asset = (name: string) => {
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(join(swaggerDir, ASSETS[name]!.file));
    cache.set(name, body);
  }
  return body;
};

// Swagger UI's markup has a few accessibility gaps (axe): the header is outside any landmark
// and the tag headings skip a level. Patched after each render; deep links are off because
// they nest a link inside each operation's button.
const INIT_JS = `(function () {
  function fix() {
    document.querySelectorAll('.swagger-ui .information-container:not([role])').forEach(function (el) { el.setAttribute('role', 'banner'); });
    document.querySelectorAll('.swagger-ui h3.opblock-tag:not([aria-level])').forEach(function (el) { el.setAttribute('aria-level', '2'); });
    document.querySelectorAll('.swagger-ui section.models > h4:not([aria-level])').forEach(function (el) { el.setAttribute('aria-level', '2'); });
    document.querySelectorAll('.swagger-ui .opblock h4:not([aria-level])').forEach(function (el) { el.setAttribute('aria-level', '3'); });
    document.querySelectorAll('.swagger-ui .opblock h5:not([aria-level])').forEach(function (el) { el.setAttribute('aria-level', '4'); });
    document.querySelectorAll('.swagger-ui pre:not([tabindex])').forEach(function (el) { el.setAttribute('tabindex', '0'); });
    document.querySelectorAll('.swagger-ui tr[data-param-name] select:not([aria-label])').forEach(function (el) {
      el.setAttribute('aria-label', el.closest('tr').getAttribute('data-param-name'));
    });
  }
  window.addEventListener('load', function () {
    var root = document.getElementById('swagger-ui');
    window.ui = SwaggerUIBundle({ url: root.getAttribute('data-openapi-url'), dom_id: '#swagger-ui', deepLinking: false, tryItOutEnabled: false, onComplete: fix });
    new MutationObserver(fix).observe(root, { childList: true, subtree: true });
  });
})();
`;

// Darker colours where Swagger UI's fall below WCAG AA contrast (4.5:1).
const DOCS_CSS = `.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1f5f9e; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1e6b45; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8a4b00; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #a1262b; }
.swagger-ui .info .title small pre.version { background: #4f5563; }
.swagger-ui .info .title small.version-stamp, .swagger-ui .info .title small.version-stamp pre.version { background: #3b5c00; }
.swagger-ui .info .base-url, .swagger-ui .info a, .swagger-ui .info .url { color: #1f5f9e; }
.swagger-ui .btn.authorize { color: #1e6b45; border-color: #1e6b45; }
.swagger-ui .btn.authorize svg { fill: #1e6b45; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #4a4a4a; }
.swagger-ui .parameter__in, .swagger-ui .parameter__type, .swagger-ui .parameter__deprecated, .swagger-ui .prop-format, .swagger-ui .parameter__extension { color: #4a4a4a; }
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sociale Kaart API</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="/docs/assets/docs.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="/openapi.json"></div>
<noscript><p>The reference needs JavaScript; the OpenAPI document itself is at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function problemPage(type: string, info: { title: string; description: string; statuses: number[] }): string {
  const text = escapeHtml(info.description).replace(/`([^`]+)`/g, '<code>$1</code>');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(info.title)} — Sociale Kaart API</title></head>
<body>
<main>
<h1>${escapeHtml(info.title)}</h1>
<p>${text}</p>
<p>Problem type <code>${escapeHtml(type)}</code>, HTTP ${info.statuses.join(', ')}. Answers are <code>application/problem+json</code> (RFC 9457).</p>
<p><a href="/docs">API reference</a></p>
</main>
</body>
</html>
`;
}

/** /docs (Swagger UI) and /problems/<type>; `problemBase` is the public URL the type URIs are built on. */
export function createDocsApp({ problemBase }: { problemBase?: string | undefined }): Hono {
  const app = new Hono();
  const page = (c: { header(k: string, v: string): void }) => c.header('Content-Security-Policy', DOCS_CSP);
  app.get('/docs', (c) => {
    page(c);
    return c.html(PAGE);
  });
  app.get('/docs/assets/init.js', (c) => c.body(INIT_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/docs/assets/docs.css', (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/docs/assets/:name', (c) => {
    const name = c.req.param('name');
    if (!Object.hasOwn(ASSETS, name)) throw new ProblemError(404, 'not-found', 'Not found', { detail: 'No such documentation asset.' });
    return c.body(new Uint8Array(asset(name)), 200, { 'Content-Type': ASSETS[name]!.type, 'Cache-Control': 'public, max-age=86400' });
  });

  app.get('/problems', (c) => {
    const base = problemBase ?? new URL(c.req.url).origin;
    return c.json(Object.fromEntries(Object.entries(PROBLEM_TYPES).map(([type, info]) => [problemTypeUri(base, type), info])));
  });
  app.get('/problems/:type', (c) => {
    const type = c.req.param('type');
    const info = problemTypeInfo(type);
    if (!info) throw new ProblemError(404, 'not-found', 'Not found', { detail: 'This API has no problem type of that name.' });
    c.header('Vary', 'Accept');
    // Programs ask for JSON; a browser (text/html first) gets the page.
    const accept = c.req.header('accept') ?? '';
    if (/json/.test(accept) && !/text\/html/.test(accept.split(',')[0] ?? '')) {
      return c.json({ type: problemTypeUri(problemBase ?? new URL(c.req.url).origin, type), ...info });
    }
    page(c);
    return c.html(problemPage(type, info));
  });
  return app;
}
