import './define.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SkSearchDetail } from '../internal/events.js';
import { $, $$, assert, assertEqual, cardTitles, cleanup, mountFinder, recordEvents, sleep, statusText, testConfig, waitFor, waitForResults } from '../../test/helpers.js';

interface ProxyLogEntry {
  path: string;
  q: string | null;
  start: number;
  end: number | null;
  aborted: boolean;
}

async function proxyLog(): Promise<ProxyLogEntry[]> {
  const { proxyUrl } = await testConfig();
  return (await fetch(`${proxyUrl}/log`)).json();
}
async function resetProxyLog(): Promise<void> {
  const { proxyUrl } = await testConfig();
  await fetch(`${proxyUrl}/log/reset`);
}

describe('sk-finder: search', () => {
  afterEach(cleanup);

  it('shows results for typed text, marks the matches and announces the count', async () => {
    const el = await mountFinder();
    await waitForResults(el);
    const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
    input.focus();
    await sendKeys({ type: 'koffie' });
    const titles = await waitForResults(el, (t) => t.includes('Koffieochtend in de Buurtkamer') && !t.includes('Stoelgym voor senioren'), 'koffie results');
    assertEqual(el.q, 'koffie', 'the q property follows the input');
    assertEqual(el.getAttribute('q'), 'koffie', 'q is reflected');
    const marks = $$(el, '.card mark').map((m) => m.textContent!.toLowerCase());
    assert(marks.some((m) => m.includes('koffie')), `a <mark> around the match (marks: ${JSON.stringify(marks)})`);
    const live = $(el, '[role="status"]')!;
    assertEqual(live.getAttribute('aria-live'), 'polite', 'count is a polite live region');
    assert(/^\d+ activiteiten? gevonden$|^1 activiteit gevonden$/.test(statusText(el)), `count text: "${statusText(el)}"`);
    assert(statusText(el).startsWith(String(titles.length)), `count ${statusText(el)} matches ${titles.length} cards on one page`);
  });

  it('debounces typing: a quickly typed word sends far fewer searches than keystrokes', async () => {
    const { proxyUrl } = await testConfig();
    const el = await mountFinder({ api: `${proxyUrl}/direct/v1` });
    await waitForResults(el);
    await resetProxyLog();
    $<HTMLInputElement>(el, 'input[type="search"]')!.focus();
    await sendKeys({ type: 'wandelgroep' });
    await waitForResults(el, (t) => t.includes('Wandelgroep Máximapark'), 'wandelgroep results');
    await sleep(300);
    const searches = (await proxyLog()).filter((e) => e.path.startsWith('/v1/search'));
    assert(searches.length >= 1 && searches.length <= 6, `11 keystrokes gave ${searches.length} searches: ${JSON.stringify(searches.map((s) => s.q))}`);
    assertEqual(searches.at(-1)?.q, 'wandelgroep', 'the last search is the whole word');
  });

  it('never shows an older answer over a newer one (slow first request, fast second)', async () => {
    const { proxyUrl } = await testConfig();
    const el = await mountFinder({ api: `${proxyUrl}/delay/koffie/1500/v1` });
    await waitForResults(el);
    await resetProxyLog();
    el.q = 'koffie';
    await waitFor(async () => (await proxyLog()).some((e) => e.q === 'koffie'), 'the slow koffie request reached the server');
    el.q = 'wandelgroep';
    await waitForResults(el, (t) => t.includes('Wandelgroep Máximapark'), 'the newer (fast) answer');
    await sleep(1900);
    const titles = cardTitles(el);
    assert(titles.includes('Wandelgroep Máximapark'), `still the newer results: ${JSON.stringify(titles)}`);
    assert(!titles.includes('Koffieochtend in de Buurtkamer'), `the older koffie answer replaced the newer one: ${JSON.stringify(titles)}`);
    const log = await proxyLog();
    const slow = log.find((e) => e.q === 'koffie')!;
    const fast = log.find((e) => e.q === 'wandelgroep')!;
    assert(slow.start <= fast.start, 'the koffie request was sent first');
    assertEqual(el.q, 'wandelgroep', 'q is the newer text');
  });

  it('Enter searches at once; sk-search reports the normalised query and total; `query` restores it', async () => {
    const el = await mountFinder();
    await waitForResults(el);
    const rec = recordEvents<SkSearchDetail>(el, 'sk-search');
    const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
    input.focus();
    await sendKeys({ type: '  samen   koken ' });
    await sendKeys({ press: 'Enter' });
    const event = await waitFor(() => rec.events.find((e) => e.detail.query.q === 'samen koken'), 'sk-search for "samen koken"');
    assert(event.bubbles && event.composed, 'sk-search bubbles and is composed');
    await waitForResults(el, (t) => t.includes('Samen koken en eten in Lombok'));
    assertEqual(event.detail.query.need, [], 'lists are normalised to arrays');
    assertEqual(event.detail.query.page, 1, 'page is part of the query');
    assert(statusText(el).startsWith(String(event.detail.total)), `total ${event.detail.total} matches the count "${statusText(el)}"`);
    rec.stop();

    const restored = await mountFinder();
    restored.query = { ...event.detail.query, category: ['cooking_eating'], free: false };
    await restored.updateComplete;
    assertEqual(restored.getAttribute('q'), 'samen koken', 'q restored and reflected');
    assertEqual(restored.getAttribute('category'), 'cooking_eating', 'category restored and reflected');
    assertEqual(restored.query.category, ['cooking_eating'], 'query getter returns what was set');
    await waitForResults(restored, (t) => t.includes('Samen koken en eten in Lombok'), 'restored search ran');
  });

  it('re-runs the search when an attribute changes', async () => {
    const el = await mountFinder();
    const before = await waitForResults(el);
    assert(before.includes('Koffieochtend in de Buurtkamer') || before.length >= 10, 'first page of everything');
    el.setAttribute('need', 'rouw');
    const titles = await waitForResults(el, (t) => t.length > 0 && !t.includes('Koffieochtend in de Buurtkamer') && !t.includes('Stoelgym voor senioren'), 'need=rouw results');
    assertEqual(titles[0], 'Rouwgroep Na het verlies', 'the activity tagged with the need ranks first');
    assert(titles.length < before.length || titles.length < 10, `a narrower result: ${JSON.stringify(titles)}`);
    assertEqual(el.need, 'rouw', 'attribute → property');
  });

  it('pages through results with Volgende and Vorige', async () => {
    const el = await mountFinder({ 'per-page': '5' });
    const first = await waitForResults(el, (t) => t.length === 5);
    const next = $$<HTMLButtonElement>(el, '.pagination button').find((b) => b.textContent!.includes('Volgende'))!;
    assert(next && !next.disabled, 'a Volgende button');
    next.click();
    const second = await waitForResults(el, (t) => t.length > 0 && t[0] !== first[0], 'page 2');
    assert(!second.some((t) => first.includes(t)), 'page 2 has other activities');
    assert($(el, '.pagination')!.textContent!.includes('Pagina 2 van'), 'page indicator');
    $$<HTMLButtonElement>(el, '.pagination button').find((b) => b.textContent!.includes('Vorige'))!.click();
    await waitForResults(el, (t) => t[0] === first[0], 'back to page 1');
  });
});
