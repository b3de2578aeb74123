import './define.js';
import { sendKeys } from '@web/test-runner-commands';
import { $, assert, assertEqual, cleanup, expectNoAxeViolations, mountFinder, statusText, testConfig, waitFor, waitForResults } from '../../test/helpers.js';

interface LoggedSearch {
  path: string;
  q: string | null;
  understand: string | null;
}

async function searchesSince(reset: boolean): Promise<LoggedSearch[]> {
  const { proxyUrl } = await testConfig();
  if (reset) {
    await fetch(`${proxyUrl}/log/reset`);
    return [];
  }
  const log = (await (await fetch(`${proxyUrl}/log`)).json()) as LoggedSearch[];
  return log.filter((e) => e.path.startsWith('/v1/search'));
}

const chipButton = (el: Element) => $<HTMLButtonElement>(el, '[part="understood"] button');

describe('sk-finder: what the search understood', () => {
  afterEach(cleanup);

  it('shows "Gezocht op" for typed words that name a need, with a button named after what it removes', async () => {
    const el = await mountFinder({ q: 'schulden' });
    await waitForResults(el);
    const button = await waitFor(() => chipButton(el), 'the understood chip');
    const chip = $(el, '[part="understood"]')!;
    assert(chip.textContent!.replace(/\s+/g, ' ').includes('Gezocht op: Geldzorgen en schulden'), `chip text: "${chip.textContent}"`);
    assertEqual(button.getAttribute('aria-label'), 'Verwijder: Geldzorgen en schulden', 'accessible name');
    assert(button.localName === 'button' && button.getAttribute('type') === 'button', 'a <button type="button">');
    await expectNoAxeViolations(el, 'understood chip');
  });

  it('shows no chip for text that names no need or category', async () => {
    const el = await mountFinder({ q: 'koffie' });
    await waitForResults(el, (t) => t.includes('Koffieochtend in de Buurtkamer'), 'koffie results');
    assertEqual($(el, '[part="understood"]'), null, 'no chip');
  });

  it('is removed by keyboard: the same text is searched with understand=false, the change is announced, new text understands again', async () => {
    const { proxyUrl } = await testConfig();
    const el = await mountFinder({ api: `${proxyUrl}/direct/v1`, q: 'schulden' });
    await waitForResults(el);
    const button = await waitFor(() => chipButton(el), 'the understood chip');
    await searchesSince(true);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !chipButton(el), 'the chip is gone');
    await waitForResults(el);
    const after = await waitFor(async () => {
      const s = await searchesSince(false);
      return s.length > 0 && s;
    }, 'a search after the removal');
    assertEqual(after.map((s) => [s.q, s.understand]), [['schulden', 'false']], 'the same text, understanding off');
    assertEqual(el.query.understand, false, 'the query says so');
    assert(statusText(el).startsWith('Nu gezocht op uw tekst, niet op Geldzorgen en schulden.'), `announced: "${statusText(el)}"`);
    assert(el.shadowRoot!.activeElement === $(el, 'input[type="search"]'), 'focus goes back to the search field');
    await expectNoAxeViolations(el, 'chip removed');

    await searchesSince(true);
    const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
    input.setSelectionRange(input.value.length, input.value.length);
    await sendKeys({ type: ' betalen' });
    const again = await waitFor(async () => {
      const s = await searchesSince(false);
      return s.some((e) => e.q === 'schulden betalen') && s;
    }, 'a search for the new text');
    assert(again.every((s) => s.understand === (s.q === 'schulden' ? 'false' : null)), `only new text is understood again: ${JSON.stringify(again)}`);
    await waitForResults(el);
    await waitFor(() => chipButton(el), 'the chip is back for the new text');
    assert(!statusText(el).includes('Nu gezocht op uw tekst'), `the notice is gone with the new text: "${statusText(el)}"`);
  });

  it('speaks English', async () => {
    const el = await mountFinder({ q: 'wandelen', lang: 'en' });
    await waitForResults(el);
    const button = await waitFor(() => chipButton(el), 'the understood chip');
    const chip = $(el, '[part="understood"]')!;
    assert(/^Searched for: \S/.test(chip.textContent!.replace(/\s+/g, ' ').trim()), `chip text: "${chip.textContent}"`);
    assert(button.getAttribute('aria-label')!.startsWith('Remove: '), `name: ${button.getAttribute('aria-label')}`);
  });
});
