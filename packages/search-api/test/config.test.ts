import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORT, loadConfig } from '../src/config.js';
import { TokenBucketLimiter } from '../src/http/rate-limit.js';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import type { SearchBackend } from '../src/backend.js';

describe('configuration', () => {
  it('has defaults, reads the environment, and lets flags win', () => {
    expect(loadConfig([], {})).toMatchObject({ port: DEFAULT_PORT, meiliUrl: 'http://127.0.0.1:7700', index: 'activities', corsOrigins: [], meiliTimeoutMs: 2000, trustProxy: 0 });
    expect(loadConfig(['--trust-proxy', '2'], {}).trustProxy).toBe(2);
    expect(loadConfig([], { TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    const c = loadConfig(['--port=9000', '--index', 'live'], { PORT: '8000', MEILI_URL: 'http://meili:7700/', CORS_ORIGINS: 'https://a.nl, https://b.nl', MEILI_KEY: 'k' });
    expect(c).toMatchObject({ port: 9000, index: 'live', meiliUrl: 'http://meili:7700', corsOrigins: ['https://a.nl', 'https://b.nl'], meiliKey: 'k' });
  });
  it('names every mistake with its source', () => {
    try {
      loadConfig(['--meili-timeout-ms', '5000'], { PORT: '70000', MEILI_INDEX: 'bad index' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toContain('environment variable PORT: must be at most 65535');
      expect(problems.some((p) => p.startsWith('environment variable MEILI_INDEX'))).toBe(true);
      expect(problems).toContain('--meili-timeout-ms: must be at most 2000');
    }
  });
});

describe('rate limit', () => {
  it('refills tokens over time', () => {
    let now = 0;
    const b = new TokenBucketLimiter({ refillPerSecond: 2, capacity: 3 }, () => new Date(now));
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(b.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(b.take('b')).toEqual({ ok: true });
    now += 500;
    expect(b.take('a')).toEqual({ ok: true });
  });

  it('answers 429 problem+json with Retry-After per client IP', async () => {
    const backend: SearchBackend = {
      indexUid: 'x',
      search: async () => { throw new Error('not used'); },
      multiSearch: async () => [],
      getDocument: async () => null,
      getDocuments: async () => [],
      indexVersion: async () => 'v1',
      ready: async () => true,
    };
    const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 1, rateLimitBurst: 2, trustProxy: 1 }), log: () => {}, clock: () => new Date(0) });
    const ip = (a: string) => ({ headers: { 'X-Forwarded-For': a } });
    expect((await app.request('/v1/taxonomy', ip('10.0.0.1'))).status).toBe(200);
    expect((await app.request('/v1/taxonomy', ip('10.0.0.1'))).status).toBe(200);
    const limited = await app.request('/v1/taxonomy', ip('10.0.0.1'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await app.request('/v1/taxonomy', ip('10.0.0.2'))).status).toBe(200);
    expect((await app.request('/healthz', ip('10.0.0.1'))).status).toBe(200);
  });

  it('hides internal errors behind a generic 500 problem', async () => {
    const backend: SearchBackend = {
      indexUid: 'x',
      search: async () => { throw new TypeError('secret internals at /srv/app.js:12'); },
      multiSearch: async () => { throw new TypeError('secret internals'); },
      getDocument: async () => null,
      getDocuments: async () => [],
      indexVersion: async () => 'v1',
      ready: async () => true,
    };
    const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0 }), log: () => {} });
    const res = await app.request('/v1/search?q=x');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal error' });
  });
});
