/**
 * Answers that depend only on the URL and the live index: an ETag from both, and a 304
 * before any search when the client already has it.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { SearchBackend } from '../backend.js';
import { addVary } from './cors.js';

export function cacheable(backend: SearchBackend, { apiVersion, maxAgeSeconds }: { apiVersion: string; maxAgeSeconds: number }): MiddlewareHandler {
  const cacheControl = `public, max-age=${maxAgeSeconds}`;
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    let version: string;
    try {
      version = await backend.indexVersion();
    } catch {
      // The handler will meet the same outage and answer 503.
      return next();
    }
    const path = c.req.url.replace(/^[a-z]+:\/\/[^/]+/i, '');
    const etag = `W/"${createHash('sha256').update(`${apiVersion}\n${version}\n${path}`).digest('base64url').slice(0, 27)}"`;
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').map((s) => s.trim()).includes(etag)) {
      return c.body(null, 304, { ETag: etag, 'Cache-Control': cacheControl, Vary: 'Origin' });
    }
    await next();
    // On c.res.headers, not c.header(): after the handler, c.header() makes Hono rebuild the
    // response around a body stream (see cors.ts).
    if (c.res.status === 200) {
      const headers = c.res.headers;
      headers.set('ETag', etag);
      headers.set('Cache-Control', cacheControl);
      addVary(headers, 'Origin');
    }
  };
}
