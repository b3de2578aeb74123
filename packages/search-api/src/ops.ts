/**
 * Operational routes: /healthz, /readyz, /metrics, /openapi.json, and the documentation pages
 * (/docs, /problems/<type>, docs.ts). None is rate limited; none is cached except the docs.
 */
import { Hono } from 'hono';
import type { SearchBackend } from './backend.js';
import { createDocsApp } from './docs.js';
import { ProblemError } from './http/problem.js';
import type { Metrics } from './metrics.js';

export interface OpsDeps {
  backend: SearchBackend;
  metrics: Metrics;
  retryAfterSeconds: number;
  /** The OpenAPI document of the whole API (built once by the root app). */
  openApiDocument: () => unknown;
  publicUrl: string | undefined;
}

export function createOpsApp({ backend, metrics, retryAfterSeconds, openApiDocument, publicUrl }: OpsDeps): Hono {
  const app = new Hono();
  const noStore = { 'Cache-Control': 'no-store' };
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, noStore));
  app.get('/readyz', async (c) => {
    if (await backend.ready()) return c.json({ status: 'ready', index: backend.indexUid }, 200, noStore);
    throw new ProblemError(503, 'not-ready', 'Not ready', { detail: 'The search engine or the live index is not available.', headers: { 'Retry-After': String(retryAfterSeconds) } });
  });
  app.get('/metrics', (c) => c.body(metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', ...noStore }));
  app.get('/openapi.json', (c) => c.json(openApiDocument() as object));
  app.route('/', createDocsApp({ problemBase: publicUrl }));
  return app;
}
