/**
 * Stylesheets the pages load: the NL Design System (Utrecht) tokens and components, and the
 * portal's own few rules; and the inbox pages' browser scripts, bundled into dist/assets by
 * `pnpm build` (scripts/bundle-browser.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);
/** dist/assets, from src/assets.ts (tests) as from dist/assets.js (the built package). */
const SCRIPTS_DIR = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? './assets/' : '../dist/assets/', import.meta.url));
const read = (specifier: string) => readFileSync(require.resolve(specifier), 'utf8');

const PORTAL_CSS = `
.portal-header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:1rem 2rem;border-bottom:4px solid var(--utrecht-color-red-40,#cc0000);background:#fff}
.portal-brand{font-weight:bold;margin:0}
.portal-nav{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;list-style:none;margin:0;padding:0}
.portal-main{max-width:72rem;margin:0 auto;padding:1.5rem 2rem 4rem}
.skip-link{position:absolute;left:-9999px}.skip-link:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
.inline-form{display:inline}
.portal-notice{border-left:6px solid #1a5fb4;background:#eef4fb;padding:.75rem 1rem;margin:1rem 0}
.portal-notice--ok{border-color:#26a269;background:#ecf8f1}.portal-notice--error{border-color:#c01c28;background:#fdeeee}.portal-notice--warning{border-color:#9c6500;background:#fff6e0}
.field{margin:0 0 1.25rem}.field label,.field legend{display:block;font-weight:bold;margin-bottom:.25rem}
.field input[type=text],.field input[type=email],.field input[type=url],.field input[type=tel],.field input[type=date],.field input[type=time],.field textarea,.field select{width:100%;max-width:36rem;padding:.5rem;border:2px solid #555;border-radius:2px;font:inherit}
.field textarea{min-height:8rem}
.field .help{color:#444;margin:.125rem 0 .25rem}
.field-error{color:#a51d2d;font-weight:bold;margin:.25rem 0}
.field--invalid input,.field--invalid textarea{border-color:#a51d2d}
fieldset{border:1px solid #999;padding:1rem;margin:0 0 1.5rem}
.checks{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}.checks label,.field.check label{font-weight:normal;display:inline}
table.portal-table{border-collapse:collapse;width:100%;margin:1rem 0}
.portal-table th,.portal-table td{border-bottom:1px solid #bbb;padding:.5rem;text-align:left;vertical-align:top}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}
.badge{display:inline-block;padding:0 .4rem;border:1px solid currentColor;border-radius:2px;font-size:.9em}
.badge--stale{color:#8a4b00}
.portal-tabs{display:flex;flex-wrap:wrap;gap:1.5rem;list-style:none;margin:1rem 0;padding:0;border-bottom:1px solid #999}
.portal-tabs a{display:inline-block;padding:.5rem 0}.portal-tabs a[aria-current=page]{font-weight:bold;border-bottom:4px solid currentColor}
.portal-facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1.5rem}.portal-facts dt{font-weight:bold}.portal-facts dd{margin:0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

export function assetRoutes(): Hono {
  const tokens = read('@utrecht/design-tokens/dist/index.css');
  const components = read('@utrecht/component-library-css/dist/index.css');
  const app = new Hono();
  const css = (body: string) => () => new Response(body, { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
  app.get('/assets/utrecht-tokens.css', css(tokens));
  app.get('/assets/utrecht-components.css', css(components));
  app.get('/assets/portal.css', css(PORTAL_CSS));
  // The portal has no icon: "no content" instead of a 404 that every browser would log as an error on every page.
  app.get('/favicon.ico', () => new Response(null, { status: 204, headers: { 'cache-control': 'public, max-age=86400' } }));
  app.get('/assets/js/:file', (c) => {
    const file = c.req.param('file');
    // Only the bundler's own names: no path can reach outside the folder.
    const path = /^[A-Za-z0-9_-]+\.js$/.test(file) ? join(SCRIPTS_DIR, file) : '';
    if (!path || !existsSync(path)) return c.text(`/* ${file} is not built: run pnpm build */`, 404, { 'content-type': 'text/javascript; charset=utf-8' });
    return c.body(readFileSync(path, 'utf8'), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
  return app;
}
