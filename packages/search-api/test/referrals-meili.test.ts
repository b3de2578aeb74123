// The Meilisearch-backed lookups against a real Meilisearch with the real index settings.
import { Hono } from 'hono';
import { createActivityIndex, waitForTask } from '@sociale-kaart/meili';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsApp } from '../src/referrals/app.js';
import { createMeiliReferralLookup } from '../src/referrals/lookup.js';
import { createMeiliBackend } from '../src/backend.js';
import { staticRoutes } from '../src/referrals/routes.js';
import { MemoryReferralStore } from '../src/referrals/store.js';
import { SECRET_A, activity, captureLogger, listen, postJson, referralBody, trustedReferrer, type Listening } from './referrals/helpers.js';

const meili = useMeilisearch();
let intake: Listening;
let backend: ReturnType<typeof createMeiliBackend>;
const hits: string[] = [];

const utrecht = { location: { name: null, street: null, postcode: '3511 AB', city: 'Utrecht', gemeente: 'Utrecht' }, gemeente: 'Utrecht', _geo: { lat: 52.0884, lng: 5.1175 } };
const zeist = { location: { name: null, street: null, postcode: '3701 AA', city: 'Zeist', gemeente: 'Zeist' }, gemeente: 'Zeist', _geo: { lat: 52.0864, lng: 5.244 } };

beforeAll(async () => {
  const app = new Hono();
  app.post('/referrals', async (c) => {
    hits.push(await c.req.text());
    return c.json({ ok: true }, 202);
  });
  intake = await listen(app.fetch);
  const intakeUrl = `${intake.url}/referrals`;
  await createActivityIndex(meili.client, 'activities');
  const docs = [
    activity({ id: 'koffie-utrecht', title: 'Koffieochtend', ...utrecht, intake: { url: intakeUrl, email: null } }),
    activity({ id: 'coach-utrecht', title: 'Welzijnscoach Utrecht', isWelzijnscoach: true, ...utrecht, intake: { url: intakeUrl, email: null } }),
    activity({ id: 'coach-zeist', title: 'Welzijnscoach Zeist', isWelzijnscoach: true, organization: { id: 'org-zeist', name: 'Welzijn Zeist' }, ...zeist }),
    // Nearer to Zeist's centre than Zeist's own coach, but inactive: never chosen.
    activity({ id: 'coach-zeist-old', title: 'Oude coach', isWelzijnscoach: true, status: 'inactive', ...zeist, _geo: { lat: 52.0865, lng: 5.2441 } }),
  ];
  await waitForTask(meili.client, await meili.client.index('activities').addDocuments(docs));
  backend = createMeiliBackend({ url: meili.url, apiKey: meili.masterKey, index: 'activities', timeoutMs: 2000 });
});
afterAll(async () => {
  backend?.close();
  await intake?.close();
});

describe('createMeiliReferralLookup', () => {
  it('looks activities up by id', async () => {
    const lookup = createMeiliReferralLookup(backend);
    expect((await lookup.lookupActivity('koffie-utrecht'))?.title).toBe('Koffieochtend');
    expect(await lookup.lookupActivity('does-not-exist')).toBeNull();
    expect(await lookup.lookupActivity('bad id"')).toBeNull();
  });

  it('finds the welzijnscoach of the postcode\'s place, else the nearest within range', async () => {
    const lookup = createMeiliReferralLookup(backend);
    expect((await lookup.findWelzijnscoach('3512 AB'))?.id).toBe('coach-utrecht');
    expect((await lookup.findWelzijnscoach('3701'))?.id).toBe('coach-zeist');
    // Vleuten (gemeente Utrecht, place "Vleuten"): the nearest coach.
    expect((await lookup.findWelzijnscoach('3451'))?.id).toBe('coach-utrecht');
    const found = await lookup.findWelzijnscoach('3512');
    expect(found).not.toHaveProperty('_geoDistance');
    // Amsterdam is far from both.
    expect(await lookup.findWelzijnscoach('1011')).toBeNull();
    expect(await lookup.findWelzijnscoach('9999')).toBeNull();
  });

  it('drives the relay: a coach referral by postcode reaches the coach\'s intake', async () => {
    const referrer = await trustedReferrer('http://api.test');
    const referrals = createReferralsApp({
      ...createMeiliReferralLookup(backend),
      store: new MemoryReferralStore(),
      routes: staticRoutes(new Map([['org-a', { secret: SECRET_A, intakeUrl: `${intake.url}/referrals` }]])),
      referrers: referrer.verifier,
      allowPrivateIntake: true,
      publicBaseUrl: 'http://api.test',
      logger: captureLogger(),
    });
    const res = await referrals.request('/', postJson(referralBody({ target: 'coach', activityId: undefined, postcode: '3581' }), await referrer.authorization()));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ target: { type: 'coach', activityId: 'coach-utrecht', title: 'Welzijnscoach Utrecht' } });
    expect(JSON.parse(hits.at(-1)!)).toMatchObject({ targetType: 'coach', activity: { id: 'coach-utrecht' } });
    // Zeist's coach (org-zeist) has no operator route: the fallback names its phone number.
    const zeistRes = await referrals.request('/', postJson(referralBody({ target: 'coach', activityId: undefined, postcode: '3701 AA' }), await referrer.authorization()));
    expect(zeistRes.status).toBe(422);
    expect(await zeistRes.json()).toMatchObject({ type: 'http://api.test/problems/no-electronic-intake', contact: { phone: '030 123 4567' } });
  });
});
