// The done-when of the coach's inbox, end to end against the real demo of `npm start`, in
// Chromium: the GP refers from the HIS consult page to an inbox organisation's activity (sealed
// in the GP's browser); the coach signs in through the demo mailbox, puts the team key on a
// device that never saw it (the demo's recovery file on /sleutel), reads the referral in the
// inbox and marks it contacted; the GP's page shows it; the coach hands it over to a second
// inbox organisation, whose coach reads it with that organisation's key, and the GP's page says
// so. axe runs in every state; no request a coach's page makes carries what was opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser, openPage, resultTitles, searchAfter, startTestDemo, waitForCards } from './helpers.mjs';

const PATIENT = { name: 'Geertruida Zonnebloem-Vis', phone: '06 24681357' };
const NOTE = 'Voelt zich alleen sinds de verhuizing van haar dochter; liefst bellen na 14:00.';
const SECRETS = [PATIENT.name, PATIENT.phone, PATIENT.phone.replace(/\s/g, ''), NOTE];
const FIRST = 'Trajectum Welzijn';
const SECOND = 'Stichting Buurtkracht Overvecht';
const ACTIVITY = 'Huiskamer van de wijk';

let demo;
let browser;
beforeAll(async () => {
  demo = await startTestDemo();
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const inboxOf = (name) => {
  const inbox = demo.inboxes.find((i) => i.name === name);
  expect(inbox, `${name} receives in the demo's hosted inbox`).toBeDefined();
  return inbox;
};

async function clean(page, state) {
  expect({ state, violations: await axe(page) }).toEqual({ state, violations: [] });
}

/** A coach on a fresh device (a new browser context): signs in through the demo mailbox. Every request its pages make lands in `sent`. */
async function coachSignsIn(inbox, sent) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'nl-NL' });
  const page = await context.newPage();
  page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
  page.on('pageerror', (e) => sent.push(`pageerror ${e.message}`));
  await page.goto(`${demo.urls.portal}/aanmelden`);
  await page.getByLabel('E-mailadres').fill(inbox.email);
  const after = demo.mailbox.messages().at(-1)?.id ?? 0;
  // The sign-in link, not the "nieuwe verwijzing" mail the same address may get meanwhile.
  const mail = demo.mailbox.waitFor((m) => m.to.includes(inbox.email) && m.id > after && m.text.includes('/aanmelden/link'));
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await page.goto(`${demo.urls.mailbox}/mail/${(await mail).id}`);
  await page.getByRole('link', { name: /aanmelden\/link/ }).click();
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { name: `Uw activiteiten: ${inbox.name}` }).waitFor();
  return { context, page };
}

/** The demo's recovery file and passphrase on /sleutel, as a second coach puts the team key on a device. */
async function importKey(page, inbox) {
  await page.getByRole('link', { name: 'Sleutel' }).click();
  await page.getByRole('heading', { name: 'Sleutel voor verwijzingen' }).waitFor();
  await page.getByText('Op dit apparaat staat nog geen sleutel.').waitFor();
  await clean(page, `${inbox.name}: key page, no key on this device`);
  await page.getByLabel('Herstelbestand').setInputFiles(inbox.recoveryFile);
  await page.locator('#k-import-passphrase').fill(inbox.passphrase);
  await page.getByRole('button', { name: 'Sleutel op dit apparaat zetten' }).click();
  await page.getByText('De sleutel staat nu op dit apparaat.').waitFor({ timeout: 30_000 });
  await page.getByText('Dit apparaat heeft de gepubliceerde sleutel.').waitFor();
  await clean(page, `${inbox.name}: key page, key imported`);
}

/** Opens the referral from the inbox list and checks the patient part, opened in this browser. */
async function readReferral(page, referralId, state) {
  await page.getByRole('link', { name: 'Inbox verwijzingen' }).click();
  const row = page.locator(`tr[data-referral="${referralId}"]`);
  await row.getByText(PATIENT.name).waitFor();
  await clean(page, `${state}: inbox list`);
  await row.getByRole('link', { name: 'Openen' }).click();
  await expect.poll(() => page.locator('#p-name').textContent()).toBe(PATIENT.name);
  expect((await page.locator('#p-phone').textContent()).replace(/\s/g, '')).toBe(PATIENT.phone.replace(/\s/g, ''));
  expect(await page.locator('#p-note').textContent()).toBe(NOTE);
  await clean(page, `${state}: referral opened`);
}

describe('the coach reads a sealed referral in the demo inbox and the GP hears back', () => {
  it('HIS page → sealed referral → coach reads it with the recovery file, contacted → GP sees it → handover → second coach reads it → GP sees the handover', async () => {
    const first = inboxOf(FIRST);
    const second = inboxOf(SECOND);

    // The GP, on the HIS consult page: finds the activity of the first inbox organisation.
    const { page: gp, context: gpContext, problems } = await openPage(browser, demo.urls.hisConsult);
    await resultTitles(gp);
    const input = gp.locator('sk-finder [part~="search-input"]');
    const answer = await searchAfter(gp, (u) => u.searchParams.get('q') === ACTIVITY, async () => {
      await input.click();
      await input.fill(ACTIVITY);
      await input.press('Enter');
    });
    await waitForCards(gp, answer);
    const hit = answer.hits.find((h) => h.title === ACTIVITY && h.organization.name === FIRST);
    expect(hit, `"${ACTIVITY}" of ${FIRST} in the results`).toBeDefined();
    expect(hit.acceptsWelzijnOpRecept).toBe(true);
    // The indexed activity names the organisation the demo seeded with the inbox: the relay routes by this id.
    expect((await (await fetch(`${demo.urls.api}/activities/${hit.id}`)).json()).organization.id).toBe(first.organizationId);
    await gp.locator(`sk-finder [data-card-title="${hit.id}"]`).click();
    await gp.locator('sk-finder [part~="detail"]').waitFor({ state: 'visible' });

    // The dialog, with the patient's details changed to distinctive ones, and consent.
    await gp.locator('sk-finder sk-referral-button [part~="button"]').click();
    const dialog = gp.locator('sk-finder sk-referral-button [part~="dialog"]');
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => dialog.locator('[data-field="name"]').inputValue()).toBe('J. de Vries');
    await dialog.locator('[data-field="name"]').fill(PATIENT.name);
    await dialog.locator('[data-field="phone"]').fill(PATIENT.phone);
    await dialog.locator('[data-field="note"]').fill(NOTE);
    await dialog.locator('[data-field="consent"]').check();
    const request = gp.waitForRequest((r) => r.method() === 'POST' && r.url() === `${demo.urls.api}/referrals`);
    const response = gp.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${demo.urls.api}/referrals`);
    const notified = demo.mailbox.waitFor((m) => m.to.includes(first.email) && m.subject === 'Er is een nieuwe verwijzing', 30_000);
    await dialog.locator('[part~="submit"]').click();

    // What left the GP's browser: the public part and the seal, no patient data.
    const sentBody = (await request).postData();
    const body = JSON.parse(sentBody);
    expect(body).toMatchObject({ target: 'activity', activityId: hit.id, consent: true, sealed: { kid: first.kid } });
    expect(Object.keys(body.sealed).sort()).toEqual(['ciphertext', 'enc', 'kid']);
    expect(body).not.toHaveProperty('patient');
    expect(body).not.toHaveProperty('note');
    for (const secret of SECRETS) expect(sentBody).not.toContain(secret);
    const created = await (await response).json();
    expect((await response).status()).toBe(202);
    await dialog.getByText('Versleuteld verstuurd: alleen de welzijnscoach kan dit lezen.').waitFor();
    await clean(gp, 'GP: referral sent sealed');
    await dialog.evaluate((d) => d.close());
    const status = gp.locator('#status-slot sk-referral-status [part~="status"]');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');

    // The organisation's address hears that there is a referral, and nothing of the patient.
    await demo.notifyNewReferrals();
    const mail = await notified;
    for (const secret of SECRETS) expect(`${mail.subject} ${mail.text}`).not.toContain(secret);

    // The first coach, on a device that has never seen the key: signs in, imports the key, reads, marks contacted.
    const sent = [];
    const { context: firstContext, page: coach } = await coachSignsIn(first, sent);
    await importKey(coach, first);
    await readReferral(coach, created.referralId, FIRST);
    await coach.getByLabel('Nieuwe status').selectOption('contacted');
    await coach.getByRole('button', { name: 'Status opslaan' }).click();
    await coach.getByText('De status is opgeslagen.').waitFor();
    await coach.locator(`tr[data-referral="${created.referralId}"]`).getByText('Contact opgenomen').waitFor();
    await clean(coach, `${FIRST}: inbox after contacted`);

    // The GP's page hears back.
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('contacted');
    expect(await status.innerText()).toMatch(/contact opgenomen/i);
    await clean(gp, 'GP: status contacted');

    // Warm handover: re-sealed in the first coach's browser to the second organisation's key.
    await coach.goto(`${demo.urls.portal}/inbox/${created.referralId}`);
    await expect.poll(() => coach.locator('#p-name').textContent()).toBe(PATIENT.name);
    await coach.getByLabel('Organisatie').selectOption({ label: SECOND });
    await coach.getByRole('button', { name: 'Overdragen' }).click();
    await coach.getByText(`De verwijzing is overgedragen aan ${SECOND}.`).waitFor();
    await clean(coach, `${FIRST}: inbox after handover`);

    // The GP sees where it went (until the second organisation opens it, this is the latest word).
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('handed_over');
    expect(await status.innerText()).toMatch(new RegExp(`overgedragen aan ${SECOND}`, 'i'));
    await clean(gp, 'GP: handed over');

    // The second organisation's coach, on another device with its own recovery file, reads it there;
    // opening it says "received" to the GP, and the handover stays in the history.
    const { context: secondContext, page: colleague } = await coachSignsIn(second, sent);
    await importKey(colleague, second);
    await readReferral(colleague, created.referralId, SECOND);
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('received');
    const history = gp.locator('#status-slot sk-referral-status [part~="history"]');
    expect(await history.locator('li[data-status="handed_over"]').innerText()).toMatch(new RegExp(`overgedragen aan ${SECOND}`, 'i'));
    await clean(gp, 'GP: received by the second organisation');
    expect(problems).toEqual([]);

    // Nothing opened ever left a coach's browser, and no coach page threw.
    expect(sent.length).toBeGreaterThan(10);
    for (const line of sent) {
      expect(line.startsWith('pageerror'), line).toBe(false);
      for (const secret of SECRETS) expect(line.includes(secret) || line.includes(encodeURIComponent(secret)), line).toBe(false);
    }
    await firstContext.close();
    await secondContext.close();
    await gpContext.close();
  }, 180_000);
});
