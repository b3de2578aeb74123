import './define.js';
import { $, $$, assert, assertEqual, chip, cleanup, mountFinder, statusText, waitFor, waitForResults } from '../../test/helpers.js';

describe('sk-finder: Dutch and English', () => {
  afterEach(cleanup);

  it('speaks Dutch by default', async () => {
    const el = await mountFinder({ q: 'koffieochtend' });
    await waitForResults(el);
    assertEqual($(el, 'label')!.textContent, 'Zoek een activiteit', 'search label');
    assert(/gevonden$/.test(statusText(el)), `count: ${statusText(el)}`);
    assert($(el, '.card')!.textContent!.includes('Volgende keer:'), 'next session label');
    assert(/dinsdag|vandaag|morgen/.test($(el, '.card .meta')!.textContent!), `next session in Dutch: ${$(el, '.card .meta')!.textContent}`);
    assertEqual(
      $$(el, '.view-switch button').map((b) => b.textContent),
      ['Lijst', 'Kaart'],
      'view switch',
    );
  });

  it('speaks English with lang="en", labels from the API included', async () => {
    const el = await mountFinder({ q: 'koffieochtend', lang: 'en' });
    await waitForResults(el);
    assertEqual($(el, 'label')!.textContent, 'Search for an activity', 'search label');
    assert(/found$/.test(statusText(el)), `count: ${statusText(el)}`);
    assert($(el, '.card')!.textContent!.includes('Next time:'), 'next session label');
    assert(/Tuesday|today|tomorrow/.test($(el, '.card .meta')!.textContent!), 'next session in English');
    el.q = '';
    await waitForResults(el, (t) => t.length > 3);
    const exercise = await waitFor(() => chip(el, 'category', 'exercise'), 'category chip');
    assert(exercise.textContent!.includes('Exercise & sport'), `English category label: ${exercise.textContent}`);
    $<HTMLButtonElement>(el, '.card .title-button')!.click();
    await waitFor(() => $(el, '.detail .schedules'), 'detail');
    assert(/^Every \w+day/.test($(el, '.detail .schedules li')!.textContent!), `English schedule: ${$(el, '.detail .schedules li')!.textContent}`);
    assertEqual($(el, '.detail .back')!.textContent!.trim(), '← Back to the results', 'back button');
  });

  it('follows the page language when the element has none', async () => {
    document.documentElement.lang = 'en';
    const el = await mountFinder();
    await waitForResults(el);
    assertEqual($(el, 'label')!.textContent, 'Search for an activity', 'English from <html lang="en">');
    el.lang = 'nl';
    await el.updateComplete;
    assertEqual($(el, 'label')!.textContent, 'Zoek een activiteit', 'the element’s own lang wins');
  });
});
