// `pnpm screenshots`: docs/finder-list.png and docs/finder-map.png, taken in Debian's
// Chromium (playwright-core, no browser download) of the built CDN bundle against the
// test back end (real API + Meilisearch with the test activities). The map uses plain
// local tiles: no network.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startTestBackend } from '../test/server/serve-api.mjs';
import { tilePng } from '../test/server/tile.mjs';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(join(pkgDir, 'dist/cdn/sociale-kaart.js'))) {
  console.error('Run pnpm build first: dist/cdn/sociale-kaart.js is missing.');
  process.exit(1);
}

const TILE = tilePng();

function page(apiUrl, view) {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sk-finder</title>
<link rel="stylesheet" href="/page.css">
<script type="module" src="/dist/cdn/sociale-kaart.js"></script>
</head>
<body>
<sk-finder api="${apiUrl}" postcode="3511" need="eenzaamheid" mode="professional" view="${view}" per-page="5" tile-url="/tiles/{z}/{x}/{y}.png" tile-attribution="Voorbeeldkaart (schermafbeelding)"></sk-finder>
</body>
</html>`;
}

const PAGE_CSS = 'body { margin: 0; padding: 16px; background: #fff; font-family: system-ui, sans-serif; }';

const backend = await startTestBackend({ hostile: false });
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/list.html' || url.pathname === '/map.html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(backend.apiUrl, url.pathname === '/map.html' ? 'map' : 'list'));
  }
  if (url.pathname === '/page.css') {
    res.writeHead(200, { 'content-type': 'text/css' });
    return res.end(PAGE_CSS);
  }
  if (url.pathname.startsWith('/tiles/')) {
    res.writeHead(200, { 'content-type': 'image/png' });
    return res.end(TILE);
  }
  const file = normalize(join(pkgDir, url.pathname));
  if (file.startsWith(join(pkgDir, 'dist')) && existsSync(file)) {
    res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' });
    return res.end(readFileSync(file));
  }
  res.writeHead(404);
  res.end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  const p = await context.newPage();

  await p.goto(`${origin}/list.html`);
  await p.locator('sk-finder .card').first().waitFor();
  await p.waitForFunction(() => !document.querySelector('sk-finder').shadowRoot.querySelector('[aria-busy="true"]'));
  await p.screenshot({ path: join(pkgDir, 'docs/finder-list.png'), fullPage: true });

  await p.goto(`${origin}/map.html`);
  await p.locator('sk-finder .sk-marker').first().waitFor();
  await p.locator('sk-finder .card').first().hover();
  await p.waitForTimeout(400);
  await p.screenshot({ path: join(pkgDir, 'docs/finder-map.png'), fullPage: true });
  console.log('Wrote docs/finder-list.png and docs/finder-map.png');
} finally {
  await browser.close();
  server.close();
  await backend.stop();
}
