/// <reference types="node" />
// The referral session in Node: target and key lookup, sealing, sending (401 refresh, 409
// re-seal) and the mapping of every answer to what the GP reads, against a loopback HTTP
// server that answers as the search API does. The sealed payloads are opened with the
// welzijnscoach's private key, so what was sealed is checked, not just that something was.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReferralSchema, referralPublicPart } from '@sociale-kaart/schema';
import { generateExtractableKeyPair, openReferral, type ReferralKeyPair } from '@sociale-kaart/sealing';
import type { ReferralDraft } from '../../src/internal/referral-form.js';
import { failureOf, loadTarget, problemOf, referralBody, sendReferral, type ReferralTarget } from '../../src/internal/referral-session.js';
import { referralNl } from '../../src/translations/referral-nl.js';

const ACTIVITY = {
  id: 'test-inloop',
  title: 'Inloop bij de welzijnscoach',
  organization: { id: 'org-coach', name: 'Welzijn Test', website: 'https://welzijn.example.nl' },
  needs: ['eenzaamheid'],
  needItems: [{ key: 'eenzaamheid', label: 'Eenzaamheid' }],
  phone: '030 111 22 33',
  email: 'info@welzijn.example.nl',
  url: null,
  intake: { url: null, email: null },
  isWelzijnscoach: true,
  acceptsWelzijnOpRecept: true,
};

const draft = (patch: Partial<ReferralDraft> = {}): ReferralDraft => ({
  reasons: ['eenzaamheid'],
  note: '  Woont sinds kort alleen.  ',
  name: ' Truus Zeldzaam-Testnaam ',
  contactPreference: 'phone',
  phone: '06 98765432',
  email: '',
  address: '',
  referrerName: 'Dr. Bakker',
  referrerPractice: '',
  postcode: '3511 AB',
  consent: true,
  ...patch,
});

interface Answer {
  status: number;
  body: unknown;
}

/** The search API as far as the session talks to it; POST /v1/referrals answers from a queue. */
const api = {
  server: null as Server | null,
  url: '',
  key: null as unknown,
  answers: [] as Answer[],
  posts: [] as { body: Record<string, unknown>; authorization: string | undefined }[],
  keyRequests: 0,
};

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

const created = { referralId: '6f1c1c1e-0000-4000-8000-000000000001', status: 'sent', statusUrl: 'x', token: 't'.repeat(32), target: { type: 'activity', activityId: ACTIVITY.id, title: ACTIVITY.title, organizationId: 'org-coach', organizationName: 'Welzijn Test' } };

beforeAll(async () => {
  api.server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === `/v1/activities/${ACTIVITY.id}`) return send(200, ACTIVITY);
    if (url.pathname === '/v1/search') return send(200, { hits: [{ ...ACTIVITY, isWelzijnscoach: false, id: 'other' }, ACTIVITY] });
    if (url.pathname === '/v1/organizations/org-coach/referral-key') {
      api.keyRequests++;
      return api.key ? send(200, api.key) : send(404, { type: 'referral-key-not-found', title: 'No key', status: 404 });
    }
    if (url.pathname === '/v1/referrals' && req.method === 'POST') {
      api.posts.push({ body: JSON.parse(await read(req)), authorization: req.headers.authorization });
      const answer = api.answers.shift() ?? { status: 202, body: created };
      return send(answer.status, answer.body);
    }
    send(404, { type: 'about:blank', title: 'Not Found', status: 404 });
  });
  await new Promise<void>((r) => api.server!.listen(0, '127.0.0.1', () => r()));
  const address = api.server.address();
  api.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
});

afterAll(async () => {
  await new Promise<void>((r) => api.server?.close(() => r()));
});

let coachKey: ReferralKeyPair;
beforeEach(async () => {
  coachKey = await generateExtractableKeyPair();
  api.key = coachKey.publicJwk;
  api.answers = [];
  api.posts = [];
  api.keyRequests = 0;
});

const query = (patch = {}) => ({ api: api.url, lang: 'nl', target: 'activity' as const, activityId: ACTIVITY.id, postcode: '', ...patch });
const signal = () => new AbortController().signal;
const tokens = { referrerToken: 'his-token', getReferrerToken: null };
const publicPartOf = (body: Record<string, unknown>, target: 'activity' | 'coach' = 'activity') =>
  ({ ...referralPublicPart({ target, activityId: ACTIVITY.id, organizationId: 'org-coach', reasons: body.reasons as string[] }) });

describe('referral session: the target and its key', () => {
  it('loads the activity and its organisation’s key; no key (404) is null, not an error', async () => {
    const withKey = await loadTarget(query(), signal());
    expect(withKey.info).toEqual({ activityId: ACTIVITY.id, title: ACTIVITY.title, organizationName: 'Welzijn Test' });
    expect(withKey.key).toEqual(coachKey.publicJwk);
    api.key = null;
    expect((await loadTarget(query(), signal())).key).toBeNull();
  });

  it('for a coach: the welzijnscoach the search finds for the postcode, with its key', async () => {
    const coach = await loadTarget(query({ target: 'coach', activityId: '', postcode: '3511 AB' }), signal());
    expect(coach.activity?.id).toBe(ACTIVITY.id);
    expect(coach.key?.kid).toBe(coachKey.kid);
    const unknown = await loadTarget(query({ target: 'coach', activityId: '', postcode: '' }), signal());
    expect([unknown.activity, unknown.key, api.keyRequests]).toEqual([null, null, 1]);
  });
});

describe('referral session: sealing', () => {
  it('with a key the body carries sealed and no patient, note or postcode; it opens to exactly what was typed', async () => {
    const target = await loadTarget(query({ target: 'coach', activityId: '', postcode: '3511 AB' }), signal());
    const body = await referralBody(draft(), { target: 'coach', postcode: '3511 AB' }, target);
    expect(Object.keys(body).sort()).toEqual(['activityId', 'consent', 'reasons', 'referrer', 'sealed', 'target']);
    expect(body.activityId).toBe(ACTIVITY.id);
    expect(createReferralSchema.safeParse(body).success).toBe(true);
    expect(JSON.stringify(body)).not.toContain('Zeldzaam');
    const opened = await openReferral(coachKey, body.sealed, publicPartOf(body, 'coach'));
    expect(opened).toEqual({ patient: { name: 'Truus Zeldzaam-Testnaam', contactPreference: 'phone', phone: '06 98765432' }, note: 'Woont sinds kort alleen.' });
    // Bound to the public part: other reasons do not open it.
    await expect(openReferral(coachKey, body.sealed, { ...publicPartOf(body, 'coach'), reasons: ['rouw'] })).rejects.toMatchObject({ code: 'tampered' });
  });

  it('without a key the body is the plaintext referral, as before', async () => {
    api.key = null;
    const target = await loadTarget(query(), signal());
    const body = await referralBody(draft(), { target: 'activity', activityId: ACTIVITY.id }, target);
    expect(body.sealed).toBeUndefined();
    expect(body.patient).toEqual({ name: 'Truus Zeldzaam-Testnaam', contactPreference: 'phone', phone: '06 98765432' });
    expect(body.note).toBe('Woont sinds kort alleen.');
  });

  it('a 409 stale-referral-key is sealed again to the key in the answer and sent once more', async () => {
    const target = await loadTarget(query(), signal());
    const rotated = await generateExtractableKeyPair();
    api.answers = [{ status: 409, body: { type: 'https://x/problems/stale-referral-key', title: 'Stale', status: 409, key: rotated.publicJwk } }];
    const where = { target: 'activity' as const, activityId: ACTIVITY.id };
    const body = await referralBody(draft(), where, target);
    const answer = await sendReferral(api.url, tokens, body, (key) => referralBody(draft(), where, target, key));
    expect(answer.referralId).toBe(created.referralId);
    expect(api.posts.map((p) => (p.body.sealed as { kid: string }).kid)).toEqual([coachKey.kid, rotated.kid]);
    const opened = await openReferral(rotated, api.posts[1]!.body.sealed, publicPartOf(api.posts[1]!.body));
    expect(opened.patient.name).toBe('Truus Zeldzaam-Testnaam');
  });

  it('re-seals only once: a second 409 is an error for the GP', async () => {
    const target = await loadTarget(query(), signal());
    const stale = async () => ({ status: 409, body: { type: 'stale-referral-key', title: 'Stale', status: 409, key: (await generateExtractableKeyPair()).publicJwk } });
    api.answers = [await stale(), await stale()];
    const where = { target: 'activity' as const, activityId: ACTIVITY.id };
    const err = await sendReferral(api.url, tokens, await referralBody(draft(), where, target), (key) => referralBody(draft(), where, target, key)).catch((e: unknown) => e);
    expect(api.posts).toHaveLength(2);
    const failure = failureOf(err, { draft: draft(), target, targetType: 'activity', t: referralNl, organisation: 'Welzijn Test' });
    expect(failure).toMatchObject({ kind: 'form', message: referralNl.otherError(409) });
  });

  it('a key that is not valid fails to seal: nothing is sent, the GP gets the contact details, no patient data in the problem', async () => {
    const target: ReferralTarget = { ...(await loadTarget(query(), signal())), key: { ...coachKey.publicJwk, kid: 'A'.repeat(43) } };
    const err = await referralBody(draft(), { target: 'activity', activityId: ACTIVITY.id }, target).catch((e: unknown) => e);
    const failure = failureOf(err, { draft: draft(), target, targetType: 'activity', t: referralNl, organisation: 'Welzijn Test' });
    expect(failure).toMatchObject({ kind: 'fallback', message: referralNl.fallbackSealing('Welzijn Test'), contact: { phone: '030 111 22 33' } });
    expect(failure.problem).toEqual({ type: 'sealing-failed', title: 'The referral could not be sealed', status: 0, detail: 'invalid_key' });
    expect(api.posts).toHaveLength(0);
  });
});

describe('referral session: sending and every answer', () => {
  it('after a 401 a host with getReferrerToken is asked once more for a token', async () => {
    api.key = null;
    const target = await loadTarget(query(), signal());
    const body = await referralBody(draft(), { target: 'activity', activityId: ACTIVITY.id }, target);
    let n = 0;
    api.answers = [{ status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401 } }];
    await sendReferral(api.url, { referrerToken: '', getReferrerToken: () => `fresh-${++n}` }, body, async () => body);
    expect(api.posts.map((p) => p.authorization)).toEqual(['Bearer fresh-1', 'Bearer fresh-2']);
    api.answers = [{ status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401 } }];
    const err = await sendReferral(api.url, tokens, body, async () => body).catch((e: unknown) => e);
    expect(failureOf(err, { draft: draft(), target, targetType: 'activity', t: referralNl, organisation: 'x' })).toMatchObject({ kind: 'form', message: referralNl.notSigned });
    const none = await sendReferral(api.url, { referrerToken: ' ', getReferrerToken: null }, body, async () => body).catch((e: unknown) => e);
    expect(problemOf(none)).toMatchObject({ type: 'no-referrer-token', status: 401 });
  });

  const cases: [string, Answer, (f: ReturnType<typeof failureOf>) => void][] = [
    ['422 no electronic intake', { status: 422, body: { type: 'x/no-electronic-intake', title: 'No', status: 422, contact: { phone: '1', email: null, intakeEmail: null, website: null } } }, (f) => expect(f).toMatchObject({ kind: 'fallback', message: referralNl.fallbackNoIntake('Org'), contact: { phone: '1' } })],
    ['422 no referral key', { status: 422, body: { type: 'x/no-referral-key', title: 'No key', status: 422 } }, (f) => expect(f).toMatchObject({ kind: 'fallback', message: referralNl.fallbackNoIntake('Org'), contact: { phone: ACTIVITY.phone } })],
    ['422 not accepting', { status: 422, body: { type: 'x/not-accepting-referrals', title: 'No', status: 422 } }, (f) => expect(f).toMatchObject({ kind: 'fallback', message: referralNl.fallbackNotAccepting('Org') })],
    ['502 delivery failed', { status: 502, body: { type: 'x/delivery-failed', title: 'Bad gateway', status: 502 } }, (f) => expect(f).toMatchObject({ kind: 'fallback', message: referralNl.fallbackFailed('Org') })],
    ['400 at fields', { status: 400, body: { type: 'x/invalid-referral', title: 'Bad', status: 400, errors: [{ parameter: 'patient.phone', pointer: '/patient/phone', message: 'no' }, { parameter: 'x', pointer: '/unknown', message: 'no' }] } }, (f) => expect(f).toMatchObject({ kind: 'fields', errors: { phone: 'server' } })],
    ['400 without fields', { status: 400, body: { type: 'x/invalid', title: 'Bad', status: 400 } }, (f) => expect(f).toMatchObject({ kind: 'form', message: referralNl.otherError(400) })],
    ['404', { status: 404, body: { type: 'x/not-found', title: 'Not found', status: 404 } }, (f) => expect(f).toMatchObject({ kind: 'form', message: referralNl.notFound })],
    ['429', { status: 429, body: { type: 'x/rate-limited', title: 'Slow down', status: 429 } }, (f) => expect(f).toMatchObject({ kind: 'form', message: referralNl.rateLimited })],
    ['500 without problem+json', { status: 500, body: 'oops' }, (f) => expect(f).toMatchObject({ kind: 'form', message: referralNl.otherError(500), problem: { type: 'about:blank', status: 500 } })],
  ];
  for (const [name, answer, check] of cases) {
    it(`maps ${name} to what the GP reads`, async () => {
      api.key = null;
      const target = await loadTarget(query(), signal());
      const body = await referralBody(draft(), { target: 'activity', activityId: ACTIVITY.id }, target);
      api.answers = [answer];
      const err = await sendReferral(api.url, tokens, body, async () => body).catch((e: unknown) => e);
      check(failureOf(err, { draft: draft(), target, targetType: 'activity', t: referralNl, organisation: 'Org' }));
    });
  }

  it('maps an API that cannot be reached to the network fallback', async () => {
    const dead = api.url.replace(/:\d+\//, ':9/');
    const err = await sendReferral(dead, tokens, { target: 'activity', activityId: 'a', reasons: ['eenzaamheid'], consent: true }, async () => {
      throw new Error('not called');
    }).catch((e: unknown) => e);
    const failure = failureOf(err, { draft: draft(), target: null, targetType: 'activity', t: referralNl, organisation: 'Org' });
    expect(failure).toMatchObject({ kind: 'fallback', message: referralNl.fallbackNetwork, contact: null, problem: { type: 'network-error', status: 0 } });
  });
});
