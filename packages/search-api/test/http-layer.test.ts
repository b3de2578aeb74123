// The one HTTP layer: problem types under the API's own URL, one 404, the /hsds/ answer
// that never puts the Host header into something a cache keeps.
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { SearchBackend } from '../src/backend.js';
import { defaultConfig } from '../src/config.js';

const backend: SearchBackend = {
  indexUid: 'x',
  search: async () => ({ hits: [], query: '', processingTimeMs: 0, limit: 0, offset: 0, estimatedTotalHits: 0 }) as never,
  multiSearch: async () => [],
  getDocument: async () => null,
  indexVersion: async () => 'v1',
  ready: async () => true,
};

describe('/hsds/', () => {
  it('without a public URL answers with the request origin, never cacheable', async () => {
    const app = createApp({ backend, config: defaultConfig({ rateLimitPerSecond: 0 }), log: () => {} });
    for (const path of ['/hsds/', '/hsds']) {
      const res = await app.request(`http://attacker.example${path}`, { headers: { host: 'attacker.example' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('with a public URL names it in openapi_url, whatever the Host', async () => {
    const app = createApp({ backend, config: defaultConfig({ publicUrl: 'https://api.regio.example.nl', rateLimitPerSecond: 0 }), log: () => {} });
    const res = await app.request('http://attacker.example/hsds/', { headers: { host: 'attacker.example' } });
    expect(((await res.json()) as { openapi_url: string }).openapi_url).toBe('https://api.regio.example.nl/openapi.json');
    expect(res.headers.get('cache-control')).not.toBe('no-store');
  });
});
