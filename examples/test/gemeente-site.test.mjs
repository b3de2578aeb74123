// The inwoner's flow on the gemeente page, with the mouse and with the keyboard only,
// against the real demo (Meilisearch, API, pages), in Debian's Chromium.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser, openPage, resultTitles, searchAfter, startTestDemo, waitForCards } from './helpers.mjs';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), '../gemeente-site/screenshots');

describe('gemeente page (inwoners)', () => {
  let demo;
  let browser;
  beforeAll(async () => {
    demo = await startTestDemo();
    browser = await launchBrowser();
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('is themed with NL Design System tokens and passes axe as a whole page', async () => {
    const { page, problems, context } = await openPage(browser, demo.urls.gemeenteSite);
    await resultTitles(page);
    // The Utrecht tokens are loaded on the page and reach into the finder's shadow root.
    const token = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--utrecht-document-font-family').trim());
    expect(token).not.toBe('');
    const finderFont = await page.locator('sk-finder [part~="search-input"]').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(finderFont.replace(/["']/g, '')).toContain(token.split(',')[0].replace(/["']/g, '').trim());
    expect(await page.locator('sk-finder').getAttribute('mode')).toBe('public');
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'gemeente-list.png'), fullPage: false });
    await context.close();
  });

  /** How many results of the search at `searchUrl` have a place, over all its pages: what the map must show. */
  async function resultsWithPlace(searchUrl, total) {
    let n = 0;
    for (let page = 1; page <= Math.ceil(total / 50); page++) {
      const url = new URL(searchUrl);
      url.searchParams.set('per_page', '50');
      url.searchParams.set('page', String(page));
      n += (await (await fetch(url)).json()).hits.filter((h) => h.geo).length;
    }
    return n;
  }

  it('filters "gratis" and "ochtend", switches to the map and opens a marker\'s detail', async () => {
    const { page, problems, context } = await openPage(browser, demo.urls.gemeenteSite);
    await resultTitles(page);
    await searchAfter(page, (u) => u.searchParams.get('free') === 'true', () => page.locator('sk-finder button[data-key="free"]').click());
    const answered = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname.endsWith('/v1/search') && u.searchParams.get('free') === 'true' && u.searchParams.getAll('part_of_day').join(',').includes('ochtend');
    }, { timeout: 20000 });
    await page.locator('sk-finder button[data-group="partOfDay"][data-key="ochtend"]').click();
    const response = await answered;
    const answer = await response.json();
    expect(await page.locator('sk-finder button[data-key="free"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('sk-finder button[data-key="ochtend"]').getAttribute('aria-pressed')).toBe('true');
    const ids = await waitForCards(page, answer);
    expect(ids.length).toBeGreaterThan(0);
    // Every result is free and in the morning: check each against the full activity.
    for (const id of ids) {
      const a = await (await fetch(`${demo.urls.api}/activities/${id}`)).json();
      expect(a.free, id).toBe(true);
      expect(a.partsOfDay, id).toContain('ochtend');
    }
    expect(await page.locator('sk-finder [part~="status"]').innerText()).toMatch(/\d+ activiteit/);

    await page.locator('sk-finder [part~="view-switch"] button', { hasText: 'Kaart' }).click();
    // The map shows every result of the search (all pages), each as a pin or inside a cluster.
    await page.locator('sk-finder .sk-marker, sk-finder .sk-cluster').first().waitFor({ state: 'visible', timeout: 20000 });
    const withPlace = await resultsWithPlace(response.url(), answer.total);
    await expect
      .poll(async () => {
        const pins = await page.locator('sk-finder .sk-marker').count();
        const clustered = await page.locator('sk-finder .sk-cluster').evaluateAll((els) => els.reduce((n, e) => n + Number(e.dataset.count), 0));
        return pins + clustered;
      })
      .toBe(withPlace);
    await expect.poll(() => page.locator('sk-finder .leaflet-control-attribution').innerText()).toContain('PDOK');
    await page.locator('sk-finder [part~="view-switch"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(screenshots, 'gemeente-map.png') });
    expect(await axe(page)).toEqual([]);

    // A cluster zooms in when clicked; click clusters until single pins show.
    for (let i = 0; i < 10 && (await page.locator('sk-finder .sk-marker').count()) === 0; i++) {
      const before = await page.locator('sk-finder .sk-cluster').count();
      await page.locator('sk-finder .sk-cluster').first().click();
      await expect.poll(async () => (await page.locator('sk-finder .sk-marker').count()) > 0 || (await page.locator('sk-finder .sk-cluster').count()) !== before).toBe(true);
    }
    const marker = page.locator('sk-finder .sk-marker').first();
    await marker.waitFor({ state: 'visible' });
    const markerId = await marker.getAttribute('data-id');
    await marker.click();
    const detail = page.locator('sk-finder [part~="detail"]');
    await detail.waitFor({ state: 'visible' });
    const title = await (await fetch(`${demo.urls.api}/activities/${markerId}`)).json().then((a) => a.title);
    await expect.poll(() => detail.innerText()).toContain(title);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('does the same with the keyboard only', async () => {
    const { page, problems, context } = await openPage(browser, demo.urls.gemeenteSite);
    await resultTitles(page);
    const focused = () => page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el ? { tag: el.tagName, key: el.getAttribute('data-key'), text: el.textContent?.trim().slice(0, 40), id: el.getAttribute('data-id'), cls: el.className } : null;
    });
    const tabTo = async (predicate, max = 150) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        if (f && predicate(f)) return f;
      }
      throw new Error('focus never reached the element');
    };

    await tabTo((f) => f.key === 'free');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('sk-finder button[data-key="free"]').getAttribute('aria-pressed')).toBe('true');
    // Focus stays on the chip while the results update.
    expect((await focused()).key).toBe('free');
    // "Dagdeel" may be folded: open it from the keyboard when it is.
    const group = page.locator('sk-finder details[data-group="partOfDay"]');
    if (!(await group.evaluate((d) => d.open))) {
      await tabTo((f) => f.tag === 'SUMMARY' && /Dagdeel/.test(f.text ?? ''));
      await page.keyboard.press('Enter');
    }
    await tabTo((f) => f.key === 'ochtend');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('sk-finder button[data-key="ochtend"]').getAttribute('aria-pressed')).toBe('true');

    await tabTo((f) => f.tag === 'BUTTON' && f.text === 'Kaart');
    await page.keyboard.press('Enter');
    await page.locator('sk-finder .sk-marker').first().waitFor({ state: 'visible', timeout: 20000 });
    const marker = await tabTo((f) => typeof f.cls === 'string' && f.cls.includes('sk-marker'));
    await page.keyboard.press('Enter');
    const detail = page.locator('sk-finder [part~="detail"]');
    await detail.waitFor({ state: 'visible' });
    const a = await (await fetch(`${demo.urls.api}/activities/${marker.id}`)).json();
    await expect.poll(() => detail.innerText()).toContain(a.title);
    expect(a.free).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
