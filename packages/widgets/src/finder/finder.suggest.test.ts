// Type-ahead: two activity suggestions with the same title show what tells them
// apart, when the search API sends it (`detail`: the place or the organisation).
import './define.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SkFinder } from './finder.js';
import type { SkSelectDetail } from '../internal/events.js';
import { $$, assert, assertEqual, cleanup, expectNoAxeViolations, mountFinder, recordEvents, testConfig, waitFor, waitForResults } from '../../test/helpers.js';

async function typeAhead(mode: 'detail' | 'plain'): Promise<{ el: SkFinder; options: HTMLElement[] }> {
  const { proxyUrl } = await testConfig();
  const el = await mountFinder({ api: `${proxyUrl}/twins/${mode}/v1` });
  await waitForResults(el);
  $$<HTMLInputElement>(el, 'input[role="combobox"]')[0]!.focus();
  await sendKeys({ type: 'samen' });
  const options = await waitFor(() => {
    const found = $$(el, '[role="option"][data-kind="activity"]');
    return found.length === 2 && found;
  }, 'two activity suggestions');
  return { el, options };
}

describe('sk-finder: type-ahead suggestions', () => {
  afterEach(cleanup);

  it('two activities with the same title show their place, as secondary text that is part of the option’s name', async () => {
    const { el, options } = await typeAhead('detail');
    assertEqual(
      options.map((o) => o.querySelector('[part~="suggestion-detail"]')?.textContent),
      [', Buurtkamer Oost, Utrecht', ', Stichting Rouwzorg, Utrecht'],
      'the detail of each, after a comma for screen readers',
    );
    // An option's accessible name is its text content: title and detail together.
    assertEqual(
      options.map((o) => o.querySelector('.label')!.textContent + o.querySelector('.detail')!.textContent),
      ['Samen koken en eten, Buurtkamer Oost, Utrecht', 'Samen koken en eten, Stichting Rouwzorg, Utrecht'],
      'names that differ',
    );
    assert(options.every((o) => !o.querySelector('[aria-hidden="true"]')), 'nothing of it hidden from assistive technology');
    await expectNoAxeViolations(el, 'suggestions open');
    const selected = recordEvents<SkSelectDetail>(document, 'sk-select');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const event = await waitFor(() => selected.events[0], 'sk-select');
    selected.stop();
    assertEqual(event.detail.id, 'test-rouwgroep', 'the second one opens the second activity');
  });

  it('without a detail from the API, same-title suggestions show nothing new', async () => {
    const { options } = await typeAhead('plain');
    assertEqual(options.map((o) => o.querySelector('.detail')), [null, null], 'no secondary text');
    assertEqual(options.map((o) => o.querySelector('.label')!.textContent), ['Samen koken en eten', 'Samen koken en eten'], 'the titles as sent');
  });
});
