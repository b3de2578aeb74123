import './define.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SkFinder } from './finder.js';
import { $, $$, assert, assertEqual, cleanup, expectNoAxeViolations, mountFinder, testConfig, waitFor, waitForResults } from '../../test/helpers.js';

const pins = (el: SkFinder) => $$(el, '.map .sk-marker');
const clusters = (el: SkFinder) => $$(el, '.map .sk-cluster');
/** Activities on the map now: single pins plus what every cluster holds. */
const onMap = (el: SkFinder) => pins(el).length + clusters(el).reduce((sum, c) => sum + Number(c.dataset['count']), 0);
/** The zoom level of the tiles shown (the test tile URL is /__sk/tiles/{z}/{x}/{y}.png). */
function tileZoom(el: SkFinder): number {
  const zooms = $$<HTMLImageElement>(el, 'img.leaflet-tile').map((t) => Number(/\/tiles\/(\d+)\//.exec(t.src)?.[1]));
  return Math.max(...zooms);
}

describe('sk-finder: map clusters', () => {
  afterEach(cleanup);

  it('puts all 1,000 results on the map, clustered, while the list shows one page', async () => {
    const { manyApiUrl } = await testConfig();
    const el = await mountFinder({ api: manyApiUrl, q: 'buurtactiviteit', view: 'map' });
    await waitForResults(el);
    assertEqual($$(el, '.card').length, 10, 'the list shows its page');
    await waitFor(() => onMap(el) === 1000, `every result on the map (now ${onMap(el)})`, 20_000);
    assert(clusters(el).length > 0 && pins(el).length + clusters(el).length < 1000, `clustered: ${pins(el).length} pins, ${clusters(el).length} clusters`);
    assert(!$(el, '.map-note')?.textContent?.includes('toont'), 'no "shows n of m" note: nothing was left out');
    for (const c of clusters(el)) {
      assertEqual(c.getAttribute('aria-label'), `${c.dataset['count']} activiteiten hier, inzoomen`, 'cluster name');
      assert(c.getAttribute('role') === 'button' && c.tabIndex === 0, 'a cluster is a focusable button');
    }
    await expectNoAxeViolations(el, 'map with clusters');
  });

  it('zooms into a cluster by keyboard (Enter and Space) and moves focus to what it held', async () => {
    const { manyApiUrl } = await testConfig();
    const el = await mountFinder({ api: manyApiUrl, q: 'buurtactiviteit', view: 'map' });
    await waitFor(() => onMap(el) === 1000, `every result on the map (now ${onMap(el)})`, 20_000);
    const before = tileZoom(el);
    const cluster = clusters(el).sort((a, b) => Number(b.dataset['count']) - Number(a.dataset['count']))[0]!;
    cluster.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => tileZoom(el) > before, `zoomed in (zoom ${before} → ${tileZoom(el)})`);
    const focused = el.shadowRoot!.activeElement as HTMLElement | null;
    assert(focused && $(el, '.map')!.contains(focused) && focused !== cluster, `focus stays on the map, on what the cluster held: ${focused?.className}`);
    const next = clusters(el)[0];
    assert(next, 'one step in, other clusters remain');
    const zoom = tileZoom(el);
    next.focus();
    await sendKeys({ press: ' ' });
    await waitFor(() => tileZoom(el) > zoom, 'Space zooms in too');
    assert(pins(el).length > 0, 'single activities are pins again');
    await expectNoAxeViolations(el, 'zoomed-in map');
  });

  it('opens an activity from a single pin, as before', async () => {
    const { manyApiUrl } = await testConfig();
    const el = await mountFinder({ api: manyApiUrl, q: 'buurtactiviteit', view: 'map' });
    await waitFor(() => onMap(el) === 1000, `every result on the map (now ${onMap(el)})`, 20_000);
    // Zoom in by keyboard until a single pin shows.
    for (let i = 0; i < 6 && pins(el).length === 0; i++) {
      const zoom = tileZoom(el);
      clusters(el)[0]!.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => tileZoom(el) > zoom, 'zoomed in');
    }
    const pin = pins(el)[0]!;
    const title = pin.getAttribute('aria-label')!;
    assert(/^Buurtactiviteit \d+$/.test(title), `the pin is named after its activity: ${title}`);
    pin.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, '.detail h2')?.textContent === title, 'Enter on the pin opens the activity');
  });
});
