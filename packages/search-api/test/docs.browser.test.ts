// /docs and /problems/<type> in real Chromium (Debian's), offline: everything the pages load
// comes from the API itself, under its own CSP, and axe finds nothing.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { stubBackend } from './stub-backend.js';
import { defaultConfig } from '../src/config.js';
import { silentLogger } from '../src/http/log.js';
import { createReferralsApp } from '../src/referrals/app.js';
import { createArrayReferralLookup } from '../src/referrals/lookup.js';
import { staticRoutes } from '../src/referrals/routes.js';
import { MemoryReferralStore } from '../src/referrals/store.js';
import { listen, type Listening } from './referrals/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const axeSource = createRequire(import.meta.url)('node:fs').readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') as string;

const backend = stubBackend;

let browser: Browser;
let server: Listening;

beforeAll(async () => {
  const referrals = createReferralsApp({
    ...createArrayReferralLookup([]),
    store: new MemoryReferralStore(),
    routes: staticRoutes(new Map()),
    referrers: undefined,
    publicBaseUrl: 'http://127.0.0.1',
    logger: silentLogger,
  });
  const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0 }), referrals, log: () => {} });
  server = await listen((r, env) => app.fetch(r, env as object));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page whose requests may only go to the API on loopback; anything else is recorded and aborted. */
async function offlinePage(): Promise<{ page: Page; leaked: string[]; cspViolations: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const leaked: string[] = [];
  const cspViolations: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' && url.port === new URL(server.url).port) return route.continue();
    leaked.push(url.href);
    return route.abort();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { page, leaked, cspViolations };
}

async function axe(page: Page, exclude: string[] = []) {
  await page.evaluate(axeSource);
  return page.evaluate(
    async (excluded) =>
      (await (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run({ exclude: excluded }, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] })).violations.map((v) => `${v.id} (${v.nodes.length})`),
    exclude,
  );
}

describe('/docs', () => {
  it('renders the API reference from the package itself: an operation is visible, nothing leaves loopback', async () => {
    const { page, leaked, cspViolations } = await offlinePage();
    const openapi = page.waitForResponse((r) => r.url().endsWith('/openapi.json'));
    await page.goto(`${server.url}/docs`);
    expect((await openapi).status()).toBe(200);
    const operation = page.getByText('Search activities').first();
    await operation.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('.opblock-summary-path', { hasText: '/hsds/services' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.opblock-summary-path', { hasText: '/v1/referrals' }).count()).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(here, '..', 'docs', 'api-docs.png') });
    // An opened operation (parameters, responses, schemas) is a state of its own.
    await operation.click();
    await page.locator('.opblock-body').first().waitFor({ state: 'visible' });
    expect(await axe(page)).toEqual([]);
    expect(leaked).toEqual([]);
    expect(cspViolations).toEqual([]);
    await page.close();
  });
});

describe('/problems/<type>', () => {
  it('describes a problem type in HTML for people, clean under axe', async () => {
    const { page, leaked } = await offlinePage();
    const res = await page.goto(`${server.url}/problems/delivery-failed`);
    expect(res!.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('The provider\'s intake could not be reached');
    expect(await axe(page)).toEqual([]);
    expect(leaked).toEqual([]);
    await page.close();
  });
});
