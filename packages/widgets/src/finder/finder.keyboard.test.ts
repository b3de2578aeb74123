import './define.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SkFinder } from './finder.js';
import { $, assert, assertEqual, chip, cleanup, mountFinder, waitFor, waitForResults } from '../../test/helpers.js';

function active(el: SkFinder): Element | null {
  return el.shadowRoot!.activeElement;
}

describe('sk-finder: keyboard', () => {
  afterEach(cleanup);

  it('type-ahead is a combobox: arrow keys move, Enter picks a need, Escape closes', async () => {
    const el = await mountFinder();
    await waitForResults(el);
    const input = $<HTMLInputElement>(el, 'input[role="combobox"]')!;
    input.focus();
    await sendKeys({ type: 'eenzaam' });
    const listbox = await waitFor(() => {
      const lb = $(el, '[role="listbox"]');
      return lb && !lb.hidden && lb.querySelectorAll('[role="option"]').length > 0 && lb;
    }, 'suggestions open');
    assertEqual(input.getAttribute('aria-expanded'), 'true', 'aria-expanded');
    assertEqual(input.getAttribute('aria-controls'), listbox.id, 'aria-controls points at the listbox');
    await sendKeys({ press: 'ArrowDown' });
    const activeId = await waitFor(() => input.getAttribute('aria-activedescendant'), 'an active option');
    const option = el.shadowRoot!.getElementById(activeId)!;
    assertEqual(option.getAttribute('aria-selected'), 'true', 'active option is selected');
    assertEqual(option.dataset['kind'], 'need', 'needs come first');
    assert(option.textContent!.includes('Eenzaamheid'), `the need option: ${option.textContent}`);
    assert(active(el) === input, 'focus stays in the input while moving');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.need === 'eenzaamheid', 'need chosen');
    assertEqual(el.q, '', 'the text is replaced by the need');
    assertEqual(input.getAttribute('aria-expanded'), 'false', 'closed after choosing');
    await waitFor(() => chip(el, 'need', 'eenzaamheid')?.getAttribute('aria-pressed') === 'true', 'need chip on');
    await waitForResults(el, (t) => t.includes('Koffieochtend in de Buurtkamer') && !t.includes('Stoelgym voor senioren'), 'eenzaamheid results');

    await sendKeys({ type: 'wandel' });
    await waitFor(() => input.getAttribute('aria-expanded') === 'true', 'open again');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => input.getAttribute('aria-expanded') === 'false', 'Escape closes');
    assert(active(el) === input, 'focus kept');
  });

  it('focus is never lost while results update under the cursor', async () => {
    const el = await mountFinder();
    await waitForResults(el);
    const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
    input.focus();
    await sendKeys({ type: 'beweeg' });
    await waitForResults(el, (t) => t.some((x) => x.startsWith('Beweegclub')), 'beweeg results');
    await sendKeys({ type: 'club' });
    await waitForResults(el, (t) => t.every((x) => x.startsWith('Beweegclub')), 'beweegclub results');
    assert(active(el) === input, 'the input still has focus');
    assert(document.activeElement === el, 'the page focus is still in the finder');
    assertEqual(input.value, 'beweegclub', 'no typed character lost');
  });

  it('chips are toggle buttons for Space and Enter', async () => {
    const el = await mountFinder();
    await waitForResults(el);
    const button = await waitFor(() => chip(el, 'category', 'exercise'), 'exercise chip');
    button.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => chip(el, 'category', 'exercise')!.getAttribute('aria-pressed') === 'true', 'Space toggles on');
    await waitForResults(el, (t) => t.includes('Stoelgym voor senioren') && !t.includes('Koffieochtend in de Buurtkamer'), 'exercise results');
    assert(active(el) === chip(el, 'category', 'exercise'), `focus stays on the chip after the results update (focus on: ${active(el)?.textContent})`);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => chip(el, 'category', 'exercise')!.getAttribute('aria-pressed') === 'false', 'Enter toggles off');
  });

  it('Tab reaches a result, Enter opens it, going back returns focus to it', async () => {
    const el = await mountFinder({ q: 'koffieochtend' });
    await waitForResults(el, (t) => t[0] === 'Koffieochtend in de Buurtkamer');
    const title = $<HTMLButtonElement>(el, '.card .title-button')!;
    // Start on the last control before the results and tab forward like a user would.
    const controls = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, input, select, a, summary')].filter((c) => !c.closest('[hidden]'));
    const before = controls[controls.indexOf(title) - 1]!;
    before.focus();
    await sendKeys({ press: 'Tab' });
    assert(active(el) === title, 'Tab moves to the first result');
    await sendKeys({ press: 'Enter' });
    const back = await waitFor(() => $<HTMLButtonElement>(el, '.detail .back'), 'detail open');
    await waitFor(() => active(el) === back, 'focus moves to the back button');
    await waitFor(() => $(el, '.detail h2')?.textContent?.includes('Koffieochtend'), 'detail loaded');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !$(el, '.detail'), 'detail closed');
    await waitFor(() => active(el)?.getAttribute('data-card-title') === 'test-koffie-buurtkamer', 'focus back on the card');
  });
});
