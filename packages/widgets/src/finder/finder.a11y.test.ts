import './define.js';
import type { SkFinder } from './finder.js';
import { $, $$, assert, cleanup, expectNoAxeViolations, mountFinder, testConfig, waitFor, waitForResults } from '../../test/helpers.js';

describe('sk-finder: accessibility (axe-core, WCAG 2.1 AA)', () => {
  afterEach(cleanup);

  it('results state', async () => {
    const el = await mountFinder({ postcode: '3511' });
    await waitForResults(el);
    await expectNoAxeViolations(el, 'results');
  });

  it('empty state', async () => {
    const el = await mountFinder({ q: 'qqqzzzxxx', category: 'exercise' });
    await waitFor(() => $(el, '.state.empty'), 'empty state');
    assert($(el, '.state.empty')!.textContent!.includes('Geen activiteiten gevonden'), 'Dutch empty text');
    assert($$(el, '.state.empty button').some((b) => b.textContent === 'Filters wissen'), 'offers to clear filters');
    await expectNoAxeViolations(el, 'empty');
  });

  it('detail state', async () => {
    const el = await mountFinder({ q: 'koffieochtend', mode: 'professional' });
    await waitForResults(el);
    $<HTMLButtonElement>(el, '.card .title-button')!.click();
    await waitFor(() => $(el, '.detail h2') && $(el, '.detail-map .sk-marker'), 'detail with map');
    await expectNoAxeViolations(el, 'detail');
  });

  it('map state', async () => {
    const el: SkFinder = await mountFinder({ view: 'map', postcode: '3511' });
    await waitForResults(el);
    await waitFor(() => $$(el, '.map .sk-marker').length > 0, 'markers');
    await expectNoAxeViolations(el, 'map');
  });

  it('error state', async () => {
    const { proxyUrl } = await testConfig();
    const el = await mountFinder({ api: `${proxyUrl}/broken/v1` });
    await waitFor(() => $(el, '.state.error'), 'error state');
    await expectNoAxeViolations(el, 'error');
  });

  it('fits 320 px wide (reflow, as at 400 % zoom) without horizontal scrolling, list and detail', async () => {
    const el = await mountFinder({ postcode: '3511', mode: 'public', 'per-page': '5' });
    el.style.display = 'block';
    el.style.width = '320px';
    await waitForResults(el);
    const sticking = () => {
      const right = el.getBoundingClientRect().right + 1;
      return [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
        // Map tiles are clipped by the map (overflow: hidden); the map itself must fit.
        .filter((n) => !n.closest('.sr-only') && !n.closest('[hidden]') && !n.parentElement?.closest('.leaflet-container') && n.getClientRects().length > 0)
        .filter((n) => n.getBoundingClientRect().right > right)
        .map((n) => `${n.tagName.toLowerCase()}.${n.className}`);
    };
    assert(sticking().length === 0, `nothing sticks out at 320 px: ${JSON.stringify(sticking().slice(0, 5))}`);
    $<HTMLButtonElement>(el, '.card .title-button')!.click();
    await waitFor(() => $(el, '.detail h2'), 'detail');
    assert(sticking().length === 0, `detail fits at 320 px: ${JSON.stringify(sticking().slice(0, 5))}`);
  });
});
