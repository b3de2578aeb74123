/**
 * What the inbox's Chromium tests share: a coach signed in through the demo mailbox in a
 * browser context of their own (another device: its own IndexedDB), axe in every state, and
 * making the team key on /sleutel. Every request a page makes is recorded in `sent`, with its
 * body, so a test can show that nothing opened ever left the browser.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { openDatabase, type Db } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { bundleBrowserScripts } from '../scripts/bundle-browser.mjs';
import { startMailbox, startPortal, type Mailbox, type RunningPortal } from '../src/index.js';
import { axe, launchBrowser } from './browser.js';

export interface CoachWorld {
  browser: () => Browser;
  portal: () => RunningPortal;
  mailbox: () => Mailbox;
  /** Every request the pages made (`METHOD url body`) and every page error (CSP violations included). */
  sent: string[];
}

const CSP_VIOLATION = 'sk-csp-violation:';

/**
 * A real portal on PGlite (seeded by `seed` before it starts), a real Meilisearch index
 * `index`, the demo mailbox and Debian's Chromium, for the tests of one describe block.
 */
export function useInboxWorld(index: string, seed: (db: Db) => Promise<void>): CoachWorld {
  const meili = useMeilisearch();
  const databases = useDatabases('pglite');
  let browser: Browser | undefined;
  let mailbox: Mailbox | undefined;
  let portal: RunningPortal | undefined;
  beforeAll(async () => {
    await bundleBrowserScripts();
    mailbox = await startMailbox();
    const url = await databases.freshUrl();
    const seeding = await openDatabase({ url });
    await seed(seeding.db);
    await seeding.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index }, smtpUrl: mailbox.smtpUrl, schedule: false, log: () => {} });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await mailbox?.close();
  });
  return { browser: () => browser!, portal: () => portal!, mailbox: () => mailbox!, sent: [] };
}

/** A fresh browser context (a device of its own), signed in as `email` through the mail link. */
export async function signInCoach(world: CoachWorld, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.browser().newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  // The portal's CSP allows no eval: a violation (zod's `new Function` probe, say) counts as a page error. Registered before any page loads.
  await context.addInitScript((prefix) => document.addEventListener('securitypolicyviolation', (e) => console.error(`${prefix} ${e.violatedDirective}`)), CSP_VIOLATION);
  const page = await context.newPage();
  page.on('request', (r) => world.sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
  page.on('pageerror', (e) => world.sent.push(`pageerror ${e.message}`));
  page.on('console', (m) => {
    if (m.text().startsWith(CSP_VIOLATION)) world.sent.push(`pageerror ${m.text()}`);
  });
  await page.goto(`${world.portal().url}/aanmelden`);
  await page.getByLabel('E-mailadres').fill(email);
  const mailbox = world.mailbox();
  const before = mailbox.messages().length;
  const mail = mailbox.waitFor((m) => m.to.includes(email) && m.id > before);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  const caught = await mail;
  await page.goto(`${mailbox.url}/mail/${caught.id}`);
  await page.getByRole('link', { name: /aanmelden\/link/ }).click();
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { name: /Uw activiteiten/ }).waitFor();
  return { context, page };
}

export async function expectAxeClean(page: Page, state: string): Promise<void> {
  const violations = await axe(page);
  expect({ state, violations }).toEqual({ state, violations: [] });
}

/** Makes the team's first key on /sleutel, through the form as a coach does. */
export async function createFirstKey(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('link', { name: 'Sleutel' }).click();
  await page.getByRole('heading', { name: 'Sleutel voor verwijzingen' }).waitFor();
  await page.getByText('Op dit apparaat staat nog geen sleutel.').waitFor();
  await expectAxeClean(page, 'key page, no key');
  await page.locator('#k-passphrase').fill('kort');
  await page.getByText('Te kort: gebruik minstens 12 tekens.').waitFor();
  await page.locator('#k-passphrase').fill(passphrase);
  await page.getByText('Sterk.').waitFor();
  await page.getByLabel('Herhaal de wachtwoordzin').fill(passphrase);
  await page.getByRole('button', { name: 'Sleutel maken en publiceren' }).click();
  await page.getByText('De sleutel is gemaakt en gepubliceerd.').waitFor({ timeout: 60_000 });
  await page.getByText('Dit apparaat heeft de gepubliceerde sleutel.').waitFor();
}

/** Clicks "Download het herstelbestand" and returns the downloaded file's path. */
export async function downloadRecoveryFile(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download het herstelbestand' }).click();
  return (await (await download).path())!;
}
