import './define.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SkFinder } from './finder.js';
import { $, $$, assert, assertEqual, cleanup, mountFinder, waitFor, waitForResults } from '../../test/helpers.js';

/** Script resources of this page whose URL mentions Leaflet or the map chunk. */
function mapResources(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((n) => /leaflet|finder-map/i.test(n));
}

function markers(el: SkFinder): HTMLElement[] {
  return $$(el, '.map .sk-marker');
}

async function showMap(el: SkFinder): Promise<HTMLElement> {
  const button = $$<HTMLButtonElement>(el, '.view-switch button').find((b) => b.textContent === 'Kaart')!;
  button.click();
  return waitFor(() => $<HTMLElement>(el, '.map.leaflet-container'), 'Leaflet map in the shadow root');
}

describe('sk-finder: map', () => {
  afterEach(cleanup);

  // Runs first in this file (its own page): nothing has imported Leaflet yet.
  it('the list view does not load Leaflet; the map view loads it as a separate module', async () => {
    const el = await mountFinder({ 'per-page': '50' });
    await waitForResults(el);
    await new Promise((r) => setTimeout(r, 300));
    assertEqual(mapResources(), [], 'no Leaflet request in the list view');
    assert(!$(el, '.leaflet-container'), 'no map element in the list view');
    await showMap(el);
    assertEqual(el.getAttribute('view'), 'map', 'view reflects');
    const loaded = mapResources();
    assert(loaded.some((n) => /finder-map/.test(n)), `the map module was fetched: ${JSON.stringify(loaded)}`);
    assert(loaded.some((n) => /leaflet-src/.test(n)), 'Leaflet was fetched on demand');
    const leafletCss = [...el.shadowRoot!.adoptedStyleSheets].some((s) => [...s.cssRules].some((r) => r.cssText.includes('.leaflet-pane')));
    assert(leafletCss, 'Leaflet CSS lives in the shadow root');
    assert(![...document.styleSheets].some((s) => s.href?.includes('leaflet')), 'and not in the page');
  });

  it('places a divIcon marker per located result, marks the searched point and shows attribution', async () => {
    const el = await mountFinder({ view: 'map', postcode: '3511', 'per-page': '50', 'tile-attribution': 'Testkaart <script>' });
    await waitForResults(el);
    await waitFor(() => markers(el).length > 0, 'markers');
    const cards = $$(el, '.card');
    const online = cards.filter((c) => c.textContent!.includes('Online')).length;
    const clustered = $$(el, '.map .sk-cluster').reduce((sum, c) => sum + Number(c.dataset['count']), 0);
    assertEqual(markers(el).length + clustered, cards.length - online, 'every result with a place is on the map, as a marker or in a cluster');
    assert(markers(el).every((m) => m.querySelector('svg') && !m.querySelector('img')), 'markers are inline SVG, not image files');
    assert(markers(el).every((m) => m.getAttribute('role') === 'button' && m.getAttribute('aria-label')), 'markers are named buttons');
    assert($(el, '.sk-searched-point'), 'the searched point is marked');
    const attribution = $(el, '.leaflet-control-attribution')!;
    assert(attribution.textContent!.includes('Testkaart <script>'), `attribution shown as text: ${attribution.innerHTML}`);
    if (online > 0) assert($(el, '.map-note')?.textContent?.includes('online'), 'the note explains results without a place');
    const tiles = $$<HTMLImageElement>(el, 'img.leaflet-tile');
    assert(tiles.length > 0 && tiles.every((t) => t.src.includes('/__sk/tiles/')), 'tiles from the configured tile URL');
  });

  it('keeps list and map in sync: hover or focus a card highlights its marker and back', async () => {
    const el = await mountFinder({ view: 'map', 'per-page': '50' });
    await waitForResults(el);
    await waitFor(() => markers(el).length > 0, 'markers');
    const card = $(el, '.card[data-id="test-koffie-buurtkamer"]')!;
    card.dispatchEvent(new MouseEvent('mouseenter'));
    const marker = await waitFor(() => $<HTMLElement>(el, '.sk-marker.is-active'), 'marker highlighted by hovering the card');
    assertEqual(marker.dataset['id'], 'test-koffie-buurtkamer', 'the right marker');
    card.dispatchEvent(new MouseEvent('mouseleave'));
    await waitFor(() => !$(el, '.sk-marker.is-active'), 'unhighlighted');
    card.querySelector<HTMLButtonElement>('.title-button')!.focus();
    await waitFor(() => $(el, '.sk-marker.is-active')?.dataset['id'] === 'test-koffie-buurtkamer', 'focus highlights too');
    const other = $(el, '.sk-marker[data-id="test-rouwgroep"]')!;
    other.focus();
    await waitFor(() => $(el, '.card.is-highlighted')?.dataset['id'] === 'test-rouwgroep', 'focusing a marker highlights its card');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, '.detail h2')?.textContent === 'Rouwgroep Na het verlies', 'Enter on a marker opens the activity');
  });

  it('survives being hidden and shown, is removed on disconnect and rebuilt on reconnect', async () => {
    const el = await mountFinder({ view: 'map' });
    await waitForResults(el);
    const container = await waitFor(() => $(el, '.map.leaflet-container'), 'map');
    await waitFor(() => markers(el).length > 0, 'markers');
    const leafletWidth = () => (el as unknown as { _maps: { results: { leaflet: { getSize(): { x: number } } } } })._maps.results.leaflet.getSize().x;
    el.style.display = 'block';
    el.style.width = '900px';
    await waitFor(() => leafletWidth() === container.clientWidth, 'Leaflet knows the first size');
    el.view = 'list';
    await el.updateComplete;
    assert(container.closest('[hidden]'), 'map hidden in list view, not destroyed');
    el.style.width = '600px';
    el.view = 'map';
    await el.updateComplete;
    await waitFor(() => container.clientWidth > 0, 'shown again');
    await waitFor(() => leafletWidth() === container.clientWidth, `Leaflet follows the new size (invalidateSize): ${leafletWidth()} vs ${container.clientWidth}`);
    assertEqual(el.shadowRoot!.querySelectorAll('.leaflet-container').length, 1, 'one map, not a second one');
    el.remove();
    assertEqual(container.querySelectorAll('.leaflet-pane').length, 0, 'map.remove() cleared the container');
    assert(!('_leaflet_id' in container) || (container as unknown as { _leaflet_id?: number })._leaflet_id === undefined, 'Leaflet let go of the container');
    document.body.append(el);
    await waitFor(() => $(el, '.map.leaflet-container .sk-marker'), 'moved back into the page: the map is built again');
    assertEqual(el.shadowRoot!.querySelectorAll('.leaflet-container').length, 1, 'one map after reconnecting');
  });
});
