/**
 * The portal in real Chromium: sign in through the demo mailbox, add / edit / pause an
 * activity and see search follow, upload a CSV with three bad rows, register a feed on
 * loopback, confirm freshness. axe runs on every page and state; screenshots of the main
 * pages are written to docs/screenshots for the README. Every page must also run without a
 * Content-Security-Policy violation, console error or uncaught exception.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, upsertUser, openDatabase, type Organisation } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { startMailbox, startPortal, type Mailbox, type RunningPortal } from '../src/index.js';
import { axe, launchBrowser } from './browser.js';
import { PACKAGE_DIR } from './cli.js';
import { serviceRecord, templateCsv } from './fixtures.js';

const meili = useMeilisearch();
const INDEX = 'portal_browser';
const SHOTS = join(PACKAGE_DIR, 'docs', 'screenshots');

describe('the portal in Chromium', () => {
  const databases = useDatabases('pglite');
  let browser: Browser;
  let page: Page;
  let mailbox: Mailbox;
  let portal: RunningPortal;
  let feed: Server;
  let feedUrl = '';
  let org: Organisation;
  let now = new Date('2026-06-15T10:00:00Z');
  /** CSP violations, console errors and uncaught exceptions of every page visited. */
  const problems: string[] = [];
  /** Pages the test opened itself: their own 400/404 answer is a state under test, not an error. */
  const documents = new Set<string>();

  beforeAll(async () => {
    feed = createServer((_req, res) => {
      const body = JSON.stringify(['feed-1', 'feed-2'].map((id) => ({ ...serviceRecord({ id, name: `Uit de feed ${id}` }), organization: { name: 'Buurtwerk' } })));
      res.writeHead(200, { 'content-type': 'application/json', etag: '"f1"' }).end(body);
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
    feedUrl = `http://127.0.0.1:${(feed.address() as { port: number }).port}/aanbod.json`;
    mailbox = await startMailbox();
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    org = await createOrganisation(seed.db, { name: 'Stichting De Linde', email: 'info@delinde.example', verified: true });
    await upsertUser(seed.db, { email: 'coach@delinde.example', role: 'editor', organisationId: org.id });
    await upsertUser(seed.db, { email: 'beheer@kaart.example', role: 'operator' });
    await seed.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index: INDEX }, smtpUrl: mailbox.smtpUrl, allowPrivateFeeds: true, schedule: false, clock: () => now, log: () => {} });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    // Registered before the first navigation, on the context, so that no page's report is missed.
    await context.exposeBinding('__skReportViolation', (_source, text: string) => void problems.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __skReportViolation: (t: string) => void }).__skReportViolation;
        report(`CSP ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${document.location.href} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    page = await context.newPage();
    page.on('response', (r) => {
      if (r.request().isNavigationRequest()) documents.add(r.url());
    });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) && documents.has(m.location().url)) return;
      problems.push(`console error on ${page.url()}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught on ${page.url()}: ${err.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await mailbox?.close();
    await new Promise<void>((r) => feed?.close(() => r()));
  });

  const clean = async (state: string) => {
    const violations = await axe(page);
    expect({ state, violations, problems: problems.splice(0) }).toEqual({ state, violations: [], problems: [] });
  };
  // Also what happened after a test's last check; emptied, so one failure is reported once.
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });
  const search = async (q: string) => (await meili.client.index(INDEX).search(q)).hits.map((h) => String(h.title));

  const signIn = async (email: string) => {
    await page.goto(`${portal.url}/aanmelden`);
    await clean('sign-in');
    await page.getByLabel('E-mailadres').fill(email);
    const before = mailbox.messages().length;
    const mail = mailbox.waitFor((m) => m.to.includes(email) && m.id > before);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText('Als dit adres bij ons bekend is').waitFor();
    await clean('sign-in link sent');
    const caught = await mail;
    await page.goto(mailbox.url);
    await clean('mailbox');
    await page.locator(`a[href="/mail/${caught.id}"]`).click();
    await clean('mailbox message');
    await page.getByRole('link', { name: /aanmelden\/link/ }).click();
    await page.getByRole('heading', { name: 'Aanmelden bevestigen' }).waitFor();
    await clean('confirm sign-in');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
  };

  it('signs in, adds, edits and pauses an activity, and search follows each step', async () => {
    await signIn('coach@delinde.example');
    await page.getByRole('heading', { name: 'Uw activiteiten: Stichting De Linde' }).waitFor();
    await clean('empty activity list');

    await page.getByRole('link', { name: 'Activiteit toevoegen' }).click();
    await clean('new activity form');
    await page.getByLabel('Uw eigen code voor deze activiteit').fill('breicafe');
    await page.getByLabel('Postcode').fill('99');
    await page.getByRole('button', { name: 'Opslaan en publiceren' }).click();
    await page.getByText('Er gaat iets mis').waitFor();
    // Each error stands beside its own field.
    await expect(page.locator('#f-name-error').textContent()).resolves.toMatch(/naam/);
    await expect(page.locator('#f-postcode-error').textContent()).resolves.toMatch(/postcode/i);
    await clean('form with errors');
    await page.screenshot({ path: join(SHOTS, 'activity-form-errors.png'), fullPage: false });

    await page.getByLabel('Naam van de activiteit').fill('Breicafé De Linde');
    await page.getByLabel('Omschrijving').fill('Elke woensdag breien en haken we samen. Koffie en thee staan klaar. U kunt gewoon binnenlopen.');
    await page.getByLabel('Creatief & cultuur').check();
    await page.getByLabel('Hoe vaak').selectOption('WEEKLY');
    await page.getByLabel('woensdag').check();
    await page.getByLabel('Begintijd').fill('14:00');
    await page.getByLabel('Eindtijd').fill('16:00');
    await page.getByLabel('Straat en huisnummer').fill('Kanaalstraat 12');
    await page.getByLabel('Postcode').fill('3531 AB');
    await page.getByLabel('Plaats').fill('Utrecht');
    await page.getByLabel('Gratis').check();
    await page.getByLabel('Neemt deelnemers aan via Welzijn op Recept').check();
    await page.getByRole('button', { name: 'Opslaan en publiceren' }).click();
    await page.getByText('De activiteit is opgeslagen en staat in de zoeker.').waitFor();
    // The save answers after Meilisearch has the document: searchable at once.
    expect(await search('Breicafé')).toEqual(['Breicafé De Linde']);
    const hit = (await meili.client.index(INDEX).search('Breicafé')).hits[0]!;
    expect(hit).toMatchObject({ organization: { id: org.id }, free: true, acceptsWelzijnOpRecept: true, days: ['wo'], categories: expect.arrayContaining(['creative']) });
    await clean('activity list');

    await page.getByRole('link', { name: 'Bewerken: Breicafé De Linde' }).click();
    await expect(page.getByLabel('Naam van de activiteit').inputValue()).resolves.toBe('Breicafé De Linde');
    await expect(page.getByLabel('woensdag').isChecked()).resolves.toBe(true);
    await clean('edit form');
    await page.getByLabel('Naam van de activiteit').fill('Brei- en haakcafé De Linde');
    await page.getByRole('button', { name: 'Opslaan en publiceren' }).click();
    await page.getByText('De activiteit is opgeslagen').waitFor();
    expect(await search('haakcafé')).toEqual(['Brei- en haakcafé De Linde']);

    await page.getByRole('button', { name: 'Pauzeren: Brei- en haakcafé De Linde' }).click();
    await page.getByText('De activiteit is gepauzeerd').waitFor();
    expect(await search('haakcafé')).toEqual([]);
    await expect(page.getByRole('cell', { name: 'Gepauzeerd' }).count()).resolves.toBe(1);
  });

  it('uploads a CSV with three bad rows, shows exactly those, and publishes the good ones', async () => {
    await page.goto(`${portal.url}/uploaden`);
    await clean('upload');
    const csv = templateCsv([
      { id: 'koor', title: 'Buurtkoor' },
      { id: 'leeg-1', title: '' },
      { id: 'tuin', title: 'Samen tuinieren' },
      { id: 'fout-postcode', title: 'Yoga op de stoel', postcode: '12' },
      { id: 'leeg-2', title: '' },
    ]);
    await page.getByLabel('Bestand (CSV of JSON)').setInputFiles({ name: 'aanbod.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
    await page.getByRole('button', { name: 'Controleer het bestand' }).click();
    await page.getByRole('heading', { name: 'Resultaat van de controle' }).waitFor();
    const rows = await page.locator('#fouten tbody tr').evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-row')))]);
    expect(rows).toEqual(['2', '4', '5']);
    await clean('upload report');
    await page.screenshot({ path: join(SHOTS, 'upload-report.png'), fullPage: true });
    expect(await search('Buurtkoor')).toEqual([]);
    await page.getByRole('button', { name: 'Publiceer de 2 goede rijen' }).click();
    await page.getByText('2 activiteit(en) zijn gepubliceerd.').waitFor();
    await clean('upload published');
    expect(await search('Buurtkoor')).toEqual(['Buurtkoor']);
    expect(await search('tuinieren')).toEqual(['Samen tuinieren']);
  });

  it('registers a feed served on loopback and shows its pull result', async () => {
    await page.goto(`${portal.url}/feeds`);
    await clean('feeds (none)');
    await page.getByLabel('Adres van de feed (https://…)').fill(feedUrl);
    await page.getByRole('button', { name: 'Feed toevoegen' }).click();
    await page.locator('.feed-result').getByText('Gelukt: 2 goed, 0 met een fout, 2 gepubliceerd.').waitFor();
    await clean('feeds with result');
    await page.screenshot({ path: join(SHOTS, 'feeds.png'), fullPage: true });
    expect((await search('Uit de feed')).sort()).toEqual(['Uit de feed feed-1', 'Uit de feed feed-2']);
  });

  it('reminds of old confirmations and "Alles klopt nog" confirms all', async () => {
    // 209 days later: the session has long expired, so sign in again.
    now = new Date('2027-01-10T10:00:00Z');
    await page.goto(`${portal.url}/activiteiten`);
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    await signIn('coach@delinde.example');
    await page.getByText('langer dan 150 dagen niet gecontroleerd').waitFor();
    await expect(page.getByText('Mogelijk verouderd').count()).resolves.toBe(5);
    await clean('activity list, stale');
    await page.getByRole('button', { name: 'Alles klopt nog' }).click();
    await page.getByText('Bedankt. 5 activiteit(en) staan nu op gecontroleerd vandaag.').waitFor();
    await expect(page.getByText('Mogelijk verouderd').count()).resolves.toBe(0);
    await expect(page.getByText('10 januari 2027').count()).resolves.toBe(5);
    await clean('activity list, confirmed');
    await page.screenshot({ path: join(SHOTS, 'activities.png'), fullPage: true });
    const koor = (await meili.client.index(INDEX).search('Buurtkoor')).hits[0];
    expect(koor?.assuredDate).toBe('2027-01-10');

    await page.goto(`${portal.url}/activiteiten?lang=en`);
    await page.getByRole('heading', { name: 'Your activities: Stichting De Linde' }).waitFor();
    await clean('activity list in English');
    await page.goto(`${portal.url}/activiteiten?lang=nl`);
  });

  it('shows the operator the freshness overview', async () => {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn('beheer@kaart.example');
    await page.getByRole('heading', { name: 'Overzicht actualiteit per organisatie' }).waitFor();
    await expect(page.getByRole('row', { name: /Stichting De Linde/ }).textContent()).resolves.toContain('2027-01-10');
    await clean('operator overview');
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: false });
    await page.goto(`${portal.url}/bestaat-niet`);
    await page.getByRole('heading', { name: 'Deze pagina bestaat niet' }).waitFor();
    await clean('not found');
    await page.goto(`${portal.url}/aanmelden`);
    await page.screenshot({ path: join(SHOTS, 'sign-in.png'), fullPage: false });
  });

  it('would notice a CSP violation: an inline script the portal policy blocks is reported (contrast)', async () => {
    await page.goto(`${portal.url}/aanmelden`);
    expect(problems).toEqual([]);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "ingespoten"';
      document.body.append(script);
    });
    await expect.poll(() => problems.join('\n')).toMatch(/^CSP script-src(-elem)? blocked inline on http:\/\/127\.0\.0\.1:\d+\/aanmelden/m);
    expect(await page.title()).not.toBe('ingespoten');
    problems.length = 0;
  });
});
