import './define.js';
import type { SkReferralButton } from './referral-button.js';
import type { SkReferralDetail, SkReferralFailedDetail, SkReferralSentDetail } from '../internal/events.js';
import { $, $$, assert, assertEqual, cleanup, mount, providerPostsStatus, receivedReferrals, recordEvents, referralPosts, referrerToken, waitFor } from '../../test/helpers.js';

const PATIENT = { name: 'Truus Testpatiënt-Zeldzaam', contactPreference: 'phone' as const, phone: '06 98765432' };

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Opens the dialog, ticks consent (the patient agreed), optionally adds a note, and submits. */
async function submitReferral(el: SkReferralButton, note = ''): Promise<void> {
  $<HTMLButtonElement>(el, '.trigger')!.click();
  await waitFor(() => $(el, 'dialog[open]') && !$<HTMLButtonElement>(el, '[part~="submit"]')!.disabled, 'dialog ready');
  if (note) type($<HTMLTextAreaElement>(el, 'textarea[data-field="note"]')!, note);
  $<HTMLInputElement>(el, '[data-field="consent"]')!.click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
}

function result(el: SkReferralButton): HTMLElement | null {
  return $(el, '[part~="result"]');
}

async function handoutText(el: SkReferralButton): Promise<string> {
  const handout = await waitFor(() => $(el, 'sk-welzijnsrecept'), 'the handout is offered');
  return waitFor(() => {
    const text = handout.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
    return text.includes('Wat gebeurt er nu?') && text;
  }, 'handout rendered');
}

describe('sk-referral-button: sending', () => {
  afterEach(cleanup);

  it('a host that calls preventDefault() gets the complete referral and nothing leaves the browser; summary and handout are still offered', async () => {
    const el = await mount(
      'sk-referral-button',
      { 'referrer-token': await referrerToken(), 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' },
      { patient: PATIENT, referrer: { name: 'Dr. Bakker', practice: 'Praktijk Oost' } },
    );
    const before = await referralPosts();
    const receivedBefore = (await receivedReferrals()).length;
    const handler = (e: CustomEvent<SkReferralDetail>) => e.preventDefault();
    document.addEventListener('sk-referral', handler);
    const rec = recordEvents<SkReferralDetail>(document, 'sk-referral');
    const sent = recordEvents(document, 'sk-referral-sent');
    try {
      await submitReferral(el, 'Woont sinds kort alleen.');
      const event = await waitFor(() => rec.events[0], 'sk-referral dispatched');
      assert(event.cancelable && event.bubbles && event.composed, 'cancelable, bubbles, composed');
      assertEqual(
        event.detail.referral,
        {
          target: 'activity',
          activityId: 'test-koffie-buurtkamer',
          reasons: ['eenzaamheid'],
          patient: { name: PATIENT.name, contactPreference: 'phone', phone: PATIENT.phone },
          consent: true,
          note: 'Woont sinds kort alleen.',
          referrer: { name: 'Dr. Bakker', practice: 'Praktijk Oost' },
        },
        'detail.referral is the exact POST body',
      );
      assertEqual(event.detail.target, { activityId: 'test-koffie-buurtkamer', title: 'Koffieochtend in de Buurtkamer', organizationName: 'Buurtteam Oost' }, 'detail.target');
      const summary = 'Welzijn op Recept: verwezen naar Koffieochtend in de Buurtkamer (Buurtteam Oost) i.v.m. eenzaamheid.';
      assertEqual(event.detail.summary, summary, 'detail.summary');
      await waitFor(() => result(el)?.textContent?.includes('Verwijzing doorgegeven aan uw eigen systeem'), 'the host-handled result');
      assertEqual($<HTMLTextAreaElement>(el, '[part~="summary"]')!.value, summary, 'the summary is offered');
      const text = await handoutText(el);
      assert(text.includes('Uw welzijnsrecept') && text.includes('Koffieochtend in de Buurtkamer'), 'the handout is offered');
      await new Promise((r) => setTimeout(r, 300));
      assertEqual(await referralPosts(), before, 'no request to /referrals');
      assertEqual((await receivedReferrals()).length, receivedBefore, 'the intake received nothing');
      assertEqual(sent.events.length, 0, 'no sk-referral-sent');
    } finally {
      document.removeEventListener('sk-referral', handler);
      rec.stop();
      sent.stop();
    }
  });

  it('relays to the provider’s intake end to end: the receiver gets the patient data, the GP sees the answer and the status', async () => {
    const el = await mount(
      'sk-referral-button',
      { 'referrer-token': await referrerToken(), 'activity-id': 'test-rouwgroep', reasons: 'rouw' },
      { patient: PATIENT, referrer: { name: 'Dr. Bakker', practice: 'Praktijk Oost' } },
    );
    const sentRec = recordEvents<SkReferralSentDetail>(document, 'sk-referral-sent');
    await submitReferral(el, 'Partner in november overleden.');
    const sent = await waitFor(() => sentRec.events[0], 'sk-referral-sent', 15_000);
    sentRec.stop();
    assert(sent.bubbles && sent.composed, 'sk-referral-sent bubbles out');
    const d = sent.detail;
    assert(/^[0-9a-f-]{36}$/.test(d.referralId) && d.token.length >= 20, `referralId and token: ${JSON.stringify(d)}`);
    assert(d.statusUrl.includes(d.referralId) && d.statusUrl.includes(d.token), 'statusUrl carries id and token');
    assertEqual(d.target, { activityId: 'test-rouwgroep', title: 'Rouwgroep Na het verlies', organizationName: 'Stichting Rouwzorg' }, 'target from the relay');
    assertEqual(d.summary, 'Welzijn op Recept: verwezen naar Rouwgroep Na het verlies (Stichting Rouwzorg) i.v.m. rouw en verlies.', 'summary');

    const got = (await receivedReferrals()).find((r) => r.referral.referralId === d.referralId);
    assert(got, 'the intake receiver got the referral');
    assertEqual(got.referral.patient, { name: PATIENT.name, contactPreference: 'phone', phone: PATIENT.phone }, 'with the patient data');
    assertEqual(got.referral.note, 'Partner in november overleden.', 'and the note');
    assertEqual(got.referral.reasons, [{ key: 'rouw', label: 'Rouw en verlies' }], 'and the reasons');
    assertEqual(got.referral.activity.id, 'test-rouwgroep', 'for the activity');

    await waitFor(() => result(el)?.textContent?.includes('Verwijzing verstuurd'), 'the relay’s answer is shown');
    assert(result(el)!.textContent!.includes('Stichting Rouwzorg heeft de verwijzing gekregen'), 'naming the organisation');
    const status = await waitFor(() => $(el, 'sk-referral-status'), 'the status is shown');
    assertEqual([status.getAttribute('referral-id'), status.getAttribute('token')], [d.referralId, d.token], 'status element wired to the referral');
    await waitFor(() => status.shadowRoot?.querySelector('[part~="status"]')?.textContent === 'Verstuurd', 'status: verstuurd');
    const text = await handoutText(el);
    assert(text.includes('Stichting Rouwzorg belt of mailt u om een afspraak te maken.'), `the handout says what happens next: ${text}`);
    assert(text.includes(d.referralId) && text.includes('Dr. Bakker, Praktijk Oost'), 'with the referral number and the GP');
    assert(document.activeElement === el && el.shadowRoot!.activeElement?.id.endsWith('-result'), 'focus moves to the result');

    // The provider reports back; the status element in the dialog follows on its next poll (or refresh()).
    const answer = await providerPostsStatus(d.referralId, 'received');
    assert(answer.body.ok, `the relay accepted the provider's status: ${JSON.stringify(answer)}`);
    await (status as HTMLElementTagNameMap['sk-referral-status']).refresh();
    await waitFor(() => status.shadowRoot?.querySelector('[part~="status"]')?.textContent === 'Ontvangen', 'status: ontvangen');
  });

  it('falls back clearly when the provider has no electronic intake (422): contact details, summary and handout', async () => {
    const el = await mount('sk-referral-button', { 'referrer-token': await referrerToken(), 'activity-id': 'test-schilderatelier', need: 'somberheid' }, { patient: PATIENT });
    const failed = recordEvents<SkReferralFailedDetail>(document, 'sk-referral-failed');
    const receivedBefore = (await receivedReferrals()).length;
    await submitReferral(el);
    const event = await waitFor(() => failed.events[0], 'sk-referral-failed');
    failed.stop();
    assert(event.bubbles && event.composed, 'bubbles out');
    assertEqual(event.detail.problem.status, 422, 'problem status');
    assert(event.detail.problem.type.endsWith('/no-electronic-intake'), `problem type: ${event.detail.problem.type}`);
    const box = await waitFor(() => result(el), 'the fallback');
    const outcome = box.querySelector('.outcome')!;
    assertEqual(outcome.getAttribute('role'), 'alert', 'announced');
    assert(outcome.textContent!.includes('Elektronisch verwijzen lukt niet'), 'says so in Dutch');
    assert(outcome.textContent!.includes('Atelier De Kleur kan geen verwijzingen via de sociale kaart ontvangen'), 'names the organisation');
    const contact = $(el, '[part~="fallback"]')!;
    const links = [...contact.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    assert(contact.textContent!.includes('030 123 45 67') && links.includes('tel:0301234567'), 'the phone number from the problem');
    assert(links.includes('mailto:info@schilderatelier.example.nl'), 'the e-mail address from the problem');
    assertEqual($<HTMLTextAreaElement>(el, '[part~="summary"]')!.value, 'Welzijn op Recept: verwezen naar Schilderatelier De Kleur (Atelier De Kleur) i.v.m. somberheid.', 'summary still offered');
    const text = await handoutText(el);
    assert(text.includes('Schilderatelier De Kleur') && text.includes('U kunt er zelf naartoe gaan.'), `handout for going there yourself: ${text}`);
    assert(!$(el, 'sk-referral-status'), 'no status to follow');
    assertEqual((await receivedReferrals()).length, receivedBefore, 'nothing was delivered');
  });

  it('falls back when delivery fails (502)', async () => {
    const el = await mount('sk-referral-button', { 'referrer-token': await referrerToken(), 'activity-id': 'test-levensvragen', need: 'zinloosheid' }, { patient: PATIENT });
    const failed = recordEvents<SkReferralFailedDetail>(document, 'sk-referral-failed');
    await submitReferral(el);
    const event = await waitFor(() => failed.events[0], 'sk-referral-failed', 15_000);
    failed.stop();
    assertEqual(event.detail.problem.status, 502, 'problem status');
    await waitFor(() => result(el)?.textContent?.includes('kon niet bij Huis van de Stilte worden afgeleverd'), 'the delivery failure in Dutch');
    assert($(el, '[part~="fallback"]')!.textContent!.includes('info@levensvragen.example.nl'), 'contact details');
  });

  it('falls back without a network, with the contact details of the activity', async () => {
    const el = await mount('sk-referral-button', { 'referrer-token': await referrerToken(), 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' }, { patient: PATIENT });
    $<HTMLButtonElement>(el, '.trigger')!.click();
    await waitFor(() => $(el, 'dialog[open]') && !$<HTMLButtonElement>(el, '[part~="submit"]')!.disabled, 'dialog ready');
    // The API goes away after the dialog loaded.
    el.api = 'http://127.0.0.1:9/v1';
    const failed = recordEvents<SkReferralFailedDetail>(document, 'sk-referral-failed');
    $<HTMLInputElement>(el, '[data-field="consent"]')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    const event = await waitFor(() => failed.events[0], 'sk-referral-failed');
    failed.stop();
    assertEqual([event.detail.problem.type, event.detail.problem.status], ['network-error', 0], 'a network problem');
    await waitFor(() => result(el)?.textContent?.includes('De sociale kaart is nu niet bereikbaar'), 'says so');
    assert($(el, '[part~="fallback"]')!.textContent!.includes('info@koffie-buurtkamer.example.nl'), 'contact from the activity');
  });

  it('refers to the welzijnscoach of the patient’s gemeente by postcode', async () => {
    const el = await mount('sk-referral-button', { 'referrer-token': await referrerToken(), target: 'coach', postcode: '3511 AB', need: 'eenzaamheid' }, { patient: PATIENT });
    assertEqual($(el, '.trigger')!.textContent!.trim(), 'Verwijzen naar de welzijnscoach', 'label');
    const sentRec = recordEvents<SkReferralSentDetail>(document, 'sk-referral-sent');
    const refRec = recordEvents<SkReferralDetail>(document, 'sk-referral');
    $<HTMLButtonElement>(el, '.trigger')!.click();
    await waitFor(() => $(el, 'dialog[open]') && !$<HTMLButtonElement>(el, '[part~="submit"]')!.disabled, 'dialog ready');
    await waitFor(() => $(el, '.info')!.textContent!.includes('de welzijnscoach van Welzijn Utrecht'), 'the coach, resolved through the API');
    assert($(el, '.consent')!.textContent!.includes('te delen met Welzijn Utrecht'), 'consent names the coach’s organisation');
    $<HTMLInputElement>(el, '[data-field="consent"]')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    const sent = await waitFor(() => sentRec.events[0], 'sk-referral-sent', 15_000);
    sentRec.stop();
    refRec.stop();
    assertEqual(refRec.events[0]!.detail.referral.target, 'coach', 'target coach');
    assertEqual(refRec.events[0]!.detail.referral.postcode, '3511 AB', 'with the postcode');
    assertEqual(sent.detail.target.organizationName, 'Welzijn Utrecht', 'the relay picked the same coach');
    const got = (await receivedReferrals()).find((r) => r.referral.referralId === sent.detail.referralId);
    assertEqual(got?.referral.organization.name, 'Welzijn Utrecht', 'delivered to the coach’s intake');
  });

  it('copies the summary, or selects it when the clipboard is not available', async () => {
    const el = await mount('sk-referral-button', { 'referrer-token': await referrerToken(), 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' }, { patient: PATIENT });
    const handler = (e: Event) => e.preventDefault();
    document.addEventListener('sk-referral', handler);
    const clipboard = navigator.clipboard;
    const original = Object.getOwnPropertyDescriptor(clipboard, 'writeText');
    const copied: string[] = [];
    try {
      await submitReferral(el);
      await waitFor(() => result(el), 'result');
      const summary = $<HTMLTextAreaElement>(el, '[part~="summary"]')!;
      const copy = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent === 'Kopiëren')!;
      Object.defineProperty(clipboard, 'writeText', { configurable: true, value: async (text: string) => void copied.push(text) });
      copy.click();
      await waitFor(() => copied.length === 1, 'written to the clipboard');
      assertEqual(copied[0], summary.value, 'the summary');
      await waitFor(() => result(el)!.textContent!.includes('Gekopieerd.'), 'says it is copied');
      Object.defineProperty(clipboard, 'writeText', { configurable: true, value: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
      copy.click();
      await waitFor(() => result(el)!.textContent!.includes('De tekst is geselecteerd'), 'the select-text fallback');
      assert(el.shadowRoot!.activeElement === summary, 'the summary has focus');
      assertEqual([summary.selectionStart, summary.selectionEnd], [0, summary.value.length], 'and is selected');
    } finally {
      if (original) Object.defineProperty(clipboard, 'writeText', original);
      else delete (clipboard as unknown as Record<string, unknown>)['writeText'];
      document.removeEventListener('sk-referral', handler);
    }
  });
});
