/**
 * The search API as a Hono app. `createApp(deps)` builds it from its dependencies; only
 * server.ts listens on a port. Here: the cross-cutting middleware (logs and metrics, the
 * Meilisearch deadline, security headers, CORS, rate limits, errors) and the sub-apps:
 * /v1 (v1.ts, with the referral relay mounted in it), /hsds (hsds-app.ts) and the
 * operational routes (ops.ts).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { withMeiliDeadline, type SearchBackend } from './backend.js';
import type { ApiConfig } from './config.js';
import { createHsdsApp, hsdsInfo } from './hsds-app.js';
import { cacheable } from './http/cache.js';
import { cors } from './http/cors.js';
import { clientKeyFunction, type ClientKey } from './http/client-key.js';
import { installErrorHandling, validationHook } from './http/errors.js';
import { lineLogger, stdoutLines, type LineWriter } from './http/log.js';
import { rateLimit } from './http/rate-limit.js';
import { Metrics } from './metrics.js';
import { createOpsApp } from './ops.js';
import { createV1App } from './v1.js';

export type LogLine = Parameters<LineWriter>[0];

export interface AppDeps {
  backend: SearchBackend;
  config: ApiConfig;
  /** Current time (schedules' next session, rate limiting). */
  clock?: () => Date;
  /** One JSON object per line; default: stdout. */
  log?: LineWriter;
  metrics?: Metrics;
  /** Who a request counts against for rate limits; default: the one client-key function over `config.trustProxy`. */
  clientKey?: ClientKey;
  /** Sub-app for /v1/referrals; mounted behind the same CORS, rate limit and logs. */
  referrals?: Hono;
  /** Sub-app for /v1/organizations (the referral key, referrals/referral-key.ts); the same. */
  organizations?: Hono;
  /** The API's public base URL (problem types, /hsds/ `openapi_url`); default `config.publicUrl`, else the request's origin. */
  publicUrl?: string;
  /** Switch off the bounding-box path for nearby queries (benchmarks, tests). */
  fastNearby?: boolean;
  /** Let Meilisearch highlight, as before the API marked the words itself (tests compare the two). */
  meiliHighlights?: boolean;
}

export const API_VERSION = '0.1.0';

// The API's own CSP: JSON loads nothing. The documentation pages set theirs (docs.ts).
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function createApp(deps: AppDeps): OpenAPIHono {
  const { backend, config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const metrics = deps.metrics ?? new Metrics();
  const logger = lineLogger(deps.log ?? stdoutLines, clock);
  const clientKey = deps.clientKey ?? clientKeyFunction(config.trustProxy);
  const publicUrl = deps.publicUrl ?? config.publicUrl;

  const app = new OpenAPIHono({ defaultHook: validationHook() });
  installErrorHandling(app, { problemBase: publicUrl, logger });

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // The route pattern, never the URL: no query text (and no referral data) in logs.
    const route = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched';
    metrics.observeRequest(c.req.method, route, c.res.status, seconds);
    (c.res.status >= 500 ? logger.error : logger.info)('request', { method: c.req.method, route, status: c.res.status, durationMs: Math.round(seconds * 10000) / 10 });
  });
  // One deadline per request for everything it asks Meilisearch (backend.ts).
  app.use('*', (_c, next) => withMeiliDeadline(config.meiliTimeoutMs, next));
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', API_CSP);
  });
  app.use(
    '/v1/*',
    cors({
      origins: config.corsOrigins,
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'If-None-Match', 'Authorization'],
      exposeHeaders: ['ETag', 'Retry-After', 'WWW-Authenticate', 'X-Cache'],
      maxAgeSeconds: 600,
    }),
  );
  app.use('/hsds/*', cors({ origins: '*', allowMethods: ['GET', 'OPTIONS'], exposeHeaders: ['ETag'] }));
  app.use('/hsds', cors({ origins: '*', allowMethods: ['GET', 'OPTIONS'] }));
  const limited = rateLimit(config.rateLimitPerSecond > 0 ? { capacity: config.rateLimitBurst, refillPerSecond: config.rateLimitPerSecond, key: clientKey, clock } : false);
  for (const path of ['/v1/*', '/hsds/*', '/hsds']) app.use(path, limited);

  const cached = cacheable(backend, { apiVersion: API_VERSION, maxAgeSeconds: config.cacheMaxAgeSeconds });
  const v1 = createV1App({ backend, clock, metrics, cacheable: cached, fastNearby: deps.fastNearby !== false, meiliHighlights: deps.meiliHighlights === true, staleAfterDays: config.staleAfterDays, searchCacheSize: config.searchCacheSize, hitStoreSize: config.hitStoreSize });
  if (deps.referrals) v1.route('/referrals', deps.referrals);
  if (deps.organizations) v1.route('/organizations', deps.organizations);
  app.route('/v1', v1);
  app.route('/hsds', createHsdsApp({ backend, publicUrl, cacheable: cached, meiliTimeoutMs: config.meiliTimeoutMs }));
  // The HSDS base URL is usually written with a trailing slash.
  app.get('/hsds/', (c) => hsdsInfo(c, publicUrl));

  // Built once: the routes do not change after this point.
  let openApi: unknown;
  const openApiDocument = () =>
    (openApi ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Sociale Kaart search API',
        version: API_VERSION,
        description:
          'Search the sociale kaart of welzijn activities (Welzijn op Recept), and read it as Open Referral HSDS 3.1. Errors are application/problem+json (RFC 9457); their `type` URIs are described under /problems.',
        license: { name: 'EUPL-1.2' },
      },
    }));
  app.route('/', createOpsApp({ backend, metrics, retryAfterSeconds: config.retryAfterSeconds, openApiDocument, publicUrl }));
  return app;
}
