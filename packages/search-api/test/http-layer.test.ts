// The one HTTP layer: problem types under the API's own URL, one 404, the /hsds/ answer
// that never puts the Host header into something a cache keeps.
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { stubBackend } from './stub-backend.js';
import { defaultConfig } from '../src/config.js';

const backend = stubBackend;

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

describe('problem types', () => {
  it('are URIs under the API\'s own public URL, and each answers its description as JSON and HTML', async () => {
    const app = createApp({ backend, config: defaultConfig({ publicUrl: 'https://api.regio.example.nl', rateLimitPerSecond: 0 }), log: () => {} });
    const missing = await app.request('/v1/nothing-here');
    const problem = (await missing.json()) as { type: string };
    expect(problem.type).toBe('https://api.regio.example.nl/problems/not-found');
    const path = new URL(problem.type).pathname;
    const json = await app.request(path, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ type: problem.type, title: 'Not found', statuses: [404] });
    const html = await app.request(path, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<h1>Not found</h1>');
    expect((await app.request('/problems/no-such-type')).status).toBe(404);
  });

  it('lists every type the source throws', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { PROBLEM_TYPES } = await import('../src/http/problem-types.js');
    const src = join(import.meta.dirname, '..', 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const thrown = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(src, file), 'utf8');
      for (const m of text.matchAll(/ProblemError\(\s*\d{3}\s*,\s*(?:[^,]*\?\s*)?'([a-z-]+)'(?:\s*:\s*'([a-z-]+)')?/g)) {
        thrown.add(m[1]!);
        if (m[2]) thrown.add(m[2]);
      }
      for (const m of text.matchAll(/badRequest\([^)]*?,\s*'([a-z-]+)'/g)) thrown.add(m[1]!);
    }
    expect(thrown.size).toBeGreaterThan(15);
    expect([...thrown].filter((t) => !Object.hasOwn(PROBLEM_TYPES, t))).toEqual([]);
  });
});
