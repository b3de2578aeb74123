import './define.js';
import '../referral-button/define.js';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import type { SkWelzijnsrecept } from './welzijnsrecept.js';
import { PRINT_ROOT_ATTRIBUTE } from '../internal/print.js';
import { $, assert, assertEqual, cleanup, expectNoAxeViolations, mount, waitFor } from '../../test/helpers.js';

async function rendered(el: SkWelzijnsrecept): Promise<string> {
  return waitFor(() => {
    const text = el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
    return text.includes('Wat gebeurt er nu?') && text;
  }, 'handout rendered');
}

function printRoot(): HTMLElement | null {
  return document.body.querySelector(`:scope > [${PRINT_ROOT_ATTRIBUTE}]`);
}

/** window.print() is replaced for the test: a headless print would do nothing we can observe. */
function stubPrint(): { calls: number; restore: () => void } {
  const original = window.print;
  const stub = {
    calls: 0,
    restore: () => {
      window.print = original;
    },
  };
  window.print = () => {
    stub.calls++;
  };
  return stub;
}

function hasBox(el: Element): boolean {
  return el.getClientRects().length > 0;
}

describe('sk-welzijnsrecept', () => {
  afterEach(async () => {
    await emulateMedia({ media: 'screen' });
    cleanup();
    printRoot()?.remove();
  });

  it('tells the patient in B1 Dutch what, when, where, cost, contact and what happens next', async () => {
    const el = await mount(
      'sk-welzijnsrecept',
      { 'activity-id': 'test-rouwgroep', reasons: 'rouw' },
      { referral: { referralId: 'ref-1234', date: '2026-01-12' }, referrer: { name: 'Dr. Bakker', practice: 'Huisartsenpraktijk Oost' } },
    );
    const text = await rendered(el);
    for (const part of [
      'Uw welzijnsrecept',
      'Waarom: Rouw en verlies',
      'Rouwgroep Na het verlies',
      'Stichting Rouwzorg',
      'Lotgenoten praten over het verlies van een dierbare.',
      'Wanneer',
      'Elke maandag 14:00–16:00',
      'Volgende keer: maandag 12 januari, 14:00',
      'Teststraat 1',
      '3511 AB Utrecht',
      'Kosten Gratis',
      'Telefoon: 030 123 45 67',
      'E-mail: info@rouwgroep.example.nl',
      'Website: rouwgroep.example.nl',
      'Stichting Rouwzorg belt of mailt u om een afspraak te maken.',
      'Hebt u na twee weken nog niets gehoord?',
      'Neem dit blad mee als u gaat.',
      'Verwezen door: Dr. Bakker, Huisartsenpraktijk Oost',
      'Datum: 12 januari 2026',
      'Verwijzingsnummer: ref-1234',
    ]) {
      assert(text.includes(part), `"${part}" is on the handout:\n${text}`);
    }
    assertEqual($(el, '[part~="title"]')!.localName, 'h2', 'a real heading');
    await expectNoAxeViolations(el, 'handout');
  });

  it('says "go there yourself" without a referral, and "sign up" when the activity needs it', async () => {
    const walkIn = await mount('sk-welzijnsrecept', { 'activity-id': 'test-koffie-buurtkamer' });
    assert((await rendered(walkIn)).includes('U kunt er zelf naartoe gaan. Aanmelden is niet nodig.'), 'walk-in');
    const signUp = await mount('sk-welzijnsrecept', { 'activity-id': 'test-geldzaken' });
    assert((await rendered(signUp)).includes('Meld u aan bij Buurtteam Oost.'), 'sign-up');
    const en = await mount('sk-welzijnsrecept', { 'activity-id': 'test-koffie-buurtkamer', lang: 'en' });
    await waitFor(() => en.shadowRoot!.textContent!.includes('Your wellbeing prescription'), 'English');
  });

  it('prints only the handout, on one A4 (print media, a real PDF, and docs/handout-print.png)', async () => {
    const page = document.createElement('main');
    page.innerHTML = '<h1 id="other">Consult — HIS</h1><p>Alles hier hoort niet op het welzijnsrecept.</p>';
    document.body.append(page);
    const el = await mount(
      'sk-welzijnsrecept',
      { 'activity-id': 'test-koffie-buurtkamer', reasons: 'eenzaamheid' },
      { referral: { referralId: '5b0c2f1e-7d7a-4c1e-9a57-6a0c2f4f1b2d', date: '2026-01-12' }, referrer: { name: 'Dr. A. Bakker', practice: 'Huisartsenpraktijk Oost' } },
      page,
    );
    await rendered(el);
    const stub = stubPrint();
    try {
      $<HTMLButtonElement>(el, '[part~="print-button"]')!.click();
      await waitFor(() => stub.calls === 1, 'window.print() called');
      const root = printRoot()!;
      assert(root, 'a print container under <body>');
      const copy = root.querySelector('sk-welzijnsrecept')!;
      assert((await rendered(copy as SkWelzijnsrecept)).includes('Koffieochtend in de Buurtkamer'), 'holding a rendered copy of the handout');
      assert(!hasBox(root), 'the print container is hidden on screen');

      await emulateMedia({ media: 'print' });
      assert(hasBox(copy), 'in print media the handout is shown');
      assert(!hasBox(document.getElementById('other')!) && !hasBox(el), 'and nothing else of the page');
      assert(!hasBox(copy.shadowRoot!.querySelector('[part~="print-button"]')!), 'without the Printen button');
      const out = await executeServerCommand<{ pages: number; pdfBytes: number; screenshot: number }, { screenshot: boolean }>('sk-print-handout', { screenshot: true });
      assertEqual(out.pages, 1, 'the PDF has one A4 page');
      assert(out.pdfBytes > 8_000, `and text on it (${out.pdfBytes} bytes; an empty page is about 1 kB)`);
      assert(out.screenshot > 10_000, `docs/handout-print.png written (${out.screenshot} bytes)`);
      await emulateMedia({ media: 'screen' });
      // Chrome fired afterprint around the PDF, as it does after a real print.
      assert(!printRoot(), 'the print container is removed after printing');
    } finally {
      stub.restore();
      page.remove();
    }
  });

  it('prints only the handout also from inside the open referral dialog', async () => {
    const button = await mount('sk-referral-button', { 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' }, { patient: { name: 'P. Test', contactPreference: 'phone', phone: '0612345678' } });
    const handler = (e: Event) => e.preventDefault();
    document.addEventListener('sk-referral', handler);
    const stub = stubPrint();
    try {
      $<HTMLButtonElement>(button, '.trigger')!.click();
      await waitFor(() => $(button, 'dialog[open]') && !$<HTMLButtonElement>(button, '[part~="submit"]')!.disabled, 'dialog ready');
      $<HTMLInputElement>(button, '[data-field="consent"]')!.click();
      await button.updateComplete;
      $<HTMLButtonElement>(button, '[part~="submit"]')!.click();
      const handout = await waitFor(() => $<SkWelzijnsrecept>(button, 'sk-welzijnsrecept'), 'handout in the dialog');
      await rendered(handout);
      handout.shadowRoot!.querySelector<HTMLButtonElement>('[part~="print-button"]')!.click();
      await waitFor(() => stub.calls === 1, 'window.print() called');
      await emulateMedia({ media: 'print' });
      const dialog = $<HTMLDialogElement>(button, 'dialog')!;
      assert(dialog.open && !hasBox(dialog), 'the open modal dialog is not printed');
      assert(hasBox(printRoot()!.querySelector('sk-welzijnsrecept')!), 'the handout is');
      const out = await executeServerCommand<{ pages: number; pdfBytes: number }, { screenshot: boolean }>('sk-print-handout', { screenshot: false });
      assertEqual(out.pages, 1, 'one A4 page');
      assert(out.pdfBytes > 8_000, `with the handout on it (${out.pdfBytes} bytes)`);
    } finally {
      stub.restore();
      document.removeEventListener('sk-referral', handler);
      window.dispatchEvent(new Event('afterprint'));
    }
  });
});
