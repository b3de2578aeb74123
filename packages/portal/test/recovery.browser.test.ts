/**
 * The team key on a second device, in real Chromium (real portal, real database, sign-in
 * through the demo mailbox). A coach makes the key and downloads the recovery file; a
 * colleague on another device (a fresh browser context: empty IndexedDB) imports it — first
 * with a wrong passphrase (a clear message, nothing stored), then the right one — and reads a
 * referral sealed to it. The first coach then makes a new key with the previous file, so the
 * new recovery file carries both keys: the old referral stays readable where the old key is,
 * the new one is not readable there until the new file is imported, and a third device that
 * imports only the newest file reads both. Also: handing a referral to a colleague, which the
 * GP reads as "handed over to a colleague" and which leaves its status as it was.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentReferralKey, getReferral, upsertUser, type Organisation, type User } from '@sociale-kaart/db';
import type { ReferralPublicKey, SealedPatientPart } from '@sociale-kaart/schema';
import { createFirstKey, downloadRecoveryFile, expectAxeClean, signInCoach, useInboxWorld } from './inbox-browser.js';
import { insertSealedReferral, makeInboxOrganisation, PATIENT_PART } from './inbox-fixtures.js';

const FIRST_PASSPHRASE = 'paarse olifant fietst naar Zwolle';
const SECOND_PASSPHRASE = 'de tweede sleutel ligt onder de mat';
const LATER_PART: SealedPatientPart = { patient: { name: 'Willemijn Later-Gesleuteld', contactPreference: 'phone', phone: '06 13572468' }, note: 'Na de nieuwe sleutel verstuurd.' };
const CANNOT_OPEN = 'Deze verwijzing kan met de sleutels op dit apparaat niet geopend worden:';

describe('the recovery file on a second device, and a rotation, in Chromium', () => {
  let linde: Organisation;
  let colleague: User;
  const world = useInboxWorld('portal_recovery_browser', async (db) => {
    linde = await makeInboxOrganisation(db, 'Stichting De Linde', 'info@delinde.example');
    await upsertUser(db, { email: 'coach@delinde.example', role: 'editor', organisationId: linde.id });
    colleague = await upsertUser(db, { email: 'collega@delinde.example', role: 'editor', organisationId: linde.id });
  });
  const { sent } = world;
  const portal = () => world.portal();

  const keysOnDevice = (page: Page) =>
    page.evaluate(
      (name) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(name, 1);
          open.onupgradeneeded = () => open.result.createObjectStore('keys', { keyPath: 'kid' });
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('keys').objectStore('keys').count();
            count.onsuccess = () => {
              open.result.close();
              resolve(count.result);
            };
          };
        }),
      `sociale-kaart-referral-keys:${linde.id}`,
    );
  const importFile = async (page: Page, path: string, passphrase: string) => {
    await page.locator('#k-file').setInputFiles(path);
    await page.locator('#k-import-passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Sleutel op dit apparaat zetten' }).click();
  };
  const inboxShows = async (page: Page, rows: Record<string, string>) => {
    await page.goto(`${portal().url}/inbox?lijst=nieuw`);
    for (const [id, text] of Object.entries(rows)) await page.locator(`tr[data-referral="${id}"]`).getByText(text).waitFor();
  };
  const publishedKey = async () => {
    const k = (await currentReferralKey(portal().database.db, linde.id))!;
    return { kid: k.kid, publicJwk: k.public_jwk as ReferralPublicKey };
  };


  it('a colleague imports the recovery file on another device; after a rotation the newest file carries every key', async () => {
    // Device A: the first coach makes the team key and downloads its recovery file.
    const a = await signInCoach(world, 'coach@delinde.example');
    await createFirstKey(a.page, FIRST_PASSPHRASE);
    const firstFile = await downloadRecoveryFile(a.page);
    const firstKey = await publishedKey();
    await insertSealedReferral(portal().database.db, { id: 'ref-oud', organisationId: linde.id, key: firstKey, createdAt: new Date('2026-06-01T09:00:00Z') });

    // Device B: a colleague, nothing in this browser yet. A wrong passphrase stores nothing.
    const b = await signInCoach(world, 'collega@delinde.example');
    await b.page.goto(`${portal().url}/sleutel`);
    await b.page.getByText('Op dit apparaat staat nog geen sleutel.').waitFor();
    await importFile(b.page, firstFile, 'dit is niet de wachtwoordzin');
    await b.page.locator('#import-result').getByText('Dat is niet gelukt: Het herstelbestand kan niet worden geopend: het wachtwoord klopt niet. Let op hoofdletters en spaties.').waitFor({ timeout: 60_000 });
    await expect(keysOnDevice(b.page)).resolves.toBe(0);
    await expectAxeClean(b.page, 'import with a wrong passphrase');
    await importFile(b.page, firstFile, FIRST_PASSPHRASE);
    await b.page.getByText('De sleutel staat nu op dit apparaat.').waitFor({ timeout: 60_000 });
    await b.page.getByText('Dit apparaat heeft de gepubliceerde sleutel.').waitFor();
    await expect(keysOnDevice(b.page)).resolves.toBe(1);
    await expectAxeClean(b.page, 'recovery file imported');
    await inboxShows(b.page, { 'ref-oud': PATIENT_PART.patient.name });

    // Device A makes a new key, taking the previous keys along with the previous file.
    await a.page.goto(`${portal().url}/sleutel`);
    await a.page.getByText('Een herstelbestand bevat alleen de sleutels die erin zijn gezet.').waitFor();
    await a.page.locator('#k-passphrase').fill(SECOND_PASSPHRASE);
    await a.page.getByLabel('Herhaal de wachtwoordzin').fill(SECOND_PASSPHRASE);
    await a.page.getByLabel('Bestand van de huidige sleutel (niet verplicht)').setInputFiles(firstFile);
    await a.page.getByLabel('Wachtwoordzin van dat bestand').fill(FIRST_PASSPHRASE);
    await a.page.getByRole('button', { name: 'Sleutel maken en publiceren' }).click();
    await a.page.getByText('De sleutel is gemaakt en gepubliceerd.').waitFor({ timeout: 60_000 });
    await a.page.getByText('Het nieuwe herstelbestand bevat ook de vorige sleutel: daarmee opent een collega ook de oudere verwijzingen.').waitFor();
    await expectAxeClean(a.page, 'key rotated with the previous file');
    const secondFile = await downloadRecoveryFile(a.page);
    const second = JSON.parse(readFileSync(secondFile, 'utf8'));
    const secondKey = await publishedKey();
    expect(secondKey.kid).not.toBe(firstKey.kid);
    expect(second).toMatchObject({ version: 2, kid: secondKey.kid, olderKeys: [{ kid: firstKey.kid }] });
    expect(JSON.stringify(second)).not.toMatch(/"d"/);
    await insertSealedReferral(portal().database.db, { id: 'ref-nieuw', organisationId: linde.id, key: secondKey, part: LATER_PART, createdAt: new Date('2026-07-01T09:00:00Z') });

    // Device A holds both keys; device B only the old one, until it imports the new file.
    await inboxShows(a.page, { 'ref-oud': PATIENT_PART.patient.name, 'ref-nieuw': LATER_PART.patient.name });
    await inboxShows(b.page, { 'ref-oud': PATIENT_PART.patient.name, 'ref-nieuw': CANNOT_OPEN });
    await expectAxeClean(b.page, 'inbox with a referral for a key this device lacks');

    // Device C: the colleague again, in a fresh browser, with only the newest file: both open.
    const c = await signInCoach(world, 'collega@delinde.example');
    await c.page.goto(`${portal().url}/sleutel`);
    await c.page.getByText('Op dit apparaat staat nog geen sleutel.').waitFor();
    await importFile(c.page, secondFile, SECOND_PASSPHRASE);
    await c.page.getByText('De sleutel staat nu op dit apparaat.').waitFor({ timeout: 60_000 });
    await c.page.getByText('Uit hetzelfde bestand staan er ook een vorige sleutel op dit apparaat, voor oudere verwijzingen.').waitFor();
    await expect(keysOnDevice(c.page)).resolves.toBe(2);
    await c.page.getByText('Dit apparaat heeft de gepubliceerde sleutel.').waitFor();
    await inboxShows(c.page, { 'ref-oud': PATIENT_PART.patient.name, 'ref-nieuw': LATER_PART.patient.name });
    await expectAxeClean(c.page, 'inbox on a device with only the newest recovery file');

    // Device A hands the old referral to the colleague: the history says so, the status stays.
    await a.page.goto(`${portal().url}/inbox/ref-oud`);
    await expect(a.page.locator('#p-name').textContent()).resolves.toBe(PATIENT_PART.patient.name);
    const status = (await getReferral(portal().database.db, 'ref-oud'))!.status;
    await a.page.getByLabel('Collega').selectOption({ label: 'collega@delinde.example' });
    await a.page.getByRole('button', { name: 'Toewijzen' }).click();
    await a.page.getByText('De verwijzing is aan uw collega toegewezen.').waitFor();
    const handed = (await getReferral(portal().database.db, 'ref-oud'))!;
    expect(handed).toMatchObject({ status, assignee_user_id: colleague.id });
    expect(handed.history.at(-1)).toEqual({ status: 'handed_to_colleague', at: expect.any(String) });
    await a.page.goto(`${portal().url}/inbox/ref-oud`);
    await a.page.locator('.portal-history').getByText(/Overgedragen aan een collega/).waitFor();
    await expectAxeClean(a.page, 'referral handed to a colleague');

    // Nothing opened ever left a browser, and no page threw.
    for (const request of sent) {
      expect(request.startsWith('pageerror'), request).toBe(false);
      for (const secret of [PATIENT_PART.patient.name, LATER_PART.patient.name, PATIENT_PART.note!, LATER_PART.note!]) {
        expect(request.includes(secret) || request.includes(encodeURIComponent(secret)), request).toBe(false);
      }
    }
    for (const device of [a, b, c]) await device.context.close();
  });
});
