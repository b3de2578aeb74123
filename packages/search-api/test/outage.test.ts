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
      const t = performance.now();
      const res = await app.request(path);
      expect(performance.now() - t).toBeLessThan(2000);
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

  it('gives up on a Meilisearch that accepts connections but never answers', async () => {
    const sockets: Array<import('node:net').Socket> = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as { port: number }).port;
    const backend = createMeiliBackend({ url: `http://127.0.0.1:${silentPort}`, index: 'activities', timeoutMs: 300 });
    const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0 }), log: () => {} });
    const t = performance.now();
    const res = await app.request('/v1/search?q=koor');
    expect(res.status).toBe(503);
    expect(performance.now() - t).toBeLessThan(1500);
    backend.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });
});
