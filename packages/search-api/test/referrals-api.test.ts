import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsApp, type ReferralsDeps } from '../src/referrals/app.js';
import { createArrayReferralLookup } from '../src/referrals/lookup.js';
import { signBody } from '../src/referrals/signature.js';
import { MemoryReferralStore } from '../src/referrals/store.js';
import { staticRoutes, type IntakeRoute } from '../src/referrals/routes.js';
import { SECRET_A, SECRET_B, activity, captureLogger, listen, postJson, referralBody, trustedReferrer, type Listening } from './referrals/helpers.js';

const servers: Listening[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A real intake on loopback that answers with the given statuses in turn (the last one repeats). */
async function scriptedIntake(script: Array<number | 'hang'>) {
  const hits: Array<{ headers: Record<string, string>; body: string }> = [];
  const app = new Hono();
  app.post('/referrals', async (c) => {
    hits.push({ headers: Object.fromEntries(c.req.raw.headers), body: await c.req.text() });
    const step = script[Math.min(hits.length - 1, script.length - 1)]!;
    if (step === 'hang') {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return c.json({ late: true }, 202);
    }
    return c.json({ step }, step as 200);
  });
  const server = await listen(app.fetch);
  servers.push(server);
  return { url: `${server.url}/referrals`, hits };
}

const AUDIENCE = 'http://api.test';
const PROBLEMS = `${AUDIENCE}/problems`;
let referrer: Awaited<ReturnType<typeof trustedReferrer>>;
beforeAll(async () => {
  referrer = await trustedReferrer(AUDIENCE);
});

/**
 * The relay on its own, mounted at /v1/referrals. `intakeUrl` is the operator's route for
 * org-a (null: no route); the feed's own intake URL points elsewhere and must never be used.
 * `request` signs POST / with a valid referrer token unless the test sets Authorization itself.
 */
function setup(options: { intakeUrl?: string | null; routes?: Record<string, IntakeRoute>; deps?: Partial<ReferralsDeps>; extra?: ReturnType<typeof activity>[] } = {}) {
  const act = activity({ id: 'act-1', intake: { url: 'http://127.0.0.1:9/feed-intake', email: 'intake@welzijn-a.example' } });
  const activities = [act, ...(options.extra ?? [])];
  const store = new MemoryReferralStore();
  const logger = captureLogger();
  const intakeUrl = options.intakeUrl === undefined ? 'http://127.0.0.1:9/referrals' : options.intakeUrl;
  const routes = options.routes ?? (intakeUrl === null ? {} : { 'org-a': { secret: SECRET_A, intakeUrl } });
  const sleeps: number[] = [];
  const referrals = createReferralsApp({
    ...createArrayReferralLookup(activities),
    store,
    routes: staticRoutes(new Map(Object.entries(routes))),
    referrers: referrer.verifier,
    allowPrivateIntake: true,
    publicBaseUrl: 'http://api.test/',
    logger,
    delivery: { attempts: 3, baseDelayMs: 10, maxDelayMs: 40, timeoutMs: 300 },
    sleep: async (ms) => {
      sleeps.push(ms);
      await new Promise((r) => setTimeout(r, ms));
    },
    rateLimit: { create: false, status: false },
    ...options.deps,
  });
  const parent = new OpenAPIHono();
  parent.route('/v1/referrals', referrals);
  const raw = (path: string, init?: RequestInit) => parent.request(`/v1/referrals${path === '/' ? '' : path}`, init);
  const request = async (path: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (path === '/' && init?.method === 'POST' && !headers.has('authorization')) {
      for (const [k, v] of Object.entries(await referrer.authorization())) headers.set(k, v);
    }
    return raw(path, { ...init, headers });
  };
  return { parent, store, logger, request, raw, sleeps, activity: act };
}

async function createReferral(ctx: ReturnType<typeof setup>, body = referralBody()) {
  const res = await ctx.request('/', postJson(body));
  expect(res.status).toBe(202);
  return (await res.json()) as { referralId: string; statusUrl: string; token: string; status: string; target: Record<string, unknown> };
}

function signedStatus(body: unknown, { secret = SECRET_A, at = new Date() }: { secret?: string; at?: Date } = {}) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(at.getTime() / 1000);
  return postJson(raw, { 'X-SK-Timestamp': String(ts), 'X-SK-Signature': signBody(secret, raw, ts) });
}

const patient = (p: Record<string, unknown>) => ({ patient: { name: 'J. Jansen', contactPreference: 'phone', phone: '06 1234 5678', ...p } });

describe('POST /v1/referrals validation', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['an unknown target', { target: 'hospital' }, ['target']],
    ['target activity without activityId', { activityId: undefined }, ['activityId']],
    ['an activityId with unsafe characters', { activityId: 'a b"c' }, ['activityId']],
    ['target coach without postcode', { target: 'coach', activityId: undefined }, ['postcode']],
    ['a postcode that is not Dutch', { target: 'coach', postcode: 'SW1A 1AA' }, ['postcode']],
    ['no reasons', { reasons: [] }, ['reasons']],
    ['an unknown reason', { reasons: ['eenzaamheid', 'diabetes'] }, ['reasons.1']],
    ['a note over 1000 characters', { note: 'x'.repeat(1001) }, ['note']],
    ['no patient', { patient: undefined }, ['patient']],
    ['an empty patient name', patient({ name: ' ' }), ['patient.name']],
    ['a patient name over 200 characters', patient({ name: 'n'.repeat(201) }), ['patient.name']],
    ['an unknown contact preference', patient({ contactPreference: 'fax' }), ['patient.contactPreference']],
    ['preference phone without phone', patient({ phone: undefined }), ['patient.phone']],
    ['preference email without email', patient({ contactPreference: 'email' }), ['patient.email']],
    ['preference letter without address', patient({ contactPreference: 'letter' }), ['patient.address']],
    ['a malformed e-mail', patient({ contactPreference: 'email', email: 'not-an-email' }), ['patient.email']],
    ['a malformed phone number', patient({ phone: 'call me' }), ['patient.phone']],
    ['consent false', { consent: false }, ['consent']],
    ['consent missing', { consent: undefined }, ['consent']],
    ['consent as a string', { consent: 'true' }, ['consent']],
    ['an unknown top-level field', { diagnosis: 'depressie' }, ['diagnosis']],
    ['an unknown patient field', patient({ bsn: '123456782' }), ['patient.bsn']],
    ['an unknown referrer field', { referrer: { agb: 1 } }, ['referrer.agb']],
    ['a referrer name over 200 characters', { referrer: { name: 'r'.repeat(201) } }, ['referrer.name']],
    ['several problems at once', { consent: false, note: 'x'.repeat(1001), ...patient({ phone: undefined }) }, ['consent', 'note', 'patient.phone']],
  ];

  it.each(cases)('names the field for %s', async (_what, overrides, fields) => {
    const intake = await scriptedIntake([202]);
    const ctx = setup({ intakeUrl: intake.url });
    const res = await ctx.request('/', postJson(referralBody(overrides)));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const problem = (await res.json()) as { type: string; status: number; errors: Array<{ parameter: string; pointer: string }> };
    expect(problem.status).toBe(400);
    expect(problem.type).toBe(`${PROBLEMS}/invalid-referral`);
    expect(problem.errors.map((e) => e.parameter).sort()).toEqual([...fields].sort());
    for (const e of problem.errors) expect(e.pointer).toBe(`/${e.parameter.replaceAll('.', '/')}`);
    expect(intake.hits).toHaveLength(0);
  });

  it('answers malformed JSON, a missing body and a wrong media type with problem+json', async () => {
    const ctx = setup();
    const malformed = await ctx.request('/', postJson('{"target":'));
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const empty = await ctx.request('/', { method: 'POST' });
    expect(empty.status).toBe(400);
    const form = await ctx.request('/', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hallo' });
    expect(form.status).toBe(415);
    expect(form.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const array = await ctx.request('/', postJson([]));
    expect(array.status).toBe(400);
  });

  it('refuses a body over 32 KiB with 413', async () => {
    const ctx = setup();
    const res = await ctx.request('/', postJson(referralBody({ note: 'x'.repeat(40_000) })));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('POST /v1/referrals targets', () => {
  it('answers 404 for an activity that does not exist', async () => {
    const ctx = setup();
    const res = await ctx.request('/', postJson(referralBody({ activityId: 'missing' })));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: `${PROBLEMS}/activity-not-found`, status: 404 });
  });

  it('answers 404 when no welzijnscoach is known for the postcode', async () => {
    const ctx = setup();
    const res = await ctx.request('/', postJson(referralBody({ target: 'coach', activityId: undefined, postcode: '1011 AB' })));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: `${PROBLEMS}/no-welzijnscoach` });
  });

  it.each([
    ['does not accept Welzijn op Recept', { acceptsWelzijnOpRecept: false }],
    ['is inactive', { status: 'inactive' as const }],
    ['is temporarily closed', { status: 'temporarily_closed' as const }],
  ])('answers 422 when the activity %s', async (_what, overrides) => {
    const intake = await scriptedIntake([202]);
    const ctx = setup({ extra: [activity({ id: 'act-x', intake: { url: intake.url, email: null }, ...overrides })] });
    const res = await ctx.request('/', postJson(referralBody({ activityId: 'act-x' })));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ type: `${PROBLEMS}/not-accepting-referrals`, contact: { phone: '030 123 4567' } });
    expect(intake.hits).toHaveLength(0);
  });

  it.each([
    ['no operator route (whatever intake URL its feed names)', { intakeUrl: null }],
    ['a route for another organisation only', { routes: { 'org-other': { secret: SECRET_B, intakeUrl: 'http://127.0.0.1:9/referrals' } } }],
  ])('answers 422 no-electronic-intake with the provider\'s contact details for %s', async (_what, options) => {
    const ctx = setup(options);
    const res = await ctx.request('/', postJson(referralBody()));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      type: `${PROBLEMS}/no-electronic-intake`,
      status: 422,
      target: { type: 'activity', activityId: 'act-1', organizationId: 'org-a', organizationName: 'Welzijn A' },
      contact: { phone: '030 123 4567', email: 'info@welzijn-a.example', intakeEmail: 'intake@welzijn-a.example' },
    });
    expect(await ctx.store.get('anything')).toBeUndefined();
  });
});

describe('POST /v1/referrals delivery', () => {
  it('delivers to the operator-configured intake route, never to the feed\'s URL', async () => {
    const intake = await scriptedIntake([202]);
    const feedIntake = await scriptedIntake([202]);
    const ctx = setup({ intakeUrl: intake.url, extra: [activity({ id: 'act-feed', intake: { url: feedIntake.url, email: null } })] });
    const res = await ctx.request('/', postJson(referralBody({ activityId: 'act-feed' })));
    expect(res.status).toBe(202);
    expect(intake.hits).toHaveLength(1);
    expect(feedIntake.hits).toHaveLength(0);
    expect(intake.hits[0]!.headers['x-sk-signature']).toBe(signBody(SECRET_A, intake.hits[0]!.body, intake.hits[0]!.headers['x-sk-timestamp']!));
  });

  it('delivers a signed referral and answers 202 with a status URL carrying a token', async () => {
    const intake = await scriptedIntake([202]);
    const ctx = setup({ intakeUrl: intake.url });
    const res = await ctx.request('/', postJson(referralBody({ reasons: ['eenzaamheid', 'rouw', 'eenzaamheid'] })));
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as { referralId: string; statusUrl: string; token: string };
    expect(created).toMatchObject({ status: 'sent', target: { type: 'activity', activityId: 'act-1', title: ctx.activity.title, organizationName: 'Welzijn A' } });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.statusUrl).toBe(`http://api.test/v1/referrals/${created.referralId}?token=${created.token}`);

    expect(intake.hits).toHaveLength(1);
    const hit = intake.hits[0]!;
    const ts = hit.headers['x-sk-timestamp']!;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(10);
    expect(hit.headers['x-sk-signature']).toBe(signBody(SECRET_A, hit.body, ts));
    expect(hit.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hit.body)).toEqual({
      referralId: created.referralId,
      createdAt: expect.any(String),
      targetType: 'activity',
      activity: { id: 'act-1', title: ctx.activity.title },
      organization: { id: 'org-a', name: 'Welzijn A' },
      reasons: [
        { key: 'eenzaamheid', label: 'Eenzaamheid' },
        { key: 'rouw', label: 'Rouw en verlies' },
      ],
      note: 'Komt weinig buiten.',
      patient: { name: 'J. Jansen', contactPreference: 'phone', phone: '06 1234 5678' },
      referrer: { name: 'Dr. Huisarts', practice: 'Praktijk Centrum' },
      statusUrl: `http://api.test/v1/referrals/${created.referralId}/status`,
    });
    const stored = await ctx.store.get(created.referralId);
    expect(stored).toMatchObject({ status: 'sent', activityId: 'act-1', organizationId: 'org-a', targetType: 'activity' });
    expect(stored!.tokenHash).not.toContain(created.token);
    expect(ctx.logger.lines.some((l) => l.includes('"event":"referral.sent"'))).toBe(true);
  });

  it('retries a receiver that fails twice with 503, then delivers', async () => {
    const intake = await scriptedIntake([503, 503, 202]);
    const ctx = setup({ intakeUrl: intake.url });
    const created = await createReferral(ctx);
    expect(intake.hits).toHaveLength(3);
    expect(new Set(intake.hits.map((h) => JSON.parse(h.body).referralId))).toEqual(new Set([created.referralId]));
    // Exponential with jitter: 50–100 % of 10 ms, then of 20 ms.
    expect(ctx.sleeps).toHaveLength(2);
    expect(ctx.sleeps[0]).toBeGreaterThanOrEqual(5);
    expect(ctx.sleeps[0]).toBeLessThanOrEqual(10);
    expect(ctx.sleeps[1]).toBeGreaterThanOrEqual(10);
    expect(ctx.sleeps[1]).toBeLessThanOrEqual(20);
  });

  it('retries a timeout', async () => {
    const intake = await scriptedIntake(['hang', 202]);
    const ctx = setup({ intakeUrl: intake.url });
    await createReferral(ctx);
    expect(intake.hits).toHaveLength(2);
  });

  it('gives up after the bounded attempts with 502 and records delivery_failed', async () => {
    const intake = await scriptedIntake([503]);
    const ctx = setup({ intakeUrl: intake.url });
    const res = await ctx.request('/', postJson(referralBody()));
    expect(res.status).toBe(502);
    expect(intake.hits).toHaveLength(3);
    const problem = (await res.json()) as { type: string; referralId: string; contact: { phone: string } };
    expect(problem).toMatchObject({ type: `${PROBLEMS}/delivery-failed`, contact: { phone: '030 123 4567' } });
    // The caller learns that delivery failed, not what the target answered.
    expect(JSON.stringify(problem)).not.toMatch(/503|HTTP|answered|127\.0\.0\.1/);
    expect((await ctx.store.get(problem.referralId))!.status).toBe('delivery_failed');
    expect(ctx.logger.lines.some((l) => l.includes('referral.delivery_failed') && l.includes('"attempts":3'))).toBe(true);
  });

  it('does not retry a 4xx', async () => {
    const intake = await scriptedIntake([400, 202]);
    const ctx = setup({ intakeUrl: intake.url });
    const res = await ctx.request('/', postJson(referralBody()));
    expect(res.status).toBe(502);
    expect(intake.hits).toHaveLength(1);
  });

  it('does not follow a redirect with the signed body', async () => {
    const target = await scriptedIntake([202]);
    const app = new Hono();
    app.post('/referrals', (c) => c.redirect(target.url, 307));
    const redirecting = await listen(app.fetch);
    servers.push(redirecting);
    const ctx = setup({ intakeUrl: `${redirecting.url}/referrals` });
    const res = await ctx.request('/', postJson(referralBody()));
    expect(res.status).toBe(502);
    expect(target.hits).toHaveLength(0);
  });

  it('reports an unreachable intake as 502 after retrying', async () => {
    const gone = await listen(new Hono().fetch);
    await gone.close();
    const ctx = setup({ intakeUrl: `${gone.url}/referrals` });
    const res = await ctx.request('/', postJson(referralBody()));
    expect(res.status).toBe(502);
    expect(ctx.sleeps).toHaveLength(2);
  });
});

describe('POST /v1/referrals/{id}/status', () => {
  async function withReferral() {
    const intake = await scriptedIntake([202]);
    const ctx = setup({ routes: { 'org-a': { secret: SECRET_A, intakeUrl: intake.url }, 'org-b': { secret: SECRET_B, intakeUrl: intake.url } } });
    const created = await createReferral(ctx);
    return { ctx, created };
  }

  it('records a signed status and shows it to the GP', async () => {
    const { ctx, created } = await withReferral();
    const res = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'contacted', reason: 'Gebeld, afspraak dinsdag' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ referralId: created.referralId, status: 'contacted' });
    const view = await ctx.request(`/${created.referralId}?token=${created.token}`);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({
      status: 'contacted',
      history: [{ status: 'sent' }, { status: 'contacted', reason: 'Gebeld, afspraak dinsdag' }],
    });
  });

  it('refuses a wrong secret (another organisation\'s) with 401', async () => {
    const { ctx, created } = await withReferral();
    const res = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'closed' }, { secret: SECRET_B }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ type: `${PROBLEMS}/invalid-signature` });
    expect((await ctx.store.get(created.referralId))!.status).toBe('sent');
  });

  it('refuses missing signature headers with 401', async () => {
    const { ctx, created } = await withReferral();
    const res = await ctx.request(`/${created.referralId}/status`, postJson({ status: 'closed' }));
    expect(res.status).toBe(401);
  });

  it('refuses a timestamp older than 5 minutes, or more than a minute ahead, with 401', async () => {
    const { ctx, created } = await withReferral();
    const old = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'closed' }, { at: new Date(Date.now() - 301_000) }));
    expect(old.status).toBe(401);
    expect(await old.json()).toMatchObject({ type: `${PROBLEMS}/signature-expired` });
    const future = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'closed' }, { at: new Date(Date.now() + 120_000) }));
    expect(future.status).toBe(401);
    const fine = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'closed' }, { at: new Date(Date.now() - 240_000) }));
    expect(fine.status).toBe(200);
  });

  it('refuses a replayed signature with 409', async () => {
    const { ctx, created } = await withReferral();
    const init = signedStatus({ status: 'received' });
    expect((await ctx.request(`/${created.referralId}/status`, init)).status).toBe(200);
    const replay = await ctx.request(`/${created.referralId}/status`, init);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ type: `${PROBLEMS}/replayed-signature` });
    expect((await ctx.store.get(created.referralId))!.history.filter((e) => e.status === 'received')).toHaveLength(1);
  });

  it('checks the signature over the raw bytes, not a re-serialised body', async () => {
    const { ctx, created } = await withReferral();
    const raw = '{ "status" : "started" }';
    const ts = Math.floor(Date.now() / 1000);
    const res = await ctx.request(`/${created.referralId}/status`, postJson(raw, { 'X-SK-Timestamp': String(ts), 'X-SK-Signature': signBody(SECRET_A, raw, ts) }));
    expect(res.status).toBe(200);
    const tampered = await ctx.request(`/${created.referralId}/status`, postJson('{"status":"declined"}', { 'X-SK-Timestamp': String(ts), 'X-SK-Signature': signBody(SECRET_A, raw, ts) }));
    expect(tampered.status).toBe(401);
  });

  it('answers 404 for an unknown referral', async () => {
    const { ctx } = await withReferral();
    expect((await ctx.request('/0b6f3c1e-7d7a-4c1e-9a57-6a0c2f4f1b2d/status', signedStatus({ status: 'received' }))).status).toBe(404);
    expect((await ctx.request('/not-a-uuid/status', signedStatus({ status: 'received' }))).status).toBe(404);
  });

  it('validates the status body after the signature', async () => {
    const { ctx, created } = await withReferral();
    const bad = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'cured' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ parameter: 'status' }] });
    const long = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'declined', reason: 'r'.repeat(501) }));
    expect(long.status).toBe(400);
    const extra = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'declined', patient: 'x' }));
    expect(extra.status).toBe(400);
    const other = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'declined', referralId: '0b6f3c1e-7d7a-4c1e-9a57-6a0c2f4f1b2d' }));
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ errors: [{ parameter: 'referralId' }] });
    const bound = await ctx.request(`/${created.referralId}/status`, signedStatus({ status: 'declined', referralId: created.referralId }));
    expect(bound.status).toBe(200);
  });

  it('keeps the provider\'s status when it arrives before the delivery is answered', async () => {
    const store = new MemoryReferralStore();
    let referrals: ReturnType<typeof createReferralsApp> | undefined;
    const intakeApp = new Hono();
    intakeApp.post('/referrals', async (c) => {
      const { referralId } = (await c.req.json()) as { referralId: string };
      const res = await referrals!.request(`/${referralId}/status`, signedStatus({ status: 'received' }));
      return c.json({ statusPosted: res.status }, 202);
    });
    const intake = await listen(intakeApp.fetch);
    servers.push(intake);
    const act = activity({ id: 'act-1', intake: { url: `${intake.url}/referrals`, email: null } });
    referrals = createReferralsApp({
      ...createArrayReferralLookup([act]),
      store,
      routes: { routeFor: () => ({ secret: SECRET_A, intakeUrl: `${intake.url}/referrals` }) },
      referrers: referrer.verifier,
      allowPrivateIntake: true,
      publicBaseUrl: 'http://api.test',
      logger: captureLogger(),
    });
    const res = await referrals.request('/', postJson(referralBody(), await referrer.authorization()));
    expect(res.status).toBe(202);
    const { referralId } = (await res.json()) as { referralId: string };
    const stored = (await store.get(referralId))!;
    expect(stored.history.map((e) => e.status)).toEqual(['received', 'sent']);
    expect(stored.status).toBe('received');
  });
});

describe('GET /v1/referrals/{id}', () => {
  it('needs the token, and does not tell a wrong token from an unknown referral', async () => {
    const intake = await scriptedIntake([202]);
    const ctx = setup({ intakeUrl: intake.url });
    const created = await createReferral(ctx);
    const ok = await ctx.request(`/${created.referralId}?token=${created.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const view = await ok.json();
    expect(view).toEqual({
      referralId: created.referralId,
      status: 'sent',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      history: [{ status: 'sent', at: expect.any(String) }],
      target: { type: 'activity', activityId: 'act-1', title: ctx.activity.title, organizationId: 'org-a', organizationName: 'Welzijn A' },
    });

    const missing = await ctx.request(`/${created.referralId}`);
    const wrong = await ctx.request(`/${created.referralId}?token=${created.token.slice(0, -1)}${created.token.endsWith('A') ? 'B' : 'A'}`);
    const unknown = await ctx.request(`/0b6f3c1e-7d7a-4c1e-9a57-6a0c2f4f1b2d?token=${created.token}`);
    const junk = await ctx.request(`/..%2F..?token=x`);
    for (const res of [missing, wrong, unknown, junk]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const bodies = await Promise.all([missing, wrong, unknown].map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client\'s bucket is empty', async () => {
    const ctx = setup({ deps: { rateLimit: { create: { capacity: 2, refillPerSecond: 0.1 }, status: false } } });
    const send = () => ctx.request('/', postJson({}));
    expect((await send()).status).toBe(400);
    expect((await send()).status).toBe(400);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(limited.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps separate buckets per client key and refills over time', async () => {
    let now = new Date('2026-03-01T12:00:00Z');
    let client = 'a';
    const ctx = setup({ deps: { clock: () => now, clientKey: () => client, rateLimit: { create: { capacity: 1, refillPerSecond: 1 }, status: false } } });
    const send = () => ctx.request('/', postJson({}));
    expect((await send()).status).toBe(400);
    expect((await send()).status).toBe(429);
    client = 'b';
    expect((await send()).status).toBe(400);
    client = 'a';
    now = new Date('2026-03-01T12:00:01Z');
    expect((await send()).status).toBe(400);
  });

  it('limits provider status posts too', async () => {
    const ctx = setup({ deps: { rateLimit: { create: false, status: { capacity: 1, refillPerSecond: 0.5 } } } });
    expect((await ctx.request('/0b6f3c1e-7d7a-4c1e-9a57-6a0c2f4f1b2d/status', signedStatus({ status: 'received' }))).status).toBe(404);
    const limited = await ctx.request('/0b6f3c1e-7d7a-4c1e-9a57-6a0c2f4f1b2d/status', signedStatus({ status: 'received' }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
  });
});

describe('OpenAPI', () => {
  it('publishes the three routes with their schemas under the mount path', () => {
    const { parent } = setup();
    const doc = parent.getOpenAPIDocument({ openapi: '3.0.0', info: { title: 't', version: '1' } });
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/referrals', '/v1/referrals/{id}', '/v1/referrals/{id}/status']);
    expect(doc.paths['/v1/referrals']!.post!.responses).toHaveProperty('422');
    expect(doc.components!.schemas).toHaveProperty('ReferralRequest');
    expect(doc.components!.schemas).toHaveProperty('ReferralStatusUpdate');
    const request = doc.components!.schemas!.ReferralRequest as { properties: Record<string, unknown>; additionalProperties?: boolean };
    expect(Object.keys(request.properties)).toEqual(expect.arrayContaining(['target', 'activityId', 'postcode', 'reasons', 'note', 'patient', 'consent', 'referrer']));
  });
});
