// The referrer token: what the HIS backend signs goes along as
// `Authorization: Bearer <token>`; a refused token is asked for once more; without one nothing
// is sent. Against the test back end, which refuses POST /v1/referrals without a token it issued.
import './define.js';
import type { SkReferralButton } from './referral-button.js';
import type { SkReferralFailedDetail, SkReferralSentDetail } from '../internal/events.js';
import {
  $,
  assert,
  assertEqual,
  cleanup,
  expectNoAxeViolations,
  expireReferrerTokens,
  mount,
  receivedReferrals,
  recordEvents,
  referralAuthorizations,
  referralPosts,
  referrerToken,
  waitFor,
} from '../../test/helpers.js';

const PATIENT = { name: 'Token Testpatiënt', contactPreference: 'phone' as const, phone: '06 55555555' };

async function submit(el: SkReferralButton): Promise<void> {
  $<HTMLButtonElement>(el, '.trigger')!.click();
  await waitFor(() => $(el, 'dialog[open]') && !$<HTMLButtonElement>(el, '[part~="submit"]')!.disabled, 'dialog ready');
  $<HTMLInputElement>(el, '[data-field="consent"]')!.click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
}

/** A token that was valid once and has expired since (as after a long consult). */
async function expiredToken(): Promise<string> {
  const token = await referrerToken();
  await expireReferrerTokens();
  return token;
}

function mountButton(attrs: Record<string, string> = {}, props: Record<string, unknown> = {}): Promise<SkReferralButton> {
  return mount('sk-referral-button', { 'activity-id': 'test-rouwgroep', reasons: 'rouw', ...attrs }, { patient: PATIENT, ...props });
}

describe('sk-referral-button: referrer token', () => {
  afterEach(cleanup);

  it('sends the referrer-token attribute as Authorization: Bearer, and the referral is delivered', async () => {
    const token = await referrerToken();
    const el = await mountButton({ 'referrer-token': token });
    const sent = recordEvents<SkReferralSentDetail>(document, 'sk-referral-sent');
    const seenBefore = (await referralAuthorizations()).length;
    await submit(el);
    const event = await waitFor(() => sent.events[0], 'sk-referral-sent', 15_000);
    sent.stop();
    assertEqual((await referralAuthorizations()).slice(seenBefore), [`Bearer ${token}`], 'one POST, with the token as a bearer token');
    assert((await receivedReferrals()).some((r) => r.referral.referralId === event.detail.referralId), 'delivered to the intake');
  });

  it('after a 401 asks getReferrerToken() once more and sends again with the fresh token', async () => {
    const stale = await expiredToken();
    const issued: string[] = [];
    let calls = 0;
    const el = await mountButton(
      {},
      {
        getReferrerToken: async () => {
          calls++;
          if (calls === 1) return stale;
          const fresh = await referrerToken();
          issued.push(fresh);
          return fresh;
        },
      },
    );
    const sent = recordEvents<SkReferralSentDetail>(document, 'sk-referral-sent');
    const seenBefore = (await referralAuthorizations()).length;
    await submit(el);
    await waitFor(() => sent.events[0], 'sk-referral-sent after the retry', 15_000);
    sent.stop();
    assertEqual(calls, 2, 'the callback was asked twice: before sending and after the 401');
    assertEqual((await referralAuthorizations()).slice(seenBefore), [`Bearer ${stale}`, `Bearer ${issued[0]}`], 'first the stale token, then the fresh one');
    await waitFor(() => $(el, '[part~="result"]')?.textContent?.includes('Verwijzing verstuurd'), 'the GP sees it was sent');
  });

  it('a second 401 ends in a clear message; nothing reaches the intake; the dialog passes axe', async () => {
    const stale = await expiredToken();
    let calls = 0;
    const el = await mountButton(
      {},
      {
        getReferrerToken: () => {
          calls++;
          return stale;
        },
      },
    );
    const failed = recordEvents<SkReferralFailedDetail>(document, 'sk-referral-failed');
    const postsBefore = await referralPosts();
    const receivedBefore = (await receivedReferrals()).length;
    await submit(el);
    const event = await waitFor(() => failed.events[0], 'sk-referral-failed');
    failed.stop();
    assertEqual(event.detail.problem.status, 401, 'the problem is the 401');
    assertEqual([calls, (await referralPosts()) - postsBefore], [2, 2], 'asked twice, sent twice, then stopped');
    const message = await waitFor(() => $(el, '.error-summary'), 'the message');
    assert(message.textContent!.startsWith('Uw HIS heeft deze verwijzing niet ondertekend.'), `the message: ${message.textContent}`);
    assert(el.shadowRoot!.activeElement === message, 'focus on the message');
    assert($(el, '[part~="form"]'), 'the form stays, so the GP can try again');
    assertEqual((await receivedReferrals()).length, receivedBefore, 'the intake received nothing');
    await expectNoAxeViolations(el, 'not signed');
  });

  it('without a token nothing is sent, and the dialog says why (in English too)', async () => {
    const el = await mountButton({ lang: 'en' });
    const failed = recordEvents<SkReferralFailedDetail>(document, 'sk-referral-failed');
    const postsBefore = await referralPosts();
    await submit(el);
    const event = await waitFor(() => failed.events[0], 'sk-referral-failed');
    failed.stop();
    assertEqual([event.detail.problem.type, event.detail.problem.status], ['no-referrer-token', 401], 'the problem says no token');
    const message = await waitFor(() => $(el, '.error-summary'), 'the message');
    assert(message.textContent!.startsWith('Your GP system (HIS) did not sign this referral'), `the message: ${message.textContent}`);
    assertEqual(await referralPosts(), postsBefore, 'no request to /referrals');
  });

  it('a callback that fails counts as no token: nothing is sent', async () => {
    const el = await mountButton(
      { 'referrer-token': await referrerToken() },
      {
        getReferrerToken: () => Promise.reject(new Error('HIS backend down')),
      },
    );
    const failed = recordEvents<SkReferralFailedDetail>(document, 'sk-referral-failed');
    const postsBefore = await referralPosts();
    await submit(el);
    const event = await waitFor(() => failed.events[0], 'sk-referral-failed');
    failed.stop();
    assertEqual(event.detail.problem.type, 'no-referrer-token', 'the callback wins over the attribute, and it gave nothing');
    assertEqual(await referralPosts(), postsBefore, 'no request to /referrals');
  });
});
