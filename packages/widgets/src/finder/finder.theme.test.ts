import './define.js';
import { $, assert, assertEqual, cleanup, mountFinder, waitForResults } from '../../test/helpers.js';

const bg = (el: Element) => getComputedStyle(el).backgroundColor;

describe('sk-finder: theming', () => {
  let style: HTMLStyleElement | null = null;
  afterEach(() => {
    style?.remove();
    style = null;
    cleanup();
  });

  it('--sk-* custom properties change the computed styles', async () => {
    const el = await mountFinder();
    await waitForResults(el);
    const pressed = $(el, '.view-switch button[aria-pressed="true"]')!;
    assertEqual(bg(pressed), 'rgb(0, 88, 156)', 'default primary');
    el.style.setProperty('--sk-color-primary', 'rgb(120, 20, 60)');
    el.style.setProperty('--sk-font-family', 'monospace');
    assertEqual(bg(pressed), 'rgb(120, 20, 60)', 'primary from --sk-color-primary');
    assert(getComputedStyle($(el, '.card')!).fontFamily.includes('monospace'), 'font from --sk-font-family');
  });

  it('falls back to NL Design System tokens, and --sk-* wins over them', async () => {
    const wrapper = document.createElement('div');
    wrapper.style.setProperty('--utrecht-button-primary-action-background-color', 'rgb(10, 70, 40)');
    wrapper.style.setProperty('--utrecht-document-color', 'rgb(30, 30, 60)');
    document.body.append(wrapper);
    try {
      const el = await mountFinder();
      wrapper.append(el);
      await waitForResults(el);
      const pressed = $(el, '.view-switch button[aria-pressed="true"]')!;
      assertEqual(bg(pressed), 'rgb(10, 70, 40)', 'primary from the Utrecht token');
      assertEqual(getComputedStyle($(el, '.org')!.closest('.card')!).color, 'rgb(30, 30, 60)', 'text colour from the Utrecht token');
      el.style.setProperty('--sk-color-primary', 'rgb(1, 2, 3)');
      assertEqual(bg(pressed), 'rgb(1, 2, 3)', '--sk-* wins');
    } finally {
      wrapper.remove();
    }
  });

  it('::part lets a site restyle cards and chips; page styles do not leak in', async () => {
    style = document.createElement('style');
    style.textContent = `
      sk-finder::part(card) { border-top-color: rgb(5, 6, 7); }
      sk-finder::part(chip) { border-radius: 3px; }
      button { background: rgb(255, 0, 0) !important; }
      h2, h3 { color: rgb(0, 255, 0) !important; }
    `;
    document.head.append(style);
    const el = await mountFinder();
    el.style.setProperty('--sk-color-background', 'rgb(250, 249, 248)');
    el.style.setProperty('--sk-color-text', 'rgb(30, 31, 32)');
    await waitForResults(el);
    assertEqual(getComputedStyle($(el, '.card')!).borderTopColor, 'rgb(5, 6, 7)', '::part(card)');
    assertEqual(getComputedStyle($(el, '.chip')!).borderTopLeftRadius, '3px', '::part(chip)');
    // The themed values, not merely "not the page's": a missing theme fails as a leak does.
    assertEqual(bg($(el, '.chip')!), 'rgb(250, 249, 248)', 'chips keep their themed background; page button styles do not reach them');
    assertEqual(getComputedStyle($(el, '.card .card-heading')!).color, 'rgb(30, 31, 32)', 'card titles keep the themed text colour; page heading styles do not reach them');
  });

  it('mode="professional" folds the filter groups, so results come first', async () => {
    const pro = await mountFinder({ mode: 'professional', need: 'eenzaamheid' });
    const pub = await mountFinder({ mode: 'public' });
    await waitForResults(pro);
    await waitForResults(pub);
    const openGroups = (el: HTMLElement) =>
      [...el.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details[data-group]')].filter((d) => d.open).map((d) => d.dataset['group']).join(',');
    assertEqual(openGroups(pro), '', 'professional: every group is folded');
    const needSummary = pro.shadowRoot!.querySelector('details[data-group="need"] summary')!.textContent!;
    assert(/\(1\)/.test(needSummary), `the folded need group shows its selection count: ${needSummary}`);
    for (const g of ['category', 'day', 'partOfDay']) assert(openGroups(pub).split(',').includes(g), `public: ${g} is open (${openGroups(pub)})`);
  });

  it('mode="professional" is more compact than mode="public"', async () => {
    const pro = await mountFinder({ mode: 'professional' });
    const pub = await mountFinder({ mode: 'public' });
    await waitForResults(pro);
    await waitForResults(pub);
    const size = (el: Element) => parseFloat(getComputedStyle($(el, '.card')!).fontSize);
    assert(size(pro) < size(pub), `professional ${size(pro)}px < public ${size(pub)}px`);
  });
});
