import './define.js';
import { $, $$, assert, assertEqual, cleanup, expectNoAxeViolations, mountFinder, testConfig, waitFor, waitForResults } from '../../test/helpers.js';

const badgeTexts = (root: Element | null) => [...(root?.querySelectorAll('[part~="badge-stale"]') ?? [])].map((b) => b.textContent!.trim());

describe('sk-finder: possibly out-of-date data', () => {
  afterEach(cleanup);

  it('says "Gegevens mogelijk verouderd" on cards and in the detail when the API marks a hit stale, and passes axe', async () => {
    const { staleApiUrl } = await testConfig();
    const el = await mountFinder({ api: staleApiUrl, q: 'koffieochtend' });
    await waitForResults(el, (t) => t[0] === 'Koffieochtend in de Buurtkamer');
    const card = $(el, '.card')!;
    assertEqual(badgeTexts(card), ['Gegevens mogelijk verouderd'], 'the card says so in words');
    await expectNoAxeViolations(el, 'list with a stale hit');
    $<HTMLButtonElement>(el, '.card .title-button')!.click();
    const detail = await waitFor(() => $(el, '[part~="detail"] .detail-title') && $(el, '[part~="detail"]'), 'detail');
    assertEqual(badgeTexts(detail), ['Gegevens mogelijk verouderd'], 'and so does the detail');
    await expectNoAxeViolations(el, 'detail of a stale hit');
  });

  it('shows no such badge when the data is current, and says it in English on lang="en"', async () => {
    const fresh = await mountFinder({ q: 'koffieochtend' });
    await waitForResults(fresh, (t) => t[0] === 'Koffieochtend in de Buurtkamer');
    assertEqual($$(fresh, '[part~="badge-stale"]').length, 0, 'no stale badge on current data');
    const { staleApiUrl } = await testConfig();
    const en = await mountFinder({ api: staleApiUrl, q: 'koffieochtend', lang: 'en' });
    await waitForResults(en, (t) => t.length > 0);
    assert(badgeTexts($(en, '.card')).includes('Information may be out of date'), 'English badge');
  });
});
