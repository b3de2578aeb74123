import './define.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SkReferralButton } from './referral-button.js';
import type { SkReferralDetail } from '../internal/events.js';
import { $, $$, assert, assertEqual, cleanup, expectNoAxeViolations, mount, recordEvents, referralPosts, waitFor } from '../../test/helpers.js';

/** The element that has focus, looking through the button's shadow root. */
function focused(el: SkReferralButton): Element | null {
  return el.shadowRoot!.activeElement;
}

async function openDialog(el: SkReferralButton): Promise<HTMLDialogElement> {
  $<HTMLButtonElement>(el, '.trigger')!.click();
  const dialog = await waitFor(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'the dialog opens');
  // Ready when the receiving organisation is known (the submit button is enabled then).
  await waitFor(() => !$<HTMLButtonElement>(el, '[part~="submit"]')!.disabled, 'target loaded');
  return dialog;
}

function field(el: SkReferralButton, name: string): HTMLInputElement {
  return $<HTMLInputElement>(el, `[data-field="${name}"]`)!;
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('sk-referral-button: dialog', () => {
  afterEach(cleanup);

  it('opens a modal dialog that names the organisation and what is sent, with reasons prefilled from need', async () => {
    const el = await mount('sk-referral-button', { 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' });
    assertEqual($(el, '.trigger')!.getAttribute('aria-haspopup'), 'dialog', 'the button says it opens a dialog');
    assertEqual($(el, '.trigger')!.textContent!.trim(), 'Verwijzen via Welzijn op Recept', 'Dutch label by default');
    const dialog = await openDialog(el);
    assert(dialog.matches(':modal'), 'shown as a modal dialog');
    assertEqual(dialog.getAttribute('aria-labelledby'), $(el, '.dialog-title')!.id, 'labelled by its title');
    const text = dialog.textContent!.replace(/\s+/g, ' ');
    assert(text.includes('Koffieochtend in de Buurtkamer') && text.includes('Buurtteam Oost'), `where it goes: ${text.slice(0, 300)}`);
    assert(text.includes('Wat wordt er verstuurd?') && text.includes('bewaart deze gegevens niet'), 'what will be sent');
    assert(text.includes('Geen medische gegevens invullen.'), 'the note hint');
    assert(text.includes('De patiënt geeft toestemming om deze gegevens te delen met Buurtteam Oost.'), 'consent names the organisation');
    const checked = $$<HTMLInputElement>(el, 'input[name="reason"]').filter((c) => c.checked).map((c) => c.value);
    assertEqual(checked, ['eenzaamheid'], 'reasons prefilled from need');
    const labels = $$<HTMLInputElement>(el, 'input[name="reason"]').map((c) => c.closest('label')!.textContent!.trim());
    assert(labels.includes('Rouw en verlies') && labels.length >= 17, `need labels from /v1/taxonomy: ${labels.join(', ')}`);
    const note = $<HTMLTextAreaElement>(el, 'textarea[data-field="note"]')!;
    type(note, 'Woont sinds kort alleen.');
    await el.updateComplete;
    assertEqual($(el, '.counter')!.textContent, '24 van 1000 tekens', 'the note counter');
    assert(note.getAttribute('aria-describedby')!.split(' ').every((id) => el.shadowRoot!.getElementById(id)), 'note hint and counter are linked');
  });

  it('keyboard: focus moves into the dialog, Tab stays inside and wraps, Escape closes and focus returns to the button', async () => {
    const el = await mount('sk-referral-button', { 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' });
    const trigger = $<HTMLButtonElement>(el, '.trigger')!;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'Enter opens the dialog');
    await waitFor(() => !$<HTMLButtonElement>(el, '[part~="submit"]')!.disabled, 'target loaded');
    await waitFor(() => focused(el)?.id === $(el, '.dialog-title')!.id, 'focus on the dialog title');

    // Tab through every control: each stop is inside the dialog, in form order, and after the last it wraps.
    const describe = (f: Element | null) => {
      const e = f as HTMLInputElement | null;
      if (!e) return 'nothing';
      if (e.name === 'reason') return `reason:${e.value}`;
      return e.dataset['field'] ?? e.textContent!.trim();
    };
    const reasons = $$<HTMLInputElement>(el, 'input[name="reason"]').map((c) => `reason:${c.value}`);
    const expected = [...reasons, 'note', 'name', 'contactPreference', 'phone', 'referrerName', 'referrerPractice', 'consent', 'Verwijzing versturen', 'Annuleren', reasons[0]!];
    const seen: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      await sendKeys({ press: 'Tab' });
      const f = focused(el);
      assert(f && dialog.contains(f), `Tab ${i + 1} left the dialog (focus on ${document.activeElement?.localName})`);
      seen.push(describe(f));
    }
    assertEqual(seen, expected, 'tab order, wrapping from Annuleren to the first reason');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    assertEqual((focused(el) as HTMLElement).textContent, 'Annuleren', 'Shift+Tab from the first control wraps to the last');

    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open, 'Escape closes');
    await waitFor(() => focused(el) === trigger, 'focus is back on the button');

    // Annuleren closes too, and focus returns again.
    trigger.click();
    await waitFor(() => dialog.open, 'opens again');
    $$<HTMLButtonElement>(el, 'dialog button').find((b) => b.textContent === 'Annuleren')!.click();
    await waitFor(() => !dialog.open && focused(el) === trigger, 'Annuleren closes and restores focus');
  });

  it('consent is required: without it nothing is sent, the checkbox is marked and gets focus', async () => {
    const el = await mount('sk-referral-button', { 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' });
    await openDialog(el);
    type(field(el, 'name'), 'Jan Jansen');
    type(field(el, 'phone'), '06 12345678');
    await el.updateComplete;
    const before = await referralPosts();
    const rec = recordEvents<SkReferralDetail>(document, 'sk-referral');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    const consent = await waitFor(() => field(el, 'consent').getAttribute('aria-invalid') === 'true' && field(el, 'consent'), 'consent marked invalid');
    assert(focused(el) === consent, 'focus moves to the consent checkbox');
    const error = el.shadowRoot!.getElementById(consent.getAttribute('aria-describedby')!)!;
    assertEqual(error.textContent, 'Vraag eerst toestemming aan de patiënt en zet dan het vinkje.', 'the message is linked with aria-describedby');
    assertEqual($(el, '.error-summary')!.textContent, 'Er is 1 veld niet goed ingevuld.', 'error summary');
    assertEqual(rec.events.length, 0, 'no sk-referral event');
    assertEqual(await referralPosts(), before, 'no request to /referrals');
    consent.click();
    await waitFor(() => field(el, 'consent').getAttribute('aria-invalid') === 'false', 'the error goes once the box is ticked');
    rec.stop();
  });

  it('validates like the relay, in Dutch, and focuses the first error', async () => {
    const el = await mount('sk-referral-button', { 'activity-id': 'test-koffie-buurtkamer' });
    await openDialog(el);
    type($<HTMLTextAreaElement>(el, 'textarea[data-field="note"]')!, 'x'.repeat(1001));
    type(field(el, 'phone'), 'bel me');
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitFor(() => $(el, '.error-summary'), 'errors shown');
    const messages = $$(el, '.field-error').map((p) => p.textContent);
    assertEqual(
      messages,
      [
        'Kies minstens één reden.',
        'De toelichting is te lang. Gebruik maximaal 1000 tekens.',
        'Vul de naam van de patiënt in.',
        'Vul een telefoonnummer in, bijvoorbeeld 06 12345678.',
        'Vraag eerst toestemming aan de patiënt en zet dan het vinkje.',
      ],
      'one clear message per problem, in form order',
    );
    assert(focused(el) === field(el, 'reasons'), 'focus on the first error: the first reason');
    for (const name of ['note', 'name', 'phone']) {
      const input = field(el, name);
      assertEqual(input.getAttribute('aria-invalid'), 'true', `${name} aria-invalid`);
      assert(input.getAttribute('aria-describedby')!.includes(`${name}-error`), `${name} describedby its error`);
    }
    assert($(el, 'fieldset.reasons')!.getAttribute('aria-describedby')!.includes('reasons-error'), 'the reasons group describes its error');
    assert($(el, '.counter')!.classList.contains('over'), 'the counter shows the note is too long');

    // Switching to e-mail asks for the e-mail address instead, with its own check.
    $<HTMLInputElement>(el, 'input[type="radio"][value="email"]')!.click();
    await el.updateComplete;
    assert(!field(el, 'phone'), 'the phone field is gone');
    type(field(el, 'email'), 'jan@');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitFor(() => $$(el, '.field-error').some((p) => p.textContent === 'Vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.'), 'e-mail message');
    $<HTMLInputElement>(el, 'input[type="radio"][value="letter"]')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitFor(() => $$(el, '.field-error').some((p) => p.textContent === 'Vul het postadres van de patiënt in.'), 'address message');
  });

  it('prefills the patient and the referrer from the host, and lets the GP change them', async () => {
    const el = await mount(
      'sk-referral-button',
      { 'activity-id': 'test-koffie-buurtkamer', reasons: 'eenzaamheid,somberheid' },
      { patient: { name: 'Mevrouw De Vries', contactPreference: 'email', email: 'devries@example.nl' }, referrer: { name: 'Dr. Bakker', practice: 'Huisartsenpraktijk Oost' } },
    );
    await openDialog(el);
    assertEqual(field(el, 'name').value, 'Mevrouw De Vries', 'name');
    assert($<HTMLInputElement>(el, 'input[type="radio"][value="email"]')!.checked, 'contact preference');
    assertEqual(field(el, 'email').value, 'devries@example.nl', 'e-mail');
    assertEqual([field(el, 'referrerName').value, field(el, 'referrerPractice').value], ['Dr. Bakker', 'Huisartsenpraktijk Oost'], 'referrer');
    const checked = $$<HTMLInputElement>(el, 'input[name="reason"]').filter((c) => c.checked).map((c) => c.value);
    assertEqual(checked, ['eenzaamheid', 'somberheid'], 'the reasons attribute wins over need');
  });

  it('speaks English with lang="en"', async () => {
    const el = await mount('sk-referral-button', { 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid', lang: 'en' });
    assertEqual($(el, '.trigger')!.textContent!.trim(), 'Refer (Welzijn op Recept)', 'button');
    await openDialog(el);
    assertEqual($(el, '.dialog-title')!.textContent, 'Refer (Welzijn op Recept)', 'title');
    assert($(el, '.consent')!.textContent!.includes('The patient agrees to share these details with Buurtteam Oost.'), 'consent');
    assert($$(el, 'input[name="reason"]').some((c) => c.closest('label')!.textContent!.trim() === 'Loneliness'), 'English need labels');
  });

  it('has no axe violations with the dialog open, also with errors shown', async () => {
    const el = await mount('sk-referral-button', { 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' });
    await openDialog(el);
    await expectNoAxeViolations(el, 'open dialog');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitFor(() => $(el, '.error-summary'), 'errors');
    await expectNoAxeViolations(el, 'dialog with errors');
  });

  it('renders no dialog until it is first used, and loads its code as a separate module', async () => {
    const el = await mount('sk-referral-button', { 'activity-id': 'test-koffie-buurtkamer' });
    assert(!$(el, 'dialog'), 'no dialog before the first click');
    await openDialog(el);
    assert(
      performance.getEntriesByType('resource').some((r) => r.name.includes('/referral-dialog.')),
      'the dialog module was fetched on its own',
    );
  });
});
