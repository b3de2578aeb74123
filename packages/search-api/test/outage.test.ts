import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeiliClient, findFreePort, startMeilisearch, type ManagedMeilisearch } from '@sociale-kaart/meili';
import { createApp } from '../src/app.js';
import { createMeiliBackend } from '../src/backend.js';
import { defaultConfig } from '../src/config.js';
import { Metrics } from '../src/metrics.js';
import { buildActivities } from './fixtures/activities.js';
import { loadActivities } from './helpers.js';
import { Hono } from 'hono';
import { createMeiliReferralLookup } from '../src/referrals/lookup.js';
import { createReferralsApp } from '../src/referrals/app.js';
import { staticRoutes } from '../src/referrals/routes.js';
import { MemoryReferralStore } from '../src/referrals/store.js';
import { SECRET_A, captureLogger, listen, postJson, referralBody, trustedReferrer } from './referrals/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sk-api-outage-'));
const masterKey = 'outage-test-master-key-0123456789';
let port: number;
let meili: ManagedMeilisearch | undefined;
const start = async () => (meili = await startMeilisearch({ port, dbPath: join(dir, 'data.ms'), masterKey, keepData: true }));

beforeAll(async () => {
  port = await findFreePort();
  await start();
  const client = createMeiliClient({ url: meili!.url, apiKey: masterKey });
  await loadActivities({ client, url: meili!.url, masterKey, server: meili! }, buildActivities({ seed: 9, utrecht: 40, rural: 10, maastricht: 5 }));
});
afterAll(async () => {
  await meili?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A "Meilisearch" that accepts connections and never answers. */
async function silentMeilisearch() {
  const sockets: Array<import('node:net').Socket> = [];
  const silent: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const silentPort = (silent.address() as { port: number }).port;
  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  };
  return { sockets, silentPort, close };
}

describe('Meilisearch down, slow, and back', () => {
  it('answers 503 with Retry-After quickly, turns /readyz red, and recovers without a restart', async () => {
    const metrics = new Metrics();
    const backend = createMeiliBackend({ url: `http://127.0.0.1:${port}`, apiKey: masterKey, index: 'activities', timeoutMs: 1500, onError: (k) => metrics.meiliError(k) });
    const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0 }), metrics, log: () => {} });
    expect((await app.request('/v1/search?q=koor')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);

    await meili!.stop();
    meili = undefined;
    for (const path of ['/v1/search?q=koor', '/v1/search?postcode=3511', '/v1/activities/fx-0001', '/v1/suggest?q=koor', '/hsds/services']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const body = await res.text();
      expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|meilisearch|stack/i);
    }
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect((await app.request('/healthz')).status).toBe(200);
    expect(metrics.render()).toMatch(/sk_meilisearch_errors_total\{kind="connection"\} [1-9]/);

    await start();
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await app.request('/v1/search?q=koor')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);
    backend.close();
  });

  it('answers a referral with 503 and Retry-After while Meilisearch is down, and delivers nothing', async () => {
    const hits: string[] = [];
    const intake = new Hono();
    intake.post('/referrals', async (c) => {
      hits.push(await c.req.text());
      return c.json({ ok: true }, 202);
    });
    const receiver = await listen(intake.fetch);
    const referrer = await trustedReferrer('http://api.test');
    const backend = createMeiliBackend({ url: `http://127.0.0.1:${port}`, apiKey: masterKey, index: 'activities', timeoutMs: 1500 });
    const referrals = createReferralsApp({
      ...createMeiliReferralLookup(backend),
      store: new MemoryReferralStore(),
      routes: staticRoutes(new Map([['*', { secret: SECRET_A, intakeUrl: `${receiver.url}/referrals` }]])),
      referrers: referrer.verifier,
      allowPrivateIntake: true,
      publicBaseUrl: 'http://api.test',
      logger: captureLogger(),
    });
    const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0 }), referrals, log: () => {} });
    const refer = async () => app.request('/v1/referrals', postJson(referralBody({ activityId: 'koor-utrecht' }), await referrer.authorization()));
    try {
      expect((await refer()).status).toBe(202);
      const delivered = hits.length;
      expect(delivered).toBe(1);
      await meili!.stop();
      meili = undefined;
      const down = await refer();
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(await down.json()).toMatchObject({ type: expect.stringMatching(/\/problems\/search-unavailable$/), status: 503 });
      expect(hits.length).toBe(delivered);
    } finally {
      if (!meili) await start();
      backend.close();
      await receiver.close();
    }
  });

  it('spends one deadline per request on Meilisearch: a call after it has passed is not even sent', async () => {
    const { sockets, silentPort, close } = await silentMeilisearch();
    // Each call could wait 2 s; the request as a whole may wait 300 ms.
    const backend = createMeiliBackend({ url: `http://127.0.0.1:${silentPort}`, index: 'activities', timeoutMs: 2000 });
    const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0, meiliTimeoutMs: 300 }), log: () => {} });
    // /v1/search asks twice (the index version for its ETag, then the search): only the first is sent.
    const res = await app.request('/v1/search?q=koor');
    expect(res.status).toBe(503);
    expect(sockets).toHaveLength(1);
    backend.close();
    await close();
  });

  it('gives up on a Meilisearch that accepts connections but never answers', async () => {
    const { sockets, silentPort, close } = await silentMeilisearch();
    const errors: string[] = [];
    const backend = createMeiliBackend({ url: `http://127.0.0.1:${silentPort}`, index: 'activities', timeoutMs: 300, onError: (kind) => errors.push(kind) });
    const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0 }), log: () => {} });
    const res = await app.request('/v1/search?q=koor');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ type: expect.stringMatching(/\/problems\/search-unavailable$/) });
    // The answer came from the per-call timeout (a missing one would leave the request waiting forever), not a refused connection.
    expect(errors[0]).toBe('timeout');
    expect(sockets.length).toBeGreaterThan(0);
    backend.close();
    await close();
  });
});
