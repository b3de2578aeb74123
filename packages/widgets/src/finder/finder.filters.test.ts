import './define.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SkFinder } from './finder.js';
import { $, $$, assert, assertEqual, cardTitles, chip, cleanup, mountFinder, statusText, waitFor, waitForResults } from '../../test/helpers.js';

/** Reads the count on a chip (its visible number). */
function chipCount(button: HTMLButtonElement): number | null {
  const text = button.querySelector('.count')?.textContent;
  return text ? Number(text) : null;
}

/** Turns a chip on and waits for the search it starts. */
async function toggleChip(el: SkFinder, group: string, key: string): Promise<{ titles: string[]; count: number | null }> {
  const button = await waitFor(() => chip(el, group, key), `chip ${group}:${key}`);
  const details = button.closest('details');
  if (details && !details.open) details.open = true;
  const count = chipCount(button);
  const before = statusText(el);
  button.click();
  await waitFor(() => chip(el, group, key)?.getAttribute('aria-pressed') === 'true', `chip ${group}:${key} pressed`);
  const titles = await waitForResults(el, (t) => t.length > 0 && statusText(el) !== before, `results after ${group}:${key}`);
  return { titles, count };
}

function total(el: SkFinder): number {
  return Number(/\d+/.exec(statusText(el))?.[0] ?? NaN);
}

describe('sk-finder: filters', () => {
  afterEach(cleanup);

  it('category chip: a toggle button with a facet count that filters and reflects', async () => {
    const el = await mountFinder({ 'per-page': '50' });
    await waitForResults(el);
    const { titles, count } = await toggleChip(el, 'category', 'exercise');
    assert(count !== null && count > 0, 'the chip shows a count');
    assertEqual(total(el), count, 'total after filtering equals the chip count');
    assert(titles.includes('Stoelgym voor senioren') && !titles.includes('Koffieochtend in de Buurtkamer'), `exercise only: ${JSON.stringify(titles)}`);
    assertEqual(el.getAttribute('category'), 'exercise', 'category attribute reflects the chip');
    const button = chip(el, 'category', 'exercise')!;
    assertEqual(button.tagName, 'BUTTON', 'chips are buttons');
    assert(button.textContent!.includes('Bewegen & sport'), 'Dutch label from the API');
    button.click();
    await waitFor(() => chip(el, 'category', 'exercise')?.getAttribute('aria-pressed') === 'false', 'toggles off');
    await waitForResults(el, (t) => t.includes('Koffieochtend in de Buurtkamer'), 'all again');
    assert(!el.hasAttribute('category'), 'empty category is not reflected');
  });

  it('need chip', async () => {
    const el = await mountFinder();
    await waitForResults(el);
    const { titles } = await toggleChip(el, 'need', 'rouw');
    assertEqual(titles[0], 'Rouwgroep Na het verlies', 'need rouw: the tagged activity first');
    assert(!titles.includes('Koffieochtend in de Buurtkamer') && !titles.includes('Stoelgym voor senioren'), `only what helps with rouw: ${JSON.stringify(titles)}`);
    assertEqual(el.need, 'rouw', 'need reflects');
  });

  it('a need given as a Dutch word becomes its key, and its chip shows as selected', async () => {
    const el = await mountFinder({ need: 'eenzaam' });
    await waitForResults(el);
    await waitFor(() => el.need === 'eenzaamheid', 'need adopts the key the API resolved');
    const button = chip(el, 'need', 'eenzaamheid');
    assert(button, 'the eenzaamheid chip is there');
    assertEqual(button!.getAttribute('aria-pressed'), 'true', 'and pressed');
    assert(!chip(el, 'need', 'eenzaam'), 'no chip for the raw word');
  });

  it('day chip', async () => {
    const el = await mountFinder({ 'per-page': '50' });
    await waitForResults(el);
    const { titles } = await toggleChip(el, 'day', 'za');
    for (const t of ['Schilderatelier De Kleur', 'Moestuin De Groene Vingers', 'Repair Café Oost']) assert(titles.includes(t), `${t} is on Saturday`);
    assert(!titles.includes('Koffieochtend in de Buurtkamer'), 'Tuesday activity left out');
    assertEqual(el.query.day, ['za'], 'day is in the query');
    const labels = $$(el, '.chip[data-group="day"]').map((b) => b.textContent!.trim());
    assert(labels.some((l) => /zaterdag/i.test(l)), `day labels in Dutch: ${JSON.stringify(labels)}`);
  });

  it('part-of-day chip', async () => {
    const el = await mountFinder({ 'per-page': '50' });
    await waitForResults(el);
    const { titles } = await toggleChip(el, 'partOfDay', 'avond');
    assert(titles.includes('Buurtkoor Zuilen zingt') && titles.includes('Inloop voor jongeren'), `evening activities: ${JSON.stringify(titles)}`);
    assert(!titles.includes('Koffieochtend in de Buurtkamer'), 'morning activity left out');
  });

  it('audience chip', async () => {
    const el = await mountFinder();
    await waitForResults(el);
    const { titles } = await toggleChip(el, 'audience', 'mantelzorgers');
    assertEqual(titles, ['Mantelzorgcafé Noord'], 'carers only');
  });

  it('free, wheelchair and online chips', async () => {
    const el = await mountFinder({ 'per-page': '50' });
    await waitForResults(el);
    let r = await toggleChip(el, 'other', 'free');
    assert(!r.titles.includes('Stoelgym voor senioren') && r.titles.includes('Koffieochtend in de Buurtkamer'), 'free leaves out paid activities');
    assertEqual(total(el), r.count, 'free count from the facets');
    r = await toggleChip(el, 'other', 'wheelchair');
    assert(!r.titles.includes('Wandelgroep Máximapark') && r.titles.includes('Koffieochtend in de Buurtkamer'), 'wheelchair leaves out inaccessible ones');
    $<HTMLButtonElement>(el, '.clear')!.click();
    await waitForResults(el, (t) => t.includes('Stoelgym voor senioren'), 'filters cleared');
    assert($$(el, '.chip[aria-pressed="true"]').length === 0, 'no chip pressed after clearing');
    r = await toggleChip(el, 'other', 'online');
    assertEqual(r.titles, ['Mindfulness training online'], 'online only');
  });

  it('postcode with distance and radius; an invalid postcode is explained', async () => {
    const el = await mountFinder({ 'per-page': '50' });
    const all = await waitForResults(el);
    assert(!$(el, '.meta')!.textContent!.includes('km'), 'no distance without a postcode');
    const pc = $<HTMLInputElement>(el, 'input[autocomplete="postal-code"]')!;
    pc.focus();
    await sendKeys({ type: 'abc' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => pc.getAttribute('aria-invalid') === 'true', 'invalid postcode marked');
    const errorId = pc.getAttribute('aria-describedby')!;
    assert($(el, `#${errorId}`)!.textContent!.includes('3511 AB'), 'the error says what to type');
    pc.select();
    await sendKeys({ type: '3511ab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.getAttribute('postcode') === '3511 AB', 'postcode normalised and reflected');
    assertEqual(pc.getAttribute('aria-invalid'), 'false', 'valid now');
    await waitFor(() => $$(el, '.meta').every((m) => m.closest('.card')!.textContent!.includes('Online') || /\d km/.test(m.textContent!)), 'distances on every located card');
    const select = $<HTMLSelectElement>(el, 'select')!;
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    const distances = () => $$(el, '.card').map((c) => Number(/(\d+(?:,\d+)?) km/.exec(c.textContent!)?.[1]?.replace(',', '.') ?? NaN));
    const near = await waitForResults(el, (t) => t.length > 0 && t.length < all.length && distances().every((d) => d <= 1), 'only activities within 1 km');
    assertEqual(el.radius, 1, 'radius property');
    assertEqual(el.getAttribute('radius'), '1', 'radius reflected');
    assert(near.includes('Welzijnscoach Utrecht (Welzijn op Recept)'), `the coach in the centre is within 1 km: ${JSON.stringify(near)}`);
    assert(!near.includes('Taalcafé Overvecht'), 'Overvecht is further than 1 km');
    assert(cardTitles(el).length === near.length, 'cards match');
  });
});
