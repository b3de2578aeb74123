// Sealed referrals in Chromium against the real API and relay: the inbox organisation of the
// test back end (Buurthuis Lombok, activity test-samen-koken-lombok) has a key, so the dialog seals
// the patient part in the browser; the test opens what the relay stored with the private key.
import { executeServerCommand } from '@web/test-runner-commands';
import './define.js';
import type { SkReferralButton } from './referral-button.js';
import type { SkReferralDetail, SkReferralSentDetail } from '../internal/events.js';
import type { ReferralRequest } from '../internal/referral.js';
import { $, assert, assertEqual, cleanup, expectNoAxeViolations, mount, recordEvents, referrerToken, waitFor } from '../../test/helpers.js';

const PATIENT = { name: 'Gerrit Versleuteld-Zeldzaam', contactPreference: 'phone' as const, phone: '06 24681357' };
const NOTE = 'Zingt graag, durft niet alleen te gaan.';

interface InboxReferral {
  referralId: string;
  body: ReferralRequest | null;
  opened: { patient: typeof PATIENT; note?: string };
}
const inboxReferrals = () => executeServerCommand<InboxReferral[], undefined>('sk-inbox-referrals');

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function openReady(el: SkReferralButton): Promise<void> {
  $<HTMLButtonElement>(el, '.trigger')!.click();
  await waitFor(() => $(el, 'dialog[open]') && !$<HTMLButtonElement>(el, '[part~="submit"]')!.disabled, 'dialog ready');
}

async function submit(el: SkReferralButton): Promise<void> {
  type($<HTMLTextAreaElement>(el, 'textarea[data-field="note"]')!, NOTE);
  $<HTMLInputElement>(el, '[data-field="consent"]')!.click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
}

/** Everything written to the console while `fn` runs. */
async function consoleDuring(fn: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  try {
    await fn();
  } finally {
    methods.forEach((m, i) => (console[m] = originals[i]!));
  }
  return lines.join('\n');
}

describe('sk-referral-button: sealed in the browser', () => {
  afterEach(cleanup);

  it('seals to the organisation’s key: the request has sealed and no patient or note, it opens to exactly what was typed, and the dialog says so', async () => {
    const el = await mount('sk-referral-button', { 'referrer-token': await referrerToken(), 'activity-id': 'test-samen-koken-lombok', need: 'eenzaamheid' }, { patient: PATIENT });
    const events = ['sk-referral', 'sk-referral-sent', 'sk-referral-failed', 'sk-referral-status'].map((n) => recordEvents(document, n));
    const sentRec = recordEvents<SkReferralSentDetail>(document, 'sk-referral-sent');
    const logged = await consoleDuring(async () => {
      await openReady(el);
      const notice = $(el, '.info [data-sealed]')!;
      assertEqual(notice.getAttribute('data-sealed'), 'true', 'the dialog knows it will seal');
      assert(notice.textContent!.includes('in uw browser versleuteld') && notice.textContent!.includes('Alleen Buurthuis Lombok kan ze lezen'), `said before sending: ${notice.textContent}`);
      await expectNoAxeViolations(el, 'sealed form');
      await submit(el);
      await waitFor(() => sentRec.events[0], `sk-referral-sent; failed: ${JSON.stringify(events[2]!.events.map((e) => e.detail))}`, 10_000).catch((e: Error) => {
        throw new Error(`${e.message}; failed: ${JSON.stringify(events[2]!.events.map((x) => x.detail))}; outcome: ${$(el, '.outcome')?.textContent}; form error: ${$(el, '.error-summary')?.textContent}`);
      });
      const outcome = await waitFor(() => $(el, '.outcome'), 'the result');
      assert(outcome.textContent!.includes('Versleuteld verstuurd: alleen de welzijnscoach kan dit lezen.'), `said after sending: ${outcome.textContent}`);
      await waitFor(() => $(el, 'sk-referral-status')?.shadowRoot?.querySelector('[part~="status"]')?.textContent === 'Verstuurd', 'status: verstuurd');
      await expectNoAxeViolations(el, 'sealed and sent');
    });
    for (const r of events) r.stop();
    sentRec.stop();

    const id = sentRec.events[0]!.detail.referralId;
    const stored = (await inboxReferrals()).find((r) => r.referralId === id);
    assert(stored?.body, 'the relay stored it for the inbox, and the request body was recorded');
    assertEqual(Object.keys(stored.body).sort(), ['activityId', 'consent', 'reasons', 'sealed', 'target'], 'the request carries sealed, and no patient, note or postcode');
    assertEqual(stored.opened, { patient: PATIENT, note: NOTE }, 'opened with the private key: exactly what was typed');
    const detail = (events[0]!.events[0] as CustomEvent<SkReferralDetail>).detail;
    assertEqual(detail.referral.sealed?.ciphertext, stored.body.sealed!.ciphertext, 'sk-referral carries the sealed body that was sent');
    const bubbled = JSON.stringify(events.flatMap((r) => r.events.map((e) => e.detail)));
    for (const secret of [PATIENT.name, PATIENT.phone, NOTE]) {
      assert(!bubbled.includes(secret), `no patient data in any event detail (${secret})`);
      assert(!logged.includes(secret), `no patient data in the console (${secret})`);
    }
  });

  it('re-seals once to the new key when the organisation rotated it after the dialog opened (409), and says so in English', async () => {
    const el = await mount('sk-referral-button', { 'referrer-token': await referrerToken(), 'activity-id': 'test-samen-koken-lombok', need: 'eenzaamheid', lang: 'en' }, { patient: PATIENT });
    const sentRec = recordEvents<SkReferralSentDetail>(document, 'sk-referral-sent');
    const refRec = recordEvents<SkReferralDetail>(document, 'sk-referral');
    await openReady(el);
    const oldKid = await waitFor(() => (el as unknown as { _dialog: { target: { key: { kid: string } | null } | null } })._dialog.target?.key?.kid, 'the key the dialog fetched');
    const newKid = await executeServerCommand<string, undefined>('sk-inbox-rotate-key');
    assert(newKid !== oldKid, 'a new key');
    await submit(el);
    const sent = await waitFor(() => sentRec.events[0], 'sk-referral-sent after the re-seal', 10_000).catch((e: Error) => {
      throw new Error(`${e.message}; outcome: ${$(el, '.outcome')?.textContent}; form error: ${$(el, '.error-summary')?.textContent}`);
    });
    sentRec.stop();
    refRec.stop();
    assertEqual(refRec.events[0]!.detail.referral.sealed?.kid, oldKid, 'first sealed to the key the dialog had');
    const stored = (await inboxReferrals()).find((r) => r.referralId === sent.detail.referralId);
    assertEqual(stored?.body?.sealed?.kid, newKid, 'resent sealed to the current key');
    assertEqual(stored?.opened, { patient: PATIENT, note: NOTE }, 'and it opens with the new key');
    await waitFor(() => $(el, '.outcome')?.textContent?.includes('Sent encrypted: only the welzijnscoach can read this.'), 'said in English');
    await expectNoAxeViolations(el, 'sealed and sent, English');
  });

  it('an organisation without a key gets the plaintext referral, as before', async () => {
    const el = await mount('sk-referral-button', { 'referrer-token': await referrerToken(), 'activity-id': 'test-koffie-buurtkamer', need: 'eenzaamheid' }, { patient: PATIENT });
    const refRec = recordEvents<SkReferralDetail>(document, 'sk-referral');
    await openReady(el);
    assertEqual($(el, '.info [data-sealed]')!.getAttribute('data-sealed'), 'false', 'not sealed');
    await submit(el);
    const event = await waitFor(() => refRec.events[0], 'sk-referral');
    refRec.stop();
    assertEqual(event.detail.referral.patient, PATIENT, 'patient in the clear, for the webhook');
    assertEqual(event.detail.referral.sealed, undefined, 'nothing sealed');
    await waitFor(() => $(el, '.outcome')?.textContent?.includes('Verwijzing verstuurd'), 'sent');
    assert(!$(el, '.outcome')!.textContent!.includes('Versleuteld'), 'and not called encrypted');
  });
});
