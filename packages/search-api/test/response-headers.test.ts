/**
 * Headers the middleware adds around a handler: CORS (src/http/cors.ts) as browsers check it,
 * and ETag/Cache-Control (src/http/cache.ts); and the reason both are written the way they
 * are: the handler's response reaches the server unchanged (Hono does not rebuild it around a
 * body stream), errors and hand-made responses included.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cacheable } from '../src/http/cache.js';
import { cors } from '../src/http/cors.js';
import { stubBackend } from './stub-backend.js';

const GP = 'https://huisarts.example.nl';

function appWith(origins: readonly string[] | '*', allowHeaders?: string[]) {
  const app = new Hono();
  const seen: { response?: Response } = {};
  app.use('*', cors({ origins, allowMethods: ['GET', 'POST', 'OPTIONS'], exposeHeaders: ['ETag', 'X-Cache'], maxAgeSeconds: 600, ...(allowHeaders ? { allowHeaders } : {}) }));
  app.get('/json', (c) => (seen.response = c.json({ ok: true })));
  app.get('/raw', () => new Response('plain', { headers: { Vary: 'Accept' } }));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.onError((_e, c) => c.json({ title: 'Internal error' }, 500));
  return { app, seen };
}

const get = (app: Hono, path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('cors', () => {
  it('echoes an allowed origin, exposes headers and says the answer varies by Origin', async () => {
    const { app } = appWith([GP]);
    const res = await get(app, '/json', { Origin: GP });
    expect(res.headers.get('access-control-allow-origin')).toBe(GP);
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag,X-Cache');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('gives another origin no CORS headers, but still Vary: Origin', async () => {
    const { app } = appWith([GP]);
    const res = await get(app, '/json', { Origin: 'https://evil.example.com' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-expose-headers')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('allows every origin with *, without Vary (the answer does not depend on it)', async () => {
    for (const origins of ['*', ['*']] as const) {
      const { app } = appWith(origins);
      const res = await get(app, '/json', { Origin: 'https://gemeente.example.nl' });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('vary')).toBeNull();
    }
  });

  it('answers a preflight with 204, the methods, the allowed headers and the max age', async () => {
    const { app } = appWith([GP], ['Content-Type', 'Authorization']);
    const res = await app.request('/json', { method: 'OPTIONS', headers: { Origin: GP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' } });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe(GP);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type,Authorization');
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers');
  });

  it('echoes the requested headers in a preflight when none are configured', async () => {
    const { app } = appWith('*');
    const res = await app.request('/json', { method: 'OPTIONS', headers: { Origin: GP, 'Access-Control-Request-Headers': 'if-none-match, content-type' } });
    expect(res.headers.get('access-control-allow-headers')).toBe('if-none-match,content-type');
    expect(res.headers.get('vary')).toBe('Access-Control-Request-Headers');
  });

  it('puts its headers on errors and on a response the handler made itself (Vary merged)', async () => {
    const { app } = appWith([GP]);
    const boom = await get(app, '/boom', { Origin: GP });
    expect(boom.status).toBe(500);
    expect(boom.headers.get('access-control-allow-origin')).toBe(GP);
    const raw = await get(app, '/raw', { Origin: GP });
    expect(await raw.text()).toBe('plain');
    expect(raw.headers.get('access-control-allow-origin')).toBe(GP);
    expect(raw.headers.get('vary')).toBe('Accept, Origin');
  });

  it('lets the handler\'s own response through unchanged (Hono does not rebuild it around a stream)', async () => {
    const { app, seen } = appWith([GP]);
    const res = await get(app, '/json', { Origin: GP });
    expect(res).toBe(seen.response);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('cacheable', () => {
  it('adds ETag, Cache-Control and Vary to a 200 without rebuilding it, and answers 304 for the same ETag', async () => {
    const app = new Hono();
    const seen: { response?: Response } = {};
    app.use('*', cacheable(stubBackend, { apiVersion: 'test', maxAgeSeconds: 60 }));
    app.get('/json', (c) => (seen.response = c.json({ ok: true })));
    const res = await app.request('/json');
    expect(res).toBe(seen.response);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('vary')).toBe('Origin');
    const again = await app.request('/json', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('keeps a Vary the handler set and adds Origin once', async () => {
    const app = new Hono();
    app.use('*', cors({ origins: ['https://huisarts.example.nl'], allowMethods: ['GET'] }));
    app.use('*', cacheable(stubBackend, { apiVersion: 'test', maxAgeSeconds: 60 }));
    app.get('/json', (c) => c.json({ ok: true }, 200, { Vary: 'Accept' }));
    const res = await app.request('/json', { headers: { Origin: 'https://huisarts.example.nl' } });
    expect(res.headers.get('vary')).toBe('Accept, Origin');
  });
});
