// One client key for every limiter: the socket address, or behind N trusted proxies the N-th
// X-Forwarded-For entry from the right. Rotating the client-written part buys nothing.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { stubBackend } from './stub-backend.js';
import { defaultConfig } from '../src/config.js';
import { clientKeyFunction, forwardedClient } from '../src/http/client-key.js';
import { createReferralsApp } from '../src/referrals/app.js';
import { createArrayReferralLookup } from '../src/referrals/lookup.js';
import { staticRoutes } from '../src/referrals/routes.js';
import { MemoryReferralStore } from '../src/referrals/store.js';
import { captureLogger, listen, postJson, trustedReferrer, type Listening } from './referrals/helpers.js';

const backend = stubBackend;

const servers: Listening[] = [];
let referrer: Awaited<ReturnType<typeof trustedReferrer>>;
beforeAll(async () => {
  referrer = await trustedReferrer('http://api.test');
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The whole API over real HTTP (so there is a socket address), the relay mounted in it. */
async function api(trustProxy: number, searchBurst = 2) {
  const config = defaultConfig({ rateLimitPerSecond: 0.1, rateLimitBurst: searchBurst, trustProxy });
  const referrals = createReferralsApp({
    ...createArrayReferralLookup([]),
    store: new MemoryReferralStore(),
    routes: staticRoutes(new Map()),
    referrers: referrer.verifier,
    publicBaseUrl: 'http://api.test',
    logger: captureLogger(),
    rateLimit: { create: { capacity: 2, refillPerSecond: 0.01 } },
    // As server.ts wires it: the API's one client-key function.
    clientKey: clientKeyFunction(trustProxy),
  });
  const app = createApp({ backend, config, referrals, log: () => {} });
  const server = await listen((r, env) => app.fetch(r, env as object));
  servers.push(server);
  return server.url;
}

const rotating = (i: number, proxy = '203.0.113.9') => ({ 'X-Forwarded-For': `198.51.100.${i}, ${proxy}` });

describe('rate limits behind a proxy', () => {
  it('keys search on the address the trusted proxy saw, not on what the client wrote', async () => {
    const url = await api(1);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${url}/v1/taxonomy`, { headers: rotating(i) })).status);
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429]);
    // Another client behind the same proxy has a bucket of its own.
    expect((await fetch(`${url}/v1/taxonomy`, { headers: rotating(1, '203.0.113.10') })).status).toBe(200);
  });

  it('keys referrals the same way: rotating X-Forwarded-For does not dodge the referral limit', async () => {
    // The search limit is out of the way here: only the referral limit (2) counts.
    const url = await api(1, 100);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${url}/v1/referrals`, postJson({}, { ...rotating(i), ...(await referrer.authorization()) }));
      statuses.push(res.status);
    }
    expect(statuses).toEqual([400, 400, 429, 429, 429]);
    // Behind the same proxy another practice is not limited with them.
    const other = await fetch(`${url}/v1/referrals`, postJson({}, { ...rotating(1, '203.0.113.77'), ...(await referrer.authorization()) }));
    expect(other.status).toBe(400);
  });

  it('ignores X-Forwarded-For without trusted proxies: the socket address counts', async () => {
    const url = await api(0);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${url}/v1/taxonomy`, { headers: { 'X-Forwarded-For': `198.51.100.${i}` } })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });
});

describe('forwardedClient', () => {
  it.each([
    ['a, b, c', 1, 'c'],
    ['a, b, c', 2, 'b'],
    ['a, b, c', 5, 'a'],
    ['  a ,b', 1, 'b'],
    ['', 1, undefined],
    ['a, b', 0, undefined],
  ] as const)('%j with %i hops → %s', (header, hops, expected) => {
    expect(forwardedClient(header, hops)).toBe(expected);
  });
});
