/**
 * The receiving-settings page in Chromium: choose the hosted inbox, give a webhook URL (a bad
 * one is named beside its field), make a secret that is shown once and kept only encrypted;
 * axe in every state, in Dutch and in English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveWebhook, createOrganisation, createSignInToken, getOrganisation, getReceivingSettings, importDataKey, newDataKeyText, openDatabase, upsertUser, webhookSecretOf, type OpenedDatabase } from '@sociale-kaart/db';
import { useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { startMailbox, startPortal, type Mailbox, type RunningPortal } from '../src/index.js';
import { axe, launchBrowser } from './browser.js';

const meili = useMeilisearch();

describe('receiving referrals, in Chromium', () => {
  const databases = useDatabases('pglite');
  const dataKeyText = newDataKeyText();
  const previousDataKey = process.env.SK_DATA_KEY;
  let browser: Browser;
  let page: Page;
  let mailbox: Mailbox;
  let portal: RunningPortal;
  let db: OpenedDatabase['db'];
  let orgId = '';
  let userId = 0;

  beforeAll(async () => {
    process.env.SK_DATA_KEY = dataKeyText;
    mailbox = await startMailbox();
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    const org = await createOrganisation(seed.db, { name: 'Welzijn Ontvangt', verified: true });
    orgId = org.id;
    userId = (await upsertUser(seed.db, { email: 'coach@ontvangt.example', role: 'editor', organisationId: org.id })).id;
    await seed.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index: 'portal_receiving' }, smtpUrl: mailbox.smtpUrl, schedule: false, log: () => {} });
    db = portal.database.db;
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await mailbox?.close();
    if (previousDataKey === undefined) delete process.env.SK_DATA_KEY;
    else process.env.SK_DATA_KEY = previousDataKey;
  });

  const clean = async (state: string) => {
    const violations = await axe(page);
    expect({ state, violations }).toEqual({ state, violations: [] });
  };

  it('saves the inbox, a webhook URL waiting for approval and a secret shown once', async () => {
    const token = await createSignInToken(db, userId);
    await page.goto(`${portal.url}/aanmelden/link?token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(/\/activiteiten/);
    await page.getByRole('link', { name: 'Verwijzingen ontvangen' }).click();
    await page.getByRole('heading', { name: 'Verwijzingen ontvangen', level: 1 }).waitFor();
    await clean('receiving');

    await page.getByLabel('In de inbox van dit portaal', { exact: false }).check();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText('Uw keuze is opgeslagen.').waitFor();
    await clean('mode saved');
    expect((await getReceivingSettings(db, orgId))!.receiveMode).toBe('inbox');

    await page.getByLabel('Adres van uw koppeling (https)').fill('http://intake.ontvangt.example/referrals');
    await page.getByRole('button', { name: 'Adres opslaan' }).click();
    await page.getByText('vul een volledig adres in dat begint met https://').waitFor();
    await clean('bad webhook URL');
    expect((await getReceivingSettings(db, orgId))!.webhookUrl).toBeNull();

    await page.getByLabel('Adres van uw koppeling (https)').fill('https://intake.ontvangt.example/referrals');
    await page.getByRole('button', { name: 'Adres opslaan' }).click();
    await page.getByText('Dit adres wacht op goedkeuring door de beheerder.').waitFor();
    await clean('webhook URL awaiting approval');

    await page.getByRole('button', { name: 'Maak een nieuwe geheime sleutel' }).click();
    const shown = await page.getByLabel('Geheime sleutel').inputValue();
    await clean('secret shown once');
    expect(shown.length).toBeGreaterThanOrEqual(32);
    const row = (await getOrganisation(db, orgId))!;
    expect(row.webhook_secret_sealed).not.toContain(shown);
    expect(await webhookSecretOf(await importDataKey(dataKeyText), row)).toBe(shown);

    await page.goto(`${portal.url}/ontvangen`);
    expect(await page.getByLabel('Geheime sleutel').count()).toBe(0);
    await page.getByText('Er is een geheime sleutel. Wij tonen hem niet opnieuw.').waitFor();

    await approveWebhook(db, orgId);
    await page.goto(`${portal.url}/ontvangen?lang=en`);
    await page.getByText('The operator approved this address.').waitFor();
    await clean('approved, in English');
  });
});
