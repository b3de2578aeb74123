/**
 * The coach's side in real Chromium (real portal, real database, sign-in through the demo
 * mailbox): create the team key in the browser, read a referral sealed in Node to it, mark it
 * contacted, see a tampered one refused with a clear message, and hand one over to a second
 * organisation whose coach reads it with that organisation's key. Every request the pages
 * make is watched: none carries what was opened. axe runs in every state; screenshots of the
 * inbox go to docs/screenshots for the README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentReferralKey, getReferral, upsertUser, type Organisation } from '@sociale-kaart/db';
import type { ReferralPublicKey } from '@sociale-kaart/schema';
import { createFirstKey, downloadRecoveryFile, expectAxeClean, signInCoach, useInboxWorld } from './inbox-browser.js';
import { PACKAGE_DIR } from './cli.js';
import { insertSealedReferral, makeInboxOrganisation, PATIENT_PART } from './inbox-fixtures.js';

const SHOTS = join(PACKAGE_DIR, 'docs', 'screenshots');
const SECRETS = [PATIENT_PART.patient.name, PATIENT_PART.patient.phone!, PATIENT_PART.note!];

describe('the inbox in Chromium', () => {
  let linde: Organisation;
  let anker: Organisation;
  const world = useInboxWorld('portal_inbox_browser', async (db) => {
    linde = await makeInboxOrganisation(db, 'Stichting De Linde', 'info@delinde.example');
    anker = await makeInboxOrganisation(db, 'Welzijn Het Anker', 'info@anker.example');
    await upsertUser(db, { email: 'coach@delinde.example', role: 'editor', organisationId: linde.id });
    await upsertUser(db, { email: 'collega@delinde.example', role: 'editor', organisationId: linde.id, name: 'Jan Jansen' });
    await upsertUser(db, { email: 'coach@anker.example', role: 'editor', organisationId: anker.id });
  });
  const { sent } = world;
  const portal = () => world.portal();

  const coach = (email: string) => signInCoach(world, email);
  const clean = expectAxeClean;
  const createKey = createFirstKey;

  it('creates a key, opens a sealed referral, marks it contacted, refuses a tampered one and hands over', async () => {
    const { context: lindeContext, page } = await coach('coach@delinde.example');
    await createKey(page, 'paarse olifant fietst naar Zwolle');
    await clean(page, 'key page, key created');
    await page.screenshot({ path: join(SHOTS, 'referral-key.png'), fullPage: true });
    const recovery = JSON.parse(readFileSync(await downloadRecoveryFile(page), 'utf8'));
    const published = (await currentReferralKey(portal().database.db, linde.id))!;
    expect(recovery).toMatchObject({ format: 'sociale-kaart/referral-key-recovery', kid: published.kid });
    expect(Object.keys(published.public_jwk).sort()).not.toContain('d');

    // A referral sealed in Node to the published key, as the relay stores it; and one tampered with.
    const key = { kid: published.kid, publicJwk: published.public_jwk as ReferralPublicKey };
    await insertSealedReferral(portal().database.db, { id: 'ref-goed', organisationId: linde.id, key, createdAt: new Date('2026-06-15T09:30:00Z') });
    const { sealed } = await insertSealedReferral(portal().database.db, { id: 'ref-kapot', organisationId: linde.id, key, createdAt: new Date('2026-06-15T08:00:00Z') });
    const i = 30;
    const flipped = sealed.ciphertext[i] === 'A' ? 'B' : 'A';
    await portal().database.db
      .updateTable('referrals')
      .set({ sealed: JSON.stringify({ ...sealed, ciphertext: sealed.ciphertext.slice(0, i) + flipped + sealed.ciphertext.slice(i + 1) }) })
      .where('id', '=', 'ref-kapot')
      .execute();

    await page.getByRole('link', { name: 'Inbox verwijzingen' }).click();
    await page.getByRole('link', { name: 'Nieuw (2)' }).waitFor();
    const goodRow = page.locator('tr[data-referral="ref-goed"]');
    await goodRow.getByText(PATIENT_PART.patient.name).waitFor();
    await page.locator('tr[data-referral="ref-kapot"]').getByText('Deze verwijzing kan met de sleutels op dit apparaat niet geopend worden:').waitFor();
    await clean(page, 'inbox, new');
    await page.screenshot({ path: join(SHOTS, 'inbox.png'), fullPage: true });

    await goodRow.getByRole('link', { name: 'Openen' }).click();
    await expect(page.locator('#p-name').textContent()).resolves.toBe(PATIENT_PART.patient.name);
    await expect(page.locator('#p-phone').textContent()).resolves.toBe(PATIENT_PART.patient.phone);
    await expect(page.locator('#p-preference').textContent()).resolves.toBe('telefoon');
    await expect(page.locator('#p-note').textContent()).resolves.toBe(PATIENT_PART.note);
    await expect(page.locator('#referral-status').textContent()).resolves.toBe('Ontvangen');
    // The second organisation has no key yet, so there is nobody to hand over to.
    await page.getByText('Er is geen andere organisatie met een inbox en een sleutel.').waitFor();
    await clean(page, 'referral opened');
    await page.screenshot({ path: join(SHOTS, 'inbox-referral.png'), fullPage: true });
    const opened = (await getReferral(portal().database.db, 'ref-goed'))!;
    expect(opened.opened_at).not.toBeNull();
    expect(opened.status).toBe('received');

    // A decline without a reason is refused beside its field; "contacted" moves it to In behandeling.
    await page.getByLabel('Nieuwe status').selectOption('declined');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await page.locator('#s-reason-error').getByText('Geef een reden').waitFor();
    await clean(page, 'status form with error');
    await page.getByLabel('Nieuwe status').selectOption('contacted');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await page.getByText('De status is opgeslagen.').waitFor();
    await expect(page.getByRole('link', { name: 'In behandeling (1)' }).getAttribute('aria-current')).resolves.toBe('page');
    await page.locator('tr[data-referral="ref-goed"]').getByText('Contact opgenomen').waitFor();
    await clean(page, 'inbox, in progress');
    expect((await getReferral(portal().database.db, 'ref-goed'))!.status).toBe('contacted');

    await page.getByRole('link', { name: 'Nieuw (1)' }).click();
    await page.locator('tr[data-referral="ref-kapot"]').getByRole('link', { name: 'Openen' }).click();
    await page.locator('#patient-details').getByText(/Deze verwijzing kan met de sleutels op dit apparaat niet geopend worden: .+/).waitFor();
    await expect(page.locator('#p-name').count()).resolves.toBe(0);
    await clean(page, 'tampered referral');

    // The second organisation's coach makes its key; the referral is re-sealed to it in this browser.
    const { context: ankerContext, page: ankerPage } = await coach('coach@anker.example');
    await createKey(ankerPage, 'het anker ligt in de haven van Urk');
    await page.goto(`${portal().url}/inbox/ref-goed`);
    await expect(page.locator('#p-name').textContent()).resolves.toBe(PATIENT_PART.patient.name);
    await page.getByLabel('Organisatie').selectOption({ label: 'Welzijn Het Anker' });
    await page.getByRole('button', { name: 'Overdragen' }).click();
    await page.getByText('De verwijzing is overgedragen aan Welzijn Het Anker.').waitFor();
    await clean(page, 'inbox after handover');
    const moved = (await getReferral(portal().database.db, 'ref-goed'))!;
    expect(moved).toMatchObject({ organisation_id: anker.id, status: 'handed_over' });
    expect(moved.history.at(-1)).toMatchObject({ status: 'handed_over', to: { organizationId: anker.id, organizationName: 'Welzijn Het Anker' } });

    await ankerPage.getByRole('link', { name: 'Inbox verwijzingen' }).click();
    await ankerPage.locator('tr[data-referral="ref-goed"]').getByText(PATIENT_PART.patient.name).waitFor();
    await ankerPage.locator('tr[data-referral="ref-goed"]').getByRole('link', { name: 'Openen' }).click();
    await expect(ankerPage.locator('#p-name').textContent()).resolves.toBe(PATIENT_PART.patient.name);
    await expect(ankerPage.locator('#p-note').textContent()).resolves.toBe(PATIENT_PART.note);
    await ankerPage.getByRole('option', { name: 'Stichting De Linde' }).waitFor({ state: 'attached' });
    await clean(ankerPage, 'handed-over referral opened by the second organisation');
    await ankerPage.goto(`${portal().url}/inbox?lang=en`);
    await ankerPage.getByRole('heading', { name: 'Referral inbox' }).waitFor();
    await clean(ankerPage, 'inbox in English');

    // Nothing opened ever left a browser, and no page threw.
    expect(sent.length).toBeGreaterThan(20);
    for (const request of sent) {
      expect(request.startsWith('pageerror'), request).toBe(false);
      for (const secret of SECRETS) expect(request.includes(secret) || request.includes(encodeURIComponent(secret)), request).toBe(false);
    }
    await lindeContext.close();
    await ankerContext.close();
  });

  it('says what it needs when JavaScript is off', async () => {
    const { context } = await coach('collega@delinde.example');
    const cookies = await context.cookies();
    await context.close();
    const noScript = await world.browser().newContext({ javaScriptEnabled: false });
    await noScript.addCookies(cookies);
    // (Chromium with scripts turned off by the test driver still parses <noscript> as text, so its content is checked, not its visibility.)
    const page = await noScript.newPage();
    await page.goto(`${portal().url}/inbox?lijst=nieuw`);
    await expect(page.locator('noscript').first().textContent()).resolves.toContain('Voor deze pagina is JavaScript nodig.');
    await page.locator('tr[data-referral="ref-kapot"]').getByRole('link', { name: 'Openen' }).click();
    await expect(page.locator('noscript').first().textContent()).resolves.toContain('Voor deze pagina is JavaScript nodig.');
    // The status form is a plain form; the handover needs the script, so it stays hidden.
    await expect(page.getByRole('button', { name: 'Status opslaan' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Overdragen', exact: true }).isVisible()).resolves.toBe(false);
    // The colleague list names a colleague with a display name by it, the others by address;
    // the plain form assigns, and the page then says who handles it. The GP's side holds no name.
    await expect(page.getByLabel('Collega').locator('option').allTextContents()).resolves.toEqual(['coach@delinde.example', 'Jan Jansen (collega@delinde.example)']);
    await page.getByLabel('Collega').selectOption({ label: 'Jan Jansen (collega@delinde.example)' });
    await page.getByRole('button', { name: 'Toewijzen' }).click();
    await page.getByText('De verwijzing is aan uw collega toegewezen.').waitFor();
    await page.goto(`${portal().url}/inbox/ref-kapot`);
    await expect(page.locator('.portal-facts dt:text-is("Behandelaar") + dd').textContent()).resolves.toBe('Jan Jansen (collega@delinde.example)');
    const handed = (await getReferral(portal().database.db, 'ref-kapot'))!;
    expect(handed.history.at(-1)).toEqual({ status: 'handed_to_colleague', at: expect.any(String) });
    expect(JSON.stringify(handed)).not.toContain('Jan Jansen');
    await page.goto(`${portal().url}/sleutel`);
    await expect(page.locator('noscript').first().textContent()).resolves.toContain('Voor deze pagina is JavaScript nodig.');
    await expect(page.getByRole('button', { name: 'Sleutel maken en publiceren' }).isVisible()).resolves.toBe(false);
    await noScript.close();
  });
});
