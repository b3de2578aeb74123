// heading-level: a finder embedded under a page's own headings keeps the page's
// outline. axe with its best-practice rules (heading-order among them) on the whole page,
// in every state.
import './define.js';
import type { SkFinder } from './finder.js';
import { $, $$, assert, assertEqual, cleanup, expectNoAxeViolations, mount, testConfig, waitFor, waitForResults } from '../../test/helpers.js';

/** A page whose headings above the finder are `headings`, the finder inside its <main>. */
async function pageWithFinder(headings: string[], attrs: Record<string, string> = {}): Promise<{ el: SkFinder; main: HTMLElement }> {
  const { tileUrl } = await testConfig();
  // A real page: a language and a title, so the page-level rules judge the finder, not the test page.
  document.documentElement.lang = 'nl';
  document.title = 'Activiteiten in de buurt';
  const main = document.createElement('main');
  main.innerHTML = headings.map((h, i) => `<h${i + 1}>${h}</h${i + 1}>`).join('');
  document.body.append(main);
  const el = await mount('sk-finder', { 'tile-url': tileUrl, ...attrs }, {}, main);
  return { el, main };
}

const levels = (root: Element, selector: string) => $$(root, selector).map((h) => h.tagName.toLowerCase());

describe('sk-finder: heading levels', () => {
  let main: HTMLElement | null = null;
  afterEach(() => {
    cleanup();
    main?.remove();
    main = null;
  });

  it('by default (2) fits under a page’s only <h1>: list, detail, empty and error pass axe best practice', async () => {
    const page = await pageWithFinder(['Activiteiten in Utrecht'], { q: 'koffieochtend' });
    main = page.main;
    const el = page.el;
    await waitForResults(el);
    assertEqual([...new Set(levels(el, '.card-heading'))], ['h2'], 'result titles are <h2>');
    await expectNoAxeViolations(document, 'list', { bestPractice: true });

    $<HTMLButtonElement>(el, '.card .title-button')!.click();
    await waitFor(() => $(el, '.detail .section-title') && $(el, '.detail-map .sk-marker'), 'detail with its map');
    assertEqual(levels(el, '.detail-title'), ['h2'], 'the activity title is <h2>');
    assertEqual([...new Set(levels(el, '.detail .section-title'))], ['h3'], 'its sections are <h3>');
    await expectNoAxeViolations(document, 'detail', { bestPractice: true });

    $<HTMLButtonElement>(el, '.back')!.click();
    el.q = 'qqqzzzxxx';
    await waitFor(() => $(el, '.state.empty:not([aria-busy="true"])'), 'empty state');
    assertEqual(levels(el, '.state-title'), ['h2'], 'the empty state title is <h2>');
    await expectNoAxeViolations(document, 'empty', { bestPractice: true });

    const { proxyUrl } = await testConfig();
    el.api = `${proxyUrl}/broken/v1`;
    await waitFor(() => $(el, '.state.error'), 'error state');
    assertEqual(levels(el, '.state-title'), ['h2'], 'the error state title is <h2>');
    await expectNoAxeViolations(document, 'error', { bestPractice: true });
  });

  it('heading-level="3" under an <h1> and an <h2>: titles <h3>, detail sections <h4>', async () => {
    const page = await pageWithFinder(['Gemeente Utrecht', 'Meedoen in de wijk'], { q: 'koffieochtend', 'heading-level': '3' });
    main = page.main;
    const el = page.el;
    await waitForResults(el);
    assertEqual([...new Set(levels(el, '.card-heading'))], ['h3'], 'result titles are <h3>');
    await expectNoAxeViolations(document, 'list at level 3', { bestPractice: true });
    $<HTMLButtonElement>(el, '.card .title-button')!.click();
    await waitFor(() => $(el, '.detail .section-title'), 'detail');
    assertEqual([levels(el, '.detail-title'), [...new Set(levels(el, '.detail .section-title'))]], [['h3'], ['h4']], 'title <h3>, sections <h4>');
    await expectNoAxeViolations(document, 'detail at level 3', { bestPractice: true });
  });

  it('keeps a heading level out of range within h1–h6', async () => {
    const page = await pageWithFinder(['Activiteiten'], { q: 'koffieochtend', 'heading-level': '9' });
    main = page.main;
    await waitForResults(page.el);
    assertEqual([...new Set(levels(page.el, '.card-heading'))], ['h6'], 'level 9 is drawn as <h6>');
    assert(page.el.headingLevel === 9, 'the property keeps what the host set');
  });
});
