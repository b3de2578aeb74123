import { executeServerCommand } from '@web/test-runner-commands';
import './define.js';
import type { SkReferralStatus } from './referral-status.js';
import type { SkReferralStatusDetail } from '../internal/events.js';
import type { ReferralCreated } from '../internal/referral.js';
import { $, $$, assert, assertEqual, cleanup, expectNoAxeViolations, mount, providerPostsStatus, recordEvents, referrerToken, sleep, testConfig, waitFor } from '../../test/helpers.js';

/** A real referral through the relay to the intake receiver (what <sk-referral-button> does). */
async function createReferral(): Promise<ReferralCreated> {
  const { apiUrl } = await testConfig();
  const res = await fetch(`${apiUrl}/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await referrerToken()}` },
    body: JSON.stringify({
      target: 'activity',
      activityId: 'test-koffie-buurtkamer',
      reasons: ['eenzaamheid'],
      patient: { name: 'Status Test', contactPreference: 'phone', phone: '06 11111111' },
      consent: true,
    }),
  });
  assertEqual(res.status, 202, 'referral created');
  return (await res.json()) as ReferralCreated;
}

/** Status requests for one referral that went through the test proxy. */
async function statusRequests(referralId: string): Promise<number> {
  const { proxyUrl } = await testConfig();
  const log = (await (await fetch(`${proxyUrl}/log`)).json()) as { path: string }[];
  return log.filter((e) => e.path.startsWith(`/v1/referrals/${referralId}`)).length;
}

function current(el: SkReferralStatus): string {
  return $(el, '[part~="status"]')?.textContent ?? '';
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('sk-referral-status', () => {
  afterEach(() => {
    delete (document as unknown as Record<string, unknown>)['hidden'];
    cleanup();
  });

  it('shows the status in Dutch and follows the provider’s updates until the referral is declined', async () => {
    const created = await createReferral();
    const { proxyUrl } = await testConfig();
    const rec = recordEvents<SkReferralStatusDetail>(document, 'sk-referral-status');
    const el = await mount('sk-referral-status', { api: `${proxyUrl}/direct/v1`, 'referral-id': created.referralId, token: created.token, interval: '1' });
    await waitFor(() => current(el) === 'Verstuurd', 'status: verstuurd');
    assert($(el, '[part~="base"]')!.textContent!.includes('Naar Koffieochtend in de Buurtkamer (Buurtteam Oost)'), 'where it went');
    const first = await waitFor(() => rec.events[0], 'sk-referral-status on the first load');
    assert(first.bubbles && first.composed, 'bubbles out');
    assertEqual([first.detail.status, first.detail.previousStatus], ['sent', null], 'first detail');
    const live = $(el, '[role="status"]')!;
    assertEqual(live.getAttribute('aria-live'), 'polite', 'a polite live region');
    assertEqual(live.textContent, '', 'nothing announced on the first load');

    await providerPostsStatus(created.referralId, 'received');
    await waitFor(() => current(el) === 'Ontvangen', 'status: ontvangen (polled)', 5000);
    assertEqual(live.textContent, 'Nieuwe status van de verwijzing: Ontvangen', 'the change is announced');
    const changed = rec.events.find((e) => e.detail.status === 'received')!;
    assertEqual(changed.detail.previousStatus, 'sent', 'previousStatus');
    assertEqual(changed.detail.history.map((h) => h.status), ['sent', 'received'], 'history in the detail');

    await providerPostsStatus(created.referralId, 'contacted');
    await waitFor(() => current(el) === 'Contact opgenomen', 'status: contact opgenomen', 5000);
    await providerPostsStatus(created.referralId, 'declined', 'Past niet bij de doelgroep');
    await waitFor(() => current(el) === 'Afgewezen', 'status: afgewezen', 5000);
    const history = $$(el, '[part~="history"] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    assertEqual(history.length, 4, `four entries: ${history.join(' | ')}`);
    assert(history[0]!.endsWith('Verstuurd') && history[1]!.endsWith('Ontvangen') && history[2]!.endsWith('Contact opgenomen'), `history in order: ${history.join(' | ')}`);
    assert(history[3]!.includes('Afgewezen — Past niet bij de doelgroep'), 'declined with its reason');
    assert(!el.polling, 'polling stopped at a final status');
    const requests = await statusRequests(created.referralId);
    await sleep(2500);
    assertEqual(await statusRequests(created.referralId), requests, 'no more requests after declined');
    await expectNoAxeViolations(el, 'status with history');
    rec.stop();
  });

  it('stops polling when it leaves the page, and pauses while the page is hidden', async () => {
    const created = await createReferral();
    const { proxyUrl } = await testConfig();
    const el = await mount('sk-referral-status', { api: `${proxyUrl}/direct/v1`, 'referral-id': created.referralId, token: created.token, interval: '1' });
    await waitFor(() => current(el) === 'Verstuurd', 'loaded');
    await waitFor(async () => (await statusRequests(created.referralId)) >= 2, 'it polls', 4000);

    setHidden(true);
    await sleep(300);
    const whileHidden = await statusRequests(created.referralId);
    await sleep(2200);
    assertEqual(await statusRequests(created.referralId), whileHidden, 'no requests while hidden');
    await providerPostsStatus(created.referralId, 'started');
    setHidden(false);
    await waitFor(() => current(el) === 'Gestart', 'visible again: fetched at once', 800);

    el.remove();
    await sleep(300);
    const afterRemove = await statusRequests(created.referralId);
    await sleep(2200);
    assertEqual(await statusRequests(created.referralId), afterRemove, 'no requests once disconnected');
    assert(!el.polling, 'not polling');
  });

  it('names the handover, the activity the patient started and the time to first contact; the journal line names the current status', async () => {
    const created = await createReferral();
    const rec = recordEvents<SkReferralStatusDetail>(document, 'sk-referral-status');
    const el = await mount('sk-referral-status', { 'referral-id': created.referralId, token: created.token, interval: '1' });
    await waitFor(() => current(el) === 'Verstuurd', 'loaded');
    await providerPostsStatus(created.referralId, 'contacted');
    await waitFor(() => current(el) === 'Contact opgenomen', 'contacted', 5000);
    assertEqual($(el, '[part~="first-contact"]')?.textContent, 'Contact opgenomen binnen een uur', 'time to first contact');
    const append = (entry: Record<string, unknown>) => executeServerCommand('sk-referral-append-status', { referralId: created.referralId, entry });
    await append({ status: 'handed_over', to: { organizationId: 'org-buurthuis-lombok', organizationName: 'Buurthuis Lombok' } });
    await append({ status: 'started', activityId: 'test-samen-koken-lombok' });
    await waitFor(() => current(el) === 'Gestart met Samen koken en eten in Lombok', `started, with the activity: ${current(el)}`, 5000);
    const history = $$(el, '[part~="history"] li span:not(.reason)').map((s) => s.textContent);
    assertEqual(history, ['Verstuurd', 'Contact opgenomen', 'Overgedragen aan Buurthuis Lombok', 'Gestart met Samen koken en eten in Lombok'], 'every status, in Dutch');
    const last = rec.events.at(-1)!.detail;
    assertEqual(last.history.map((h) => h.status), ['sent', 'contacted', 'handed_over', 'started'], 'history in the detail');
    await waitFor(() => rec.events.some((e) => e.detail.summary.includes('gestart met')), 'a journal line after the start');
    const summaries = rec.events.map((e) => e.detail.summary);
    assert(summaries.includes('Welzijn op Recept: verwijzing naar Koffieochtend in de Buurtkamer (Buurtteam Oost), status: contact opgenomen binnen een uur.'), `journal line on contact: ${summaries.join(' | ')}`);
    await expectNoAxeViolations(el, 'status with a handover');
    rec.stop();
  });

  it('says a colleague took the referral over, without naming them, in Dutch and in English', async () => {
    const created = await createReferral();
    await providerPostsStatus(created.referralId, 'contacted');
    const handed = (await executeServerCommand('sk-referral-hand-to-colleague', { referralId: created.referralId })) as { status: string } | null;
    assertEqual(handed?.status, 'contacted', 'the status stays what it was');
    const nl = await mount('sk-referral-status', { 'referral-id': created.referralId, token: created.token, interval: '1' });
    await waitFor(() => current(nl) === 'Contact opgenomen', `still contacted: ${current(nl)}`, 5000);
    const history = $$(nl, '[part~="history"] li span:not(.reason)').map((s) => s.textContent);
    assertEqual(history, ['Verstuurd', 'Contact opgenomen', 'Overgedragen aan een collega'], 'the handover line in Dutch');
    assert(!nl.shadowRoot!.textContent!.includes('collega@'), 'the colleague is not named');
    await expectNoAxeViolations(nl, 'status with a colleague handover (nl)');
    nl.remove();
    const en = await mount('sk-referral-status', { 'referral-id': created.referralId, token: created.token, interval: '1', lang: 'en' });
    await waitFor(() => $$(en, '[part~="history"] li span:not(.reason)').map((s) => s.textContent).at(-1) === 'Handed over to a colleague', 'the handover line in English', 5000);
    assertEqual(current(en), 'Contacted', 'the current status in English');
    await expectNoAxeViolations(en, 'status with a colleague handover (en)');
  });

  it('says so when the referral is not found (wrong token) and stops', async () => {
    const created = await createReferral();
    const el = await mount('sk-referral-status', { 'referral-id': created.referralId, token: 'not-the-token', interval: '1' });
    await waitFor(() => $(el, '.state.error')?.textContent === 'Deze verwijzing is niet gevonden. Klopt de link?', 'not found in Dutch');
    assert(!el.polling, 'stops');
    assertEqual(current(el), '', 'no status shown');
  });
});
