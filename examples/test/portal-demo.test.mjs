// The provider's side of the demo, end to end: a demo organisation's editor signs in through
// the demo mailbox, adds an activity in the portal, and an inwoner finds it on the gemeente
// page's finder — the real portal, PGlite, Meilisearch, search API and Chromium of `npm start`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser, openPage, startTestDemo } from './helpers.mjs';

let demo;
let browser;
beforeAll(async () => {
  demo = await startTestDemo();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('the demo portal', () => {
  it('seeds verified demo organisations whose editors sign in through the demo mailbox; what they add is on the gemeente page', async () => {
    const editor = demo.signIns.find((s) => s.email !== 'beheer@demo.sociale-kaart.example');
    expect(editor, 'a demo organisation to sign in as').toBeDefined();

    const { page, context, problems } = await openPage(browser, `${demo.urls.portal}/aanmelden`);
    await page.getByLabel('E-mailadres').fill(editor.email);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText('Als dit adres bij ons bekend is').waitFor();

    // The link arrives in the demo mailbox, a page of its own.
    await page.goto(demo.urls.mailbox);
    await page.locator('a[href^="/mail/"]', { hasText: /./ }).last().click();
    await page.getByRole('link', { name: /aanmelden\/link/ }).click();
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: `Uw activiteiten: ${editor.label}` }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(problems, 'portal pages').toEqual([]);

    const title = 'Buurtbreicafé Zuilen demo-test';
    await page.getByRole('link', { name: 'Activiteit toevoegen' }).click();
    await page.getByLabel('Uw eigen code voor deze activiteit').fill('breicafe-zuilen');
    await page.getByLabel('Naam van de activiteit').fill(title);
    await page.getByLabel('Omschrijving').fill('Elke donderdag breien en haken we samen in het buurthuis. Koffie en thee staan klaar.');
    await page.getByLabel('Creatief & cultuur').check();
    await page.getByLabel('Hoe vaak').selectOption('WEEKLY');
    await page.getByLabel('donderdag').check();
    await page.getByLabel('Begintijd').fill('14:00');
    await page.getByLabel('Eindtijd').fill('16:00');
    await page.getByLabel('Straat en huisnummer').fill('Amsterdamsestraatweg 500');
    await page.getByLabel('Postcode').fill('3553 EG');
    await page.getByLabel('Plaats').fill('Utrecht');
    await page.getByLabel('Gratis').check();
    await page.getByRole('button', { name: 'Opslaan en publiceren' }).click();
    await page.getByText('De activiteit is opgeslagen en staat in de zoeker.').waitFor();

    // An inwoner on the gemeente page types its name: it is there, under the organisation's name.
    await page.goto(demo.urls.gemeenteSite);
    const input = page.locator('sk-finder [part~="search-input"]');
    await input.fill('Buurtbreicafé Zuilen');
    await input.press('Enter');
    const card = page.locator('sk-finder .card', { hasText: title });
    await card.waitFor({ timeout: 5000 });
    expect(await card.innerText()).toContain(editor.label);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
