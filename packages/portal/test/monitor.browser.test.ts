/**
 * The monitor page in real Chromium: charts with their "toon als tabel" tables, the filter's
 * error state, English, print styles, and editors refused; axe in every state. Writes the
 * README's screenshot (docs/screenshots/monitor.png).
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendReferralStatus, createOrganisation, createReferral, createSession, upsertUser } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { startPortal, type RunningPortal } from '../src/index.js';
import { axe, launchBrowser } from './browser.js';
import { PACKAGE_DIR } from './cli.js';
import { serviceRecord } from './fixtures.js';

const meili = useMeilisearch();
const DAY = 86_400_000;
const NEEDS = ['eenzaamheid', 'stress', 'geldzorgen', 'rouw'];

describe('the monitor page in Chromium', () => {
  const databases = useDatabases('pglite');
  let portal: RunningPortal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let editorSession = '';
  let viewerSession = '';

  beforeAll(async () => {
    const now = new Date('2026-06-15T10:00:00Z');
    portal = await startPortal({ port: 0, databaseUrl: await databases.freshUrl(), meili: { url: meili.url, apiKey: meili.masterKey, index: 'portal_monitor_browser' }, schedule: false, clock: () => now, log: () => {} });
    const db = portal.database.db;
    const org = await createOrganisation(db, { name: 'Stichting De Linde', verified: true });
    const put = await portal.service.put(org, 'koffie', serviceRecord({ attributes: [{ taxonomy_term: { code: 'social_contact', name: 'Ontmoeting' } }, { taxonomy_term: { code: 'wor', name: 'Welzijn op Recept' } }] }), 'api');
    // Six months of referrals from three practices, most reached, some started, a few declined.
    let n = 0;
    for (let month = 1; month <= 6; month++) {
      for (let i = 0; i < 6 + month * 2; i++) {
        const id = `r-${++n}`;
        const at = new Date(Date.UTC(2026, month - 1, 2 + i, 9));
        await createReferral(db, { id, targetType: 'activity', activityId: put.ids[0]!, organisationId: org.id, gemeente: 'Utrecht', reasons: [NEEDS[i % 4]!], referrer: `agb-${i % 3}`, tokenHash: 'b'.repeat(64), delivery: 'inbox', createdAt: at });
        await appendReferralStatus(db, id, { status: 'sent', at: at.toISOString() });
        if (i % 7 === 6) continue;
        await appendReferralStatus(db, id, { status: 'received', at: new Date(at.getTime() + DAY / 2).toISOString() });
        if (i % 5 === 4) {
          await appendReferralStatus(db, id, { status: 'declined', at: new Date(at.getTime() + DAY).toISOString(), reason: 'Geen plek' });
          continue;
        }
        await appendReferralStatus(db, id, { status: 'contacted', at: new Date(at.getTime() + (1 + (i % 6)) * DAY).toISOString() });
        if (i % 2 === 0) await appendReferralStatus(db, id, { status: 'started', at: new Date(at.getTime() + 9 * DAY).toISOString(), activityId: put.ids[0]! });
      }
    }
    // One decline with a reason nobody else gives: its words must never reach the page.
    await createReferral(db, { id: 'r-once', targetType: 'activity', activityId: put.ids[0]!, organisationId: org.id, gemeente: 'Utrecht', reasons: ['rouw'], referrer: 'agb-0', tokenHash: 'c'.repeat(64), delivery: 'inbox', createdAt: new Date('2026-06-01T09:00:00Z') });
    await appendReferralStatus(db, 'r-once', { status: 'declined', at: '2026-06-02T09:00:00Z', reason: 'Verhuist naar Zeist' });
    const operator = await upsertUser(db, { email: 'beheer@kaart.example', role: 'operator' });
    const editor = await upsertUser(db, { email: 'coach@delinde.example', role: 'editor', organisationId: org.id });
    const operatorSession = await createSession(db, operator.id, now);
    editorSession = await createSession(db, editor.id, now);
    viewerSession = await createSession(db, (await upsertUser(db, { email: 'monitor@utrecht.example', role: 'gemeente_viewer', gemeente: 'Utrecht' })).id, now);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addCookies([{ name: 'sk_session', value: operatorSession, url: portal.url }]);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  const clean = async (state: string) => {
    const violations = await axe(page);
    expect({ state, violations }).toEqual({ state, violations: [] });
  };

  it('shows charts with their tables, axe clean, and is written to the README screenshot', async () => {
    const res = await page.goto(`${portal.url}/monitor?from=2026-01-01&to=2026-06-30&gemeente=Utrecht`);
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Welzijn op Recept in cijfers' }).waitFor();
    await expect(page.getByRole('heading', { level: 2, name: 'Verwijzingen: 79' }).count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: 'Staafdiagram: Verwijzingen per maand' }).count()).resolves.toBe(1);
    await clean('monitor');
    await page.screenshot({ path: join(PACKAGE_DIR, 'docs', 'screenshots', 'monitor.png'), fullPage: true });

    const perMonth = page.locator('section[aria-labelledby="per-month-title"]');
    await perMonth.getByText('Toon als tabel').click();
    const rows = await perMonth.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['2026-01 8', '2026-02 10', '2026-03 12', '2026-04 14', '2026-05 16', '2026-06 19']);
    await clean('monitor, table shown');

    // A reason given 13 times keeps its words, one given once is folded into "other" (1 < 5);
    // with the total of 14 shown, 14 − 13 would reveal that 1, so the 13 reads "< 5" too.
    const declined = page.locator('section[aria-labelledby="declined-title"]');
    await declined.getByText('Toon als tabel').click();
    expect((await declined.locator('tbody').innerText()).replace(/\s+/g, ' ').trim()).toBe('Geen plek < 5 Overige redenen < 5');
    await expect(declined.getByText('Afgewezen in totaal: 14.').count()).resolves.toBe(1);
    expect(await page.content()).not.toContain('Verhuist');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.monitor-filter').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('names the wrong field, speaks English, and refuses editors', async () => {
    const res = await page.goto(`${portal.url}/monitor?from=2026-13-01&to=2026-06-30`);
    expect(res?.status()).toBe(400);
    await expect(page.locator('#monitor-from-error').innerText()).resolves.toBe('Vul een datum in, bijvoorbeeld 2026-01-31.');
    await clean('monitor, invalid date');

    await page.goto(`${portal.url}/monitor?from=2026-01-01&to=2026-06-30&lang=en`);
    await page.getByRole('heading', { name: 'Welzijn op Recept in numbers' }).waitFor();
    await clean('monitor in English');
    await page.goto(`${portal.url}/monitor?lang=nl`);

    const editor = await browser.newContext();
    await editor.addCookies([{ name: 'sk_session', value: editorSession, url: portal.url }]);
    const editorPage = await editor.newPage();
    const refused = await editorPage.goto(`${portal.url}/monitor`);
    expect(refused?.status()).toBe(403);
    await editor.close();
  });

  it('shows a gemeente viewer their own gemeente, and says so when they ask for another, axe clean', async () => {
    const viewer = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await viewer.addCookies([{ name: 'sk_session', value: viewerSession, url: portal.url }]);
    const viewerPage = await viewer.newPage();
    const shown = await viewerPage.goto(`${portal.url}/monitor?from=2026-01-01&to=2026-06-30`);
    expect(shown?.status()).toBe(200);
    await expect(viewerPage.getByRole('heading', { level: 2, name: 'Verwijzingen: 79' }).count()).resolves.toBe(1);
    expect(await viewerPage.getByLabel('Gemeente').locator('option').allInnerTexts()).toEqual(['Utrecht']);
    expect({ state: 'viewer', violations: await axe(viewerPage) }).toEqual({ state: 'viewer', violations: [] });
    const refused = await viewerPage.goto(`${portal.url}/monitor?gemeente=Zeist`);
    expect(refused?.status()).toBe(403);
    await viewerPage.getByText('U ziet alleen de cijfers van uw eigen gemeente: Utrecht.').waitFor();
    expect({ state: 'viewer, other gemeente', violations: await axe(viewerPage) }).toEqual({ state: 'viewer, other gemeente', violations: [] });
    await viewer.close();
  });
});
