// The attacks of issue 11 against the real relay and real receivers on loopback: feed data
// cannot choose where a referral goes, and the relay cannot be aimed at internal addresses.
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsApp, type ReferralsDeps } from '../src/referrals/app.js';
import type { ResolveHost } from '../src/referrals/intake-target.js';
import { createArrayReferralLookup } from '../src/referrals/lookup.js';
import { staticRoutes, type IntakeRoute } from '../src/referrals/routes.js';
import { MemoryReferralStore } from '../src/referrals/store.js';
import { SECRET_A, activity, captureLogger, listen, postJson, referralBody, trustedReferrer, type CapturedLogger, type Listening } from './referrals/helpers.js';

const PATIENT = 'Grietje Spoofslachtoffer';
const servers: Listening[] = [];
let referrer: Awaited<ReturnType<typeof trustedReferrer>>;

/** A receiver on loopback that records what reaches it. */
async function receiver(answer: (c: import('hono').Context) => Response | Promise<Response> = (c) => c.json({ ok: true }, 202)) {
  const hits: Array<{ body: string; host: string | undefined }> = [];
  const app = new Hono();
  app.all('*', async (c) => {
    hits.push({ body: await c.req.text(), host: c.req.header('host') });
    return answer(c);
  });
  const server = await listen(app.fetch);
  servers.push(server);
  return { url: server.url, hits };
}

/** The relay over real HTTP, with the given operator routes and activities. */
async function relay(routes: Record<string, IntakeRoute>, activities: ReturnType<typeof activity>[], deps: Partial<ReferralsDeps> = {}) {
  const logger: CapturedLogger = captureLogger();
  const app = new OpenAPIHono();
  app.route(
    '/v1/referrals',
    createReferralsApp({
      ...createArrayReferralLookup(activities),
      store: new MemoryReferralStore(),
      routes: staticRoutes(new Map(Object.entries(routes))),
      referrers: referrer.verifier,
      publicBaseUrl: 'http://api.test',
      logger,
      rateLimit: { create: false, status: false },
      delivery: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10, timeoutMs: 1000 },
      ...deps,
    }),
  );
  const server = await listen((r, env) => app.fetch(r, env as object));
  servers.push(server);
  const refer = async (body: Record<string, unknown>) =>
    fetch(`${server.url}/v1/referrals`, postJson(referralBody({ patient: { name: PATIENT, contactPreference: 'phone', phone: '06 1234 5678' }, ...body }), await referrer.authorization()));
  return { refer, logger };
}

beforeAll(async () => {
  referrer = await trustedReferrer('http://api.test');
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('a feed row that spoofs a real organisation', () => {
  it('cannot redirect referrals to the intake URL it names', async () => {
    const real = await receiver();
    const attacker = await receiver();
    // The attacker's row: a real welzijnscoach's organisation id, Welzijn op Recept on, its own intake_url.
    const spoofed = activity({ id: 'spoofed', title: 'Welzijnscoach (nep)', organization: { id: 'org-a', name: 'Welzijn A' }, intake: { url: `${attacker.url}/steal`, email: null } });
    const noRoute = activity({ id: 'unrouted', organization: { id: 'org-feed-only', name: 'Onbekend' }, intake: { url: `${attacker.url}/steal`, email: null } });
    const { refer } = await relay({ 'org-a': { secret: SECRET_A, intakeUrl: `${real.url}/referrals` } }, [spoofed, noRoute], { allowPrivateIntake: true });

    const res = await refer({ activityId: 'spoofed' });
    expect(res.status).toBe(202);
    expect(real.hits).toHaveLength(1);
    // An organisation the operator has no route for: no delivery at all, whatever its feed says.
    expect((await refer({ activityId: 'unrouted' })).status).toBe(422);
    expect(attacker.hits).toHaveLength(0);
  });
});

describe('intake targets with the development flag off', () => {
  it('never delivers to loopback, however it is written, nor follows a redirect', async () => {
    const target = await receiver();
    const redirector = await receiver((c) => c.redirect(`${target.url}/referrals`, 307));
    const port = new URL(target.url).port;
    const urls = [
      `${target.url}/referrals`,
      `https://127.0.0.1:${port}/referrals`,
      `https://localhost:${port}/referrals`,
      `https://[::1]:${port}/referrals`,
      `https://[::ffff:127.0.0.1]:${port}/referrals`,
      `https://127.1:${port}/referrals`,
      `https://2130706433:${port}/referrals`,
      `${redirector.url}/referrals`,
    ];
    for (const intakeUrl of urls) {
      const { refer, logger } = await relay({ 'org-a': { secret: SECRET_A, intakeUrl } }, [activity({ id: 'act-1' })]);
      const res = await refer({});
      expect(res.status, intakeUrl).toBe(502);
      const problem = await res.json();
      expect(problem).toMatchObject({ type: 'http://api.test/problems/delivery-failed', contact: { phone: '030 123 4567' } });
      expect(JSON.stringify(problem), intakeUrl).not.toMatch(/127\.|localhost|::1|refused|scheme|range|HTTP \d/);
      const failure = logger.lines.find((l) => l.includes('referral.delivery_failed'))!;
      expect(failure, intakeUrl).toMatch(/intake refused/);
      expect(failure).not.toContain(PATIENT);
    }
    expect(target.hits).toHaveLength(0);
    expect(redirector.hits).toHaveLength(0);
  });

  it.each([
    ['private', '10.20.30.40'],
    ['private 192.168', '192.168.1.10'],
    ['link-local (cloud metadata)', '169.254.169.254'],
    ['CGNAT', '100.64.0.7'],
    ['unique-local', 'fd12:3456::1'],
    ['unspecified', '0.0.0.0'],
  ])('refuses a host that resolves to a %s address, before connecting', async (_what, address) => {
    const asked: string[] = [];
    const resolveHost: ResolveHost = async (host) => {
      asked.push(host);
      return [{ address, family: address.includes(':') ? 6 : 4 }];
    };
    const { refer, logger } = await relay({ 'org-a': { secret: SECRET_A, intakeUrl: 'https://intake.welzijn-a.example/referrals' } }, [activity({ id: 'act-1' })], { resolveHost });
    expect((await refer({})).status).toBe(502);
    expect(asked).toEqual(['intake.welzijn-a.example']);
    expect(logger.lines.find((l) => l.includes('referral.delivery_failed'))).toMatch(/"attempts":0.*intake refused: address in range/);
  });

  it('refuses a host when any of its addresses is internal', async () => {
    const resolveHost: ResolveHost = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const { refer } = await relay({ 'org-a': { secret: SECRET_A, intakeUrl: 'https://intake.welzijn-a.example/referrals' } }, [activity({ id: 'act-1' })], { resolveHost });
    expect((await refer({})).status).toBe(502);
  });
});

describe('intake targets with the development flag on', () => {
  it('connects to the address it checked: one DNS answer for every attempt, Host kept', async () => {
    let attempt = 0;
    const target = await receiver((c) => (++attempt < 3 ? c.json({ busy: true }, 503) : c.json({ ok: true }, 202)));
    const port = new URL(target.url).port;
    const answers = ['127.0.0.1', '10.9.9.9'];
    let lookups = 0;
    // A rebinding resolver: the second answer would point elsewhere.
    const resolveHost: ResolveHost = async () => [{ address: answers[Math.min(lookups++, 1)]!, family: 4 }];
    const { refer } = await relay({ 'org-a': { secret: SECRET_A, intakeUrl: `http://intake.welzijn-a.example:${port}/referrals` } }, [activity({ id: 'act-1' })], {
      allowPrivateIntake: true,
      resolveHost,
    });
    expect((await refer({})).status).toBe(202);
    expect(lookups).toBe(1);
    expect(target.hits).toHaveLength(3);
    expect(new Set(target.hits.map((h) => h.host))).toEqual(new Set([`intake.welzijn-a.example:${port}`]));
  });
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
