/**
 * The portal server as a Hono app, built from its dependencies; only server.ts listens.
 * Mounted: the write API (/v1/providers), its OpenAPI document, health, and the pages.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Db } from '@sociale-kaart/db';
import { providersApi } from './api.js';
import { monitorApi } from './monitor/api.js';
import type { MonitorSource } from './monitor/supply.js';
import { ProblemError, problemResponse } from './problem.js';
import { referralsApi } from './referrals-api.js';
import type { ActivityService } from './service.js';

export interface PortalAppDeps {
  db: Db;
  service: ActivityService;
  clock?: () => Date;
  /** The pages (sign-in, activities, uploads, feeds, freshness), mounted at /. */
  pages?: Hono;
  /** Where GET /v1/monitor reads (the database and the live index); without it the route is not mounted. */
  monitor?: MonitorSource;
  /** One JSON object per line for errors; never request bodies. */
  log?: (line: Record<string, unknown>) => void;
}

export const PORTAL_VERSION = '0.1.0';

export function createPortalApp(deps: PortalAppDeps): OpenAPIHono {
  const log = deps.log ?? ((line) => process.stderr.write(`${JSON.stringify(line)}\n`));
  const app = new OpenAPIHono();
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], formAction: ["'self'"], frameAncestors: ["'none'"] } }));

  // The inbox routes first: their own auth (API key or a signed-in editor) answers before the activities' middleware.
  app.route('/v1/providers', referralsApi({ db: deps.db, ...(deps.clock ? { clock: deps.clock } : {}) }));
  app.route('/v1/providers', providersApi({ db: deps.db, service: deps.service, ...(deps.clock ? { clock: deps.clock } : {}) }));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Sociale Kaart provider API',
      version: PORTAL_VERSION,
      description: 'Welzijnsorganisaties publish and confirm their own activities, and read their inbox of sealed referrals. Authenticate with "Authorization: Bearer <organisation API key>" (from the operator: sociale-kaart-admin apikey create).',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'organisationKey', { type: 'http', scheme: 'bearer', description: 'An organisation API key (skp_…)' });
  if (deps.monitor) {
    app.route('/v1/monitor', monitorApi({ source: deps.monitor, clock: deps.clock ?? (() => new Date()), log }));
    app.openAPIRegistry.registerComponent('securitySchemes', 'monitorToken', { type: 'http', scheme: 'bearer', description: 'A monitor token of an operator or gemeente viewer (skm_…); the portal session cookie works too' });
  }

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  if (deps.pages) app.route('/', deps.pages);

  app.notFound((c) => {
    // People following a stale link get a page; systems get problem+json.
    if (!c.req.path.startsWith('/v1/') && (c.req.header('accept') ?? '').includes('text/html')) {
      return c.html(
        '<!doctype html><html lang="nl" class="utrecht-theme"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Niet gevonden · Aanbiedersportaal</title>' +
          '<link rel="stylesheet" href="/assets/utrecht-tokens.css"><link rel="stylesheet" href="/assets/utrecht-components.css"><link rel="stylesheet" href="/assets/portal.css"></head>' +
          '<body class="utrecht-document utrecht-document--surface"><main class="portal-main"><h1 class="utrecht-heading-1">Deze pagina bestaat niet</h1>' +
          '<p lang="en">This page does not exist.</p><p><a class="utrecht-link" href="/">Naar het aanbiedersportaal</a></p></main></body></html>',
        404,
      );
    }
    return problemResponse(c, new ProblemError(404, 'not-found', 'Not found', { detail: `No route for ${c.req.method} ${c.req.path}` }));
  });
  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err);
    if (err instanceof HTTPException) return problemResponse(c, new ProblemError(err.status, 'http-error', err.message || 'Request error'));
    log({ level: 'error', msg: 'request failed', method: c.req.method, path: c.req.path, error: err instanceof Error ? err.message : String(err) });
    return problemResponse(c, new ProblemError(500, 'internal', 'Internal error', { detail: 'Something went wrong on our side; nothing was published half.' }));
  });
  return app;
}
