// 3. Widget: gzip sizes of what a page downloads, and in headless Chromium the time from
//    the last keystroke to rendered results, <sk-finder> vs a plain fetch + innerHTML page.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { onCleanup } from './procs.mjs';
import { typedQueries } from './queries.mjs';
import { fmtBytes, fmtMs, fmtRatio, goalCell, markdownTable, percentile, round } from './stats.mjs';

export const CDN_BUDGET_GZIP = 30 * 1024; // finder issue: CDN entry (finder without map) ≤ 30 kB gzip; the widgets build uses 30 720 bytes
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** Local static imports of an ES module (bare specifiers such as lit stay outside). */
function staticImports(file) {
  const src = readFileSync(file, 'utf8');
  const out = new Set();
  for (const m of src.matchAll(/(?:^|[\s;}])(?:import|export)\s*(?:[\w*{}\s,$]+\s+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) out.add(resolve(dirname(file), m[1]));
  return [...out];
}

function closure(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f) || !existsSync(f)) continue;
    seen.add(f);
    stack.push(...staticImports(f));
  }
  return [...seen];
}

export function widgetSizes(widgetsDir) {
  const dist = join(widgetsDir, 'dist');
  const pkg = JSON.parse(readFileSync(join(widgetsDir, 'package.json'), 'utf8'));
  const rows = [];
  const cdnEntry = join(dist, 'cdn/sociale-kaart.js');
  const cdnBytes = readFileSync(cdnEntry);
  rows.push({ what: 'CDN entry', file: relative(widgetsDir, cdnEntry), bytes: cdnBytes.length, gzip: gz(cdnBytes), budget: CDN_BUDGET_GZIP, budgetMet: gz(cdnBytes) <= CDN_BUDGET_GZIP });
  const chunkDir = join(dist, 'cdn/chunks');
  for (const f of existsSync(chunkDir) ? readdirSync(chunkDir).filter((x) => x.endsWith('.js')) : []) {
    const b = readFileSync(join(chunkDir, f));
    rows.push({ what: f.includes('map') ? 'CDN map chunk (lazy)' : 'CDN chunk (lazy)', file: relative(widgetsDir, join(chunkDir, f)), bytes: b.length, gzip: gz(b) });
  }
  for (const [key, target] of Object.entries(pkg.exports ?? {})) {
    const file = typeof target === 'string' ? target : target.default;
    if (!file?.endsWith('.js') || file.includes('/cdn/')) continue;
    const abs = join(widgetsDir, file);
    if (!existsSync(abs)) continue;
    const files = closure(abs);
    const all = files.reduce((s, f) => s + readFileSync(f).length, 0);
    const allGzip = gz(Buffer.concat(files.map((f) => readFileSync(f))));
    rows.push({ what: `npm \`${key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`}\``, file: relative(widgetsDir, abs), bytes: readFileSync(abs).length, gzip: gz(readFileSync(abs)), closureFiles: files.length, closureBytes: all, closureGzip: allGzip });
  }
  const npmMap = join(dist, 'finder/finder-map.js');
  if (existsSync(npmMap)) {
    const files = closure(npmMap);
    rows.push({ what: 'npm map module (lazy)', file: relative(widgetsDir, npmMap), bytes: readFileSync(npmMap).length, gzip: gz(readFileSync(npmMap)), closureFiles: files.length, closureBytes: files.reduce((s, f) => s + readFileSync(f).length, 0), closureGzip: gz(Buffer.concat(files.map((f) => readFileSync(f)))) });
  }
  return rows;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };

/** Serves bench/pages/* at / and packages/widgets/dist/* at /widgets/. */
export async function startPageServer({ pagesDir, widgetsDist }) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [base, rel] = path.startsWith('/widgets/') ? [widgetsDist, path.slice('/widgets/'.length)] : [pagesDir, path.slice(1)];
    const file = normalize(join(base, rel));
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const stop = onCleanup(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { origin: `http://127.0.0.1:${server.address().port}`, stop };
}

async function openPage(browser, url) {
  // One context per page: no shared HTTP cache between the finder and the baseline.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.evaluate(() => window.skBench.ready);
  return { context, page, errors };
}

/**
 * Puts all but the last character in the field (one input event, like fast typing), then
 * types the last one `delayMs` later: the measurement starts at that last keystroke.
 */
async function typeAndMeasure({ page, selector, q, delayMs }) {
  await page.bringToFront();
  const input = page.locator(selector);
  const measured = page.evaluate((text) => window.skBench.waitFor(text), q);
  measured.catch(() => {}); // handled by the caller's await; not "unhandled" while we type
  await input.fill(q.slice(0, -1));
  await page.waitForTimeout(delayMs);
  await page.keyboard.type(q.slice(-1)); // the field has focus after fill(); type() also handles é
  return measured;
}

export async function runWidgetSection({ ctx, apiBase, pageServer, settings, log }) {
  const sizes = widgetSizes(ctx.paths.widgetsDir);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: ctx.chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    // The bench's own signal handler closes the browser with everything else.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const closeBrowser = onCleanup(() => browser.close());
  try {
    const api = encodeURIComponent(apiBase);
    const sides = [
      { key: 'finder', name: '`<sk-finder>` (CDN bundle)', url: `${pageServer.origin}/finder.html?api=${api}`, selector: 'sk-finder input[part~="search-input"]' },
      { key: 'baseline', name: 'plain fetch + innerHTML', url: `${pageServer.origin}/baseline.html?api=${api}`, selector: '#q' },
    ];
    for (const s of sides) Object.assign(s, await openPage(browser, s.url), { samples: [], cards: [] });
    const queries = typedQueries(settings.seed, settings.warmup + settings.queries);
    for (let i = 0; i < queries.length; i++) {
      // Alternate who goes first, so warm caches in Meilisearch favour neither side.
      const order = i % 2 === 0 ? sides : [...sides].reverse();
      for (const s of order) {
        const r = await typeAndMeasure({ page: s.page, selector: s.selector, q: queries[i], delayMs: settings.keyDelayMs });
        if (i >= settings.warmup) {
          s.samples.push(r.ms);
          s.cards.push(r.cards);
        }
      }
    }
    for (const s of sides) {
      if (s.errors.length) throw new Error(`${s.name}: page errors: ${s.errors.slice(0, 3).join('; ')}`);
      await s.context.close();
    }
    const debounce = 150;
    const figures = Object.fromEntries(sides.map((s) => {
      const p50 = percentile(s.samples, 50);
      const p95 = percentile(s.samples, 95);
      return [s.key, { name: s.name, samples: s.samples.length, p50: round(p50, 1), p95: round(p95, 1), p50AfterDebounce: round(p50 - debounce, 1), p95AfterDebounce: round(p95 - debounce, 1), meanCards: round(s.cards.reduce((a, b) => a + b, 0) / s.cards.length, 1) }];
    }));
    const latency = {
      ...figures,
      ratioP50: round(figures.finder.p50 / figures.baseline.p50, 3),
      ratioP95: round(figures.finder.p95 / figures.baseline.p95, 3),
      ratioP50AfterDebounce: round(figures.finder.p50AfterDebounce / figures.baseline.p50AfterDebounce, 3),
      debounceMs: debounce,
      keyDelayMs: settings.keyDelayMs,
      queries: settings.queries,
    };
    log(`  finder p50 ${fmtMs(latency.finder.p50)} ms p95 ${fmtMs(latency.finder.p95)} ms | baseline p50 ${fmtMs(latency.baseline.p50)} ms p95 ${fmtMs(latency.baseline.p95)} ms`);
    return { sizes, cdnBudgetMet: sizes[0].budgetMet, latency };
  } finally {
    await closeBrowser();
  }
}

export function widgetTables(section) {
  const sizeTable = markdownTable(
    ['what', 'file', 'bytes:', 'gzip:', 'with local imports, gzip:', 'budget'],
    section.sizes.map((r) => [r.what, `\`${r.file}\``, fmtBytes(r.bytes), fmtBytes(r.gzip), r.closureGzip === undefined ? '–' : `${fmtBytes(r.closureGzip)} (${r.closureFiles} files)`, r.budget ? `≤ ${fmtBytes(r.budget)}: ${goalCell(r.budgetMet)}` : '']),
  );
  const l = section.latency;
  const latencyTable = markdownTable(
    ['page', 'queries:', 'p50 ms:', 'p95 ms:', 'p50 after the 150 ms debounce:', 'cards shown:'],
    [l.finder, l.baseline].map((f) => [f.name, f.samples, fmtMs(f.p50), fmtMs(f.p95), fmtMs(f.p50AfterDebounce), f.meanCards]),
  );
  return `${sizeTable}\n\nnpm sizes: the entry file alone, and with every local module it imports statically (gzipped together; \`lit\`, \`@lit/task\`, \`leaflet\` and the schema package are the app's own dependencies and not counted).\n\n${latencyTable}\n\nLast keystroke → results rendered: finder / baseline = ${fmtRatio(l.ratioP50, '×')} at p50, ${fmtRatio(l.ratioP95, '×')} at p95 (${fmtRatio(l.ratioP50AfterDebounce, '×')} at p50 without the 150 ms debounce both pages wait). Each query: the text but its last letter is filled in, the last letter typed ${l.keyDelayMs} ms later (within the debounce, so earlier searches are dropped as when typing); the clock starts at that last keystroke.`;
}
