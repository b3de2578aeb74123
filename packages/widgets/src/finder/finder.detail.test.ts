import './define.js';
import type { SkSelectDetail } from '../internal/events.js';
import { $, $$, assert, assertEqual, cleanup, mountFinder, recordEvents, waitFor, waitForResults } from '../../test/helpers.js';

declare global {
  interface Window {
    __xss?: boolean;
  }
}

describe('sk-finder: detail', () => {
  afterEach(cleanup);

  it('opens a result with description, schedules, contact links and the referral slot; dispatches sk-select', async () => {
    const el = await mountFinder({ q: 'koffieochtend' }, '<button slot="referral" id="refer">Verwijs naar deze activiteit</button>');
    await waitForResults(el, (t) => t[0] === 'Koffieochtend in de Buurtkamer');
    const cardSchedule = $(el, '.card .meta')!.textContent!;
    const rec = recordEvents<SkSelectDetail>(document, 'sk-select');
    $<HTMLButtonElement>(el, '.card .title-button')!.click();
    const event = await waitFor(() => rec.events[0], 'sk-select dispatched');
    rec.stop();
    assert(event.composed && event.bubbles, 'sk-select bubbles out of the shadow root');
    assertEqual(event.detail.id, 'test-koffie-buurtkamer', 'detail.id');
    assertEqual(event.detail.activity.title, 'Koffieochtend in de Buurtkamer', 'detail.activity is the record');
    const detail = await waitFor(() => $(el, '[part~="detail"]'), 'detail part');
    await waitFor(() => detail.querySelector('h2')?.textContent === 'Koffieochtend in de Buurtkamer', 'title');
    assert(detail.querySelector('.description')!.textContent!.includes('Elke dinsdag koffie'), 'full description');
    const schedules = [...detail.querySelectorAll('.schedules li')].map((li) => li.textContent!.trim());
    assertEqual(schedules, ['Elke dinsdag 10:00–12:00'], 'schedule in Dutch');
    assert(cardSchedule.includes('elke dinsdag 10:00–12:00'), `the card words it the same (the API's scheduleText): ${cardSchedule}`);
    const hrefs = [...detail.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    assert(hrefs.includes('tel:0301234567'), `tel link: ${JSON.stringify(hrefs)}`);
    assert(hrefs.includes('mailto:info@koffie-buurtkamer.example.nl'), 'mailto link');
    assert(hrefs.includes('https://koffie-buurtkamer.example.nl/'), 'website link');
    assert(detail.textContent!.includes('Welzijn op Recept'), 'badge');
    const slot = $<HTMLSlotElement>(el, 'slot[name="referral"]')!;
    assert(slot.closest('[part~="referral"]') && slot.closest('[part~="detail"]'), 'the referral slot sits in the referral part of the detail');
    assertEqual(slot.assignedElements()[0]?.id, 'refer', 'the host’s referral button is slotted');
    assert((document.getElementById('refer') as HTMLElement).offsetParent !== null, 'and visible');
    await waitFor(() => $(el, '.detail-map .sk-marker'), 'map pin in the detail');
    assert($(el, '.list-panel')!.closest('[hidden]'), 'the list is hidden behind the detail');
  });

  it('professional mode shows intake information', async () => {
    const el = await mountFinder({ q: 'rouwgroep', mode: 'professional' });
    await waitForResults(el, (t) => t[0] === 'Rouwgroep Na het verlies');
    assert($(el, '.card')!.textContent!.includes('Aanmelden nodig'), 'referral-required badge on the card');
    $<HTMLButtonElement>(el, '.card .title-button')!.click();
    const link = await waitFor(() => $$<HTMLAnchorElement>(el, '.detail a').find((a) => a.textContent === 'Aanmeldformulier'), 'intake link');
    assertEqual(link.getAttribute('href'), 'https://rouwgroep.example.nl/aanmelden', 'intake url');
  });

  it('renders a hostile record as text: no element from its markup, no javascript: link', async () => {
    window.__xss = false;
    const originalAlert = window.alert;
    window.alert = () => {
      window.__xss = true;
    };
    try {
      const el = await mountFinder({ q: 'xsstest' });
      await waitForResults(el, (t) => t.length === 1 && t[0]!.startsWith('Xsstest'), 'the hostile record');
      const card = $(el, '.card')!;
      assertEqual(card.querySelector('.card-heading')!.textContent!.trim(), 'Xsstest <b>vet</b> inloop', 'markup in the title is text');
      assert(card.textContent!.includes('<img src=x onerror=alert(1)>'), 'the summary shows the markup as text');
      assertEqual(el.shadowRoot!.querySelectorAll('img, b, script').length, 0, 'no element made from feed text');
      assert(card.textContent!.includes('javascript:alert(1)'), 'the bad url is shown as text');
      assertEqual(el.shadowRoot!.querySelectorAll('a[href^="javascript" i]').length, 0, 'no javascript: link on the card');

      $<HTMLButtonElement>(el, '.card .title-button')!.click();
      const detail = await waitFor(() => $(el, '.detail h2') && $(el, '.detail'), 'detail');
      assertEqual(detail.querySelector('.description')!.textContent, '<img src=x onerror=alert(1)>', 'description is text');
      assertEqual(el.shadowRoot!.querySelectorAll('img:not(.leaflet-tile), b, script').length, 0, 'still no element from feed text');
      const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.protocol);
      assert(links.every((p) => ['http:', 'https:', 'mailto:', 'tel:'].includes(p)), `only safe links: ${JSON.stringify(links)}`);
      await new Promise((r) => setTimeout(r, 200));
      assertEqual(window.__xss, false, 'no script ran');
    } finally {
      window.alert = originalAlert;
    }
  });
});
