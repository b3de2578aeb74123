// Only a HIS backend the operator trusts may send a referral: every way a token can be wrong
// is refused with 401, over real HTTP, and nothing reaches the intake.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsApp } from '../src/referrals/app.js';
import { createArrayReferralLookup } from '../src/referrals/lookup.js';
import { createReferrerVerifier } from '../src/referrals/referrer-token.js';
import { staticRoutes } from '../src/referrals/routes.js';
import { MemoryReferralStore } from '../src/referrals/store.js';
import { SECRET_A, activity, captureLogger, listen, postJson, referralBody, referrerKeyPair, referrerToken, type Listening, type ReferrerKeyPair } from './referrals/helpers.js';

const servers: Listening[] = [];
const hits: string[] = [];
let relayUrl: string;
let trusted: ReferrerKeyPair;
let trustedEd: ReferrerKeyPair;
let stranger: ReferrerKeyPair;
let store: MemoryReferralStore;
const logger = captureLogger();

beforeAll(async () => {
  const intake = new Hono();
  intake.post('/referrals', async (c) => {
    hits.push(await c.req.text());
    return c.json({ ok: true }, 202);
  });
  const receiver = await listen(intake.fetch);
  servers.push(receiver);
  [trusted, trustedEd, stranger] = await Promise.all([referrerKeyPair('ES256'), referrerKeyPair('EdDSA'), referrerKeyPair('ES256')]);
  let app: OpenAPIHono | undefined;
  const relay = await listen((r, env) => app!.fetch(r, env as object));
  servers.push(relay);
  relayUrl = relay.url;
  store = new MemoryReferralStore();
  app = new OpenAPIHono();
  app.route(
    '/v1/referrals',
    createReferralsApp({
      ...createArrayReferralLookup([activity({ id: 'act-1' })]),
      store,
      routes: staticRoutes(new Map([['org-a', { secret: SECRET_A, intakeUrl: `${receiver.url}/referrals` }]])),
      referrers: createReferrerVerifier({ audience: relayUrl, jwks: { keys: [trusted.publicJwk, trustedEd.publicJwk] } }),
      allowPrivateIntake: true,
      publicBaseUrl: relayUrl,
      logger,
      rateLimit: { create: false, status: false },
    }),
  );
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const refer = (authorization?: string) => fetch(`${relayUrl}/v1/referrals`, postJson(referralBody(), authorization === undefined ? {} : { authorization }));
const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('POST /v1/referrals referrer token', () => {
  it('accepts a token of a trusted key (ES256 and EdDSA) and keeps its sub with the referral', async () => {
    for (const key of [trusted, trustedEd]) {
      const before = hits.length;
      const res = await refer(`Bearer ${await referrerToken(key, { audience: relayUrl, claims: { sub: `AGB-${key.alg}` } })}`);
      expect(res.status).toBe(202);
      const { referralId } = (await res.json()) as { referralId: string };
      expect((await store.get(referralId))?.referrer).toBe(`AGB-${key.alg}`);
      expect(hits.length).toBe(before + 1);
    }
  });

  const cases: Array<[string, () => Promise<string | undefined>]> = [
    ['no Authorization header', async () => undefined],
    ['a Basic credential', async () => 'Basic dXNlcjpwYXNz'],
    ['a malformed token', async () => 'Bearer not-a-jwt'],
    ['an expired token', async () => `Bearer ${await referrerToken(trusted, { audience: relayUrl, issuedAt: now() - 900, lifetimeSeconds: 600 })}`],
    ['a token valid for more than 15 minutes', async () => `Bearer ${await referrerToken(trusted, { audience: relayUrl, lifetimeSeconds: 16 * 60 })}`],
    ['a token for another audience', async () => `Bearer ${await referrerToken(trusted, { audience: 'https://other-relay.example.nl' })}`],
    ['a token signed by an unknown key', async () => `Bearer ${await referrerToken(stranger, { audience: relayUrl })}`],
    ['a trusted kid on a stranger\'s signature', async () => `Bearer ${await referrerToken({ ...stranger, kid: trusted.kid }, { audience: relayUrl })}`],
    [
      'an HS256 token (signed with a shared secret)',
      async () => `Bearer ${await new SignJWT({ sub: 'AGB-1' }).setProtectedHeader({ alg: 'HS256', kid: trusted.kid }).setAudience(relayUrl).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(SECRET_A))}`,
    ],
    ['an unsigned token (alg none)', async () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'AGB-1', aud: relayUrl, iat: now(), exp: now() + 300 })}.`],
    ['a token without exp', async () => `Bearer ${await new SignJWT({ sub: 'AGB-1' }).setProtectedHeader({ alg: 'ES256', kid: trusted.kid }).setAudience(relayUrl).setIssuedAt().sign(trusted.privateKey)}`],
    ['a token without sub', async () => `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: trusted.kid }).setAudience(relayUrl).setIssuedAt().setExpirationTime('5m').sign(trusted.privateKey)}`],
  ];

  it.each(cases)('refuses %s with 401 unauthorized and delivers nothing', async (_what, authorization) => {
    const before = hits.length;
    const res = await refer(await authorization());
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="sociale-kaart"/);
    expect(await res.json()).toMatchObject({ type: `${relayUrl}/problems/unauthorized`, status: 401 });
    expect(hits.length).toBe(before);
    // The reason is logged, the token never is.
    const last = logger.lines.at(-1)!;
    expect(last).toContain('referral.unauthorized');
    expect(last).not.toMatch(/eyJ|Basic|dXNlcjpwYXNz/);
  });

  it('checks the token before the body: an unsigned request learns nothing about its fields', async () => {
    const res = await fetch(`${relayUrl}/v1/referrals`, postJson({ target: 'hospital' }));
    expect(res.status).toBe(401);
  });
});

describe('referrer keys from a JWKS URL', () => {
  it('fetches the keys once, caches them, and refuses a token when the URL does not answer', async () => {
    const key = await referrerKeyPair('EdDSA');
    let fetched = 0;
    const jwksServer = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key.publicJwk] }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    const jwksUrl = new URL(`http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`);
    try {
      const verifier = createReferrerVerifier({ audience: 'https://api.example.nl', jwksUrl, jwksTimeoutMs: 1000 });
      for (let i = 0; i < 3; i++) {
        expect(await verifier.verify(await referrerToken(key, { audience: 'https://api.example.nl', claims: { sub: `AGB-${i}` } }))).toEqual({ practice: `AGB-${i}` });
      }
      expect(fetched).toBe(1);
    } finally {
      await new Promise((r) => jwksServer.close(r));
    }
    const gone = createReferrerVerifier({ audience: 'https://api.example.nl', jwksUrl, jwksTimeoutMs: 500 });
    await expect(gone.verify(await referrerToken(key, { audience: 'https://api.example.nl' }))).rejects.toMatchObject({ name: 'ReferrerTokenError' });
  });
});

describe('a server without referrer keys', () => {
  it('answers 503 referrals-not-configured and delivers nothing', async () => {
    const app = createReferralsApp({
      ...createArrayReferralLookup([activity({ id: 'act-1' })]),
      store: new MemoryReferralStore(),
      routes: staticRoutes(new Map()),
      referrers: undefined,
      publicBaseUrl: 'http://api.test',
      logger: captureLogger(),
    });
    const res = await app.request('/', postJson(referralBody()));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ type: 'http://api.test/problems/referrals-not-configured' });
  });
});
