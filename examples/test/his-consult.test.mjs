// The GP's flow on the HIS consult page, against the real demo: results near the
// patient's postcode for the reason of the visit, a search for "wandel", a referral
// with consent through the relay to the real intake receiver, the journal line and
// the handout, a status posted back by the provider and shown to the GP; and the
// HIS's own channel, where nothing leaves the browser.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE } from '../demo/his-backend.mjs';
import { axe, launchBrowser, openPage, resultTitles, searchAfter, startTestDemo, waitForCards } from './helpers.mjs';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), '../his-consult/screenshots');

async function receivedReferrals(demo) {
  return (await fetch(`${demo.urls.intakeReceiver}api/referrals`)).json();
}

/** Searches "wandel" in the finder and opens the first result that takes Welzijn op Recept referrals through the intake receiver. */
async function openWandelActivity(page, demo) {
  const input = page.locator('sk-finder [part~="search-input"]');
  const answer = await searchAfter(page, (u) => u.searchParams.get('q') === 'wandel', async () => {
    await input.click();
    await input.pressSequentially('wandel', { delay: 40 });
  });
  await waitForCards(page, answer);
  expect(answer.hits.length).toBeGreaterThan(0);
  // Each hit is about walking: in its text, or in its category "Wandelen & natuur".
  for (const h of answer.hits) expect(`${h.title} ${h.summary} ${h.categories.map((c) => c.label).join(' ')}`.toLowerCase(), h.id).toMatch(/wandel/);
  // One of an organisation on the example intake receiver (the webhook path), not of one with the hosted inbox.
  const inboxes = new Set(demo.inboxes.map((i) => i.name));
  const hit = answer.hits.find((h) => h.acceptsWelzijnOpRecept && !inboxes.has(h.organization.name));
  expect(hit, 'a wandel activity that takes referrals on the intake receiver').toBeDefined();
  await page.keyboard.press('Escape'); // close the type-ahead
  await page.locator(`sk-finder [data-card-title="${hit.id}"]`).click();
  await page.locator('sk-finder [part~="detail"]').waitFor({ state: 'visible' });
  const full = await (await fetch(`${demo.urls.api}/activities/${hit.id}`)).json();
  return { hit, full };
}

async function referWithConsent(page) {
  const button = page.locator('sk-finder sk-referral-button [part~="button"]');
  await button.click();
  const dialog = page.locator('sk-finder sk-referral-button [part~="dialog"]');
  await dialog.waitFor({ state: 'visible' });
  // The HIS passed the patient in: the dialog is prefilled.
  await expect.poll(() => dialog.locator('[data-field="name"]').inputValue()).toBe('J. de Vries');
  expect(await dialog.locator('input[name="reason"][value="eenzaamheid"]').isChecked()).toBe(true);
  await dialog.locator('[data-field="note"], textarea[id$="-note"]').first().fill('Komt sinds het overlijden van haar man weinig buiten.');
  // Without consent nothing is sent.
  await dialog.locator('[part~="submit"]').click();
  await expect.poll(() => dialog.locator('[data-field="consent"]').getAttribute('aria-invalid')).toBe('true');
  await dialog.locator('[data-field="consent"]').check();
  await dialog.locator('[part~="submit"]').click();
  return dialog;
}

describe('HIS consult page (huisarts)', () => {
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

  it('shows activities near the patient for the reason of the visit, straight away', async () => {
    const { page, problems, context, firstSearch } = await openPage(browser, demo.urls.hisConsult, { firstSearch: true });
    const answer = await firstSearch;
    expect(answer.query).toMatchObject({ postcode: '3521 AB', need: ['eenzaamheid'] });
    await waitForCards(page, answer);
    expect(answer.hits.length).toBeGreaterThan(3);
    // Nearest first, and near: the patient lives in Utrecht.
    const distances = answer.hits.map((h) => h.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(distances[0]).toBeLessThan(3);
    // What the search API was told: postcode and need, nothing of the patient.
    const urls = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.reload();
    await resultTitles(page);
    for (const u of urls) expect(decodeURIComponent(u)).not.toMatch(/Vries|Joke|0612345678|06 1234 5678/);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'his-consult-list.png') });
    await page.locator('sk-finder [part~="view-switch"] button', { hasText: 'Kaart' }).click();
    await page.locator('sk-finder .sk-marker').first().waitFor({ state: 'visible', timeout: 20000 });
    await page.locator('sk-finder [part~="status"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(screenshots, 'his-consult-map.png') });
    await context.close();
  });

  it('refers through the relay: journal line, handout, the provider receives it and its status reaches the GP', async () => {
    const { page, problems, context } = await openPage(browser, demo.urls.hisConsult);
    await resultTitles(page);
    const before = (await receivedReferrals(demo)).length;
    const { full } = await openWandelActivity(page, demo);
    const dialog = await referWithConsent(page);

    // The host page writes the journal line and shows the handout.
    const plan = page.locator('#soep-p');
    await expect.poll(() => plan.inputValue(), { timeout: 20000 }).toContain(`Welzijn op Recept: verwezen naar ${full.title}`);
    expect(await plan.inputValue()).toMatch(/i\.v\.m\. .*eenzaamheid/i);
    await page.locator('#handout-area').waitFor({ state: 'visible' });
    const handout = page.locator('#handout-slot sk-welzijnsrecept');
    await handout.getByText(full.title).first().waitFor({ state: 'visible', timeout: 10000 });
    await handout.getByText(/Uw welzijnsrecept/i).first().waitFor({ state: 'visible' });
    expect(await axe(page)).toEqual([]);

    // The provider's intake got it, with what the GP chose to send.
    const received = await receivedReferrals(demo);
    expect(received.length).toBe(before + 1);
    const r = received.at(-1).referral;
    expect(r).toMatchObject({ activity: { id: full.id, title: full.title }, patient: { name: 'J. de Vries', contactPreference: 'phone' } });
    // The page hands the widget a referrer token from the HIS backend that the API trusts:
    // its key is in the JWKS file the API was started with, its audience is the API.
    const token = await page.evaluate(() => document.getElementById('finder').getReferrerToken());
    const jwks = createLocalJWKSet(JSON.parse(readFileSync(demo.referrerJwksFile, 'utf8')));
    const { payload } = await jwtVerify(token, jwks, { audience: new URL(demo.urls.api).origin, algorithms: ['ES256'] });
    expect(payload.sub).toBe(DEMO_PRACTICE.agb);
    expect(r.reasons.map((x) => x.key)).toContain('eenzaamheid');
    expect(r.note).toContain('weinig buiten');
    await dialog.evaluate((d) => d.close());

    // The provider posts a status on its own page; the GP's page shows it.
    const provider = await context.newPage();
    await provider.goto(demo.urls.intakeReceiver);
    const article = provider.locator('article', { hasText: 'J. de Vries' }).first();
    await article.locator('select[name="status"]').selectOption('received');
    // The form answers with a redirect to the referral on the page: wait for it from before the click.
    const redirected = provider.waitForURL(/#referral-/, { timeout: 15000 });
    await article.locator('button[type="submit"]').click();
    await redirected;
    const status = page.locator('#status-slot sk-referral-status [part~="status"]');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15000 }).toBe('received');
    expect(await status.innerText()).toMatch(/ontvangen/i);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a HIS with its own channel cancels the event: the referral never leaves the browser through Sociale Kaart', async () => {
    const { page, problems, context } = await openPage(browser, demo.urls.hisConsult);
    await resultTitles(page);
    await page.locator('input[name="channel"][value="his"]').check();
    const before = (await receivedReferrals(demo)).length;
    const posts = [];
    page.on('request', (r) => {
      // Asking the HIS's own backend for a referrer token is the HIS talking to itself, not a send.
      if (r.method() === 'POST' && r.url() !== demo.urls.hisReferrerToken) posts.push(r.url());
    });
    const { full } = await openWandelActivity(page, demo);
    await referWithConsent(page);
    await expect.poll(() => page.locator('#soep-p').inputValue(), { timeout: 20000 }).toContain('(verstuurd via HIS-kanaal)');
    expect(await page.locator('#soep-p').inputValue()).toContain(full.title);
    await page.locator('#handout-area').waitFor({ state: 'visible' });
    expect(posts).toEqual([]);
    expect((await receivedReferrals(demo)).length).toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });
});
