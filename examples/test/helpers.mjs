// Shared by the end-to-end tests: the demo started exactly as `npm start` starts it
// (free ports, a temporary data directory), and Debian's Chromium driven by playwright-core.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemo } from '../demo/demo.mjs';

const require = createRequire(import.meta.url);
export const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// A 1×1 grey PNG stands in for the PDOK tiles: the tests never reach the internet.
const BLANK_TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC', 'base64');

export async function startTestDemo() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sk-e2e-'));
  const demo = await startDemo({ dataDir, apiPort: 0, pagesPort: 0, intakePort: 0, meiliPort: 0, portalPort: 0, mailboxPort: 0, quiet: true, log: () => {} });
  return {
    ...demo,
    dataDir,
    async stop() {
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * A page that records console errors and CSP violations, with map tiles served locally.
 * `firstSearch: true` also resolves `firstSearch` with the JSON of the page's first /v1/search
 * answer: the wait starts before navigation, so a fast page cannot answer before anyone listens.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 900 }, firstSearch = false } = {}) {
  const context = await browser.newContext({ viewport, locale: 'nl-NL' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  await page.route('https://service.pdok.nl/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_TILE }));
  const search = firstSearch ? page.waitForResponse((r) => r.url().includes('/v1/search'), { timeout: 20000 }).then((r) => r.json()) : null;
  await page.goto(url);
  return { page, context, problems, ...(search ? { firstSearch: search } : {}) };
}

/** axe-core over the whole page (shadow roots included); returns the violations. */
export async function axe(page) {
  // Evaluated through the devtools protocol, which the page's strict CSP does not block (an injected <script> would be).
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

/** Waits until the finder shows result cards; returns their titles. */
export async function resultTitles(page, finder = 'sk-finder') {
  const cards = page.locator(`${finder} [part~="card-title"]`);
  await cards.first().waitFor({ state: 'visible', timeout: 20000 });
  return cards.allInnerTexts();
}

/** The result count the finder announces in its live region. */
export async function statusText(page, finder = 'sk-finder') {
  return page.locator(`${finder} [part~="status"]`).innerText();
}

/** Runs `action` and resolves with the JSON of the next /v1/search answer whose URL matches `test`. */
export async function searchAfter(page, test, action) {
  const response = page.waitForResponse((r) => r.url().includes('/v1/search') && test(new URL(r.url())), { timeout: 20000 });
  await action();
  return (await response).json();
}

/** Ids of the result cards, once they are those of `answer`. */
export async function waitForCards(page, answer, finder = 'sk-finder') {
  const want = answer.hits.map((h) => h.id);
  const ids = () => page.locator(`${finder} [data-card-title]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-card-title')));
  const deadline = Date.now() + 10000;
  for (;;) {
    const have = await ids();
    if (JSON.stringify(have) === JSON.stringify(want)) return have;
    if (Date.now() > deadline) throw new Error(`cards ${JSON.stringify(have)} never became ${JSON.stringify(want)}`);
    await page.waitForTimeout(100);
  }
}
