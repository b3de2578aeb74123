/**
 * The search API as a Hono app. `createApp(deps)` builds it from its dependencies; only
 * server.ts listens on a port. Feature sub-apps: /v1 (search, activities, suggest,
 * taxonomy — and later referrals), /hsds (HSDS 3.1 read API), and the operational routes.
 */
import { createHash } from 'node:crypto';
import { OpenAPIHono, createRoute, z, type Hook } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { Context, Env, Hono, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { buildFilter, FilterError, type ActivityFilter } from '@sociale-kaart/meili';
import {
  CATEGORY_KEYS,
  NEED_KEYS,
  activityResponseSchema,
  audiences,
  categories,
  days,
  domains4d,
  foldText,
  needs,
  partsOfDay,
  pgDimensions,
  problemSchema,
  resolveCategory,
  searchResponseSchema,
  statuses,
  suggestResponseSchema,
  type Activity,
  type Lang,
  type SuggestResponse,
} from '@sociale-kaart/schema';
import type { SearchBackend } from './backend.js';
import type { ApiConfig } from './config.js';
import { toActivityResponse } from './hits.js';
import { CATEGORY_TAXONOMY, HSDS_PROFILE, HSDS_VERSION, NEED_TAXONOMY, serviceListItem, serviceRecord, serviceUuid, termUuid } from './hsds.js';
import { Metrics } from './metrics.js';
import {
  activityParamsSchema,
  activityQuerySchema,
  hsdsServiceParamsSchema,
  hsdsServicesQuerySchema,
  searchQuerySchema,
  suggestQuerySchema,
  taxonomyQuerySchema,
} from './params.js';
import { ProblemError, badRequest, notFound, problemResponse, type ParameterError } from './problem.js';
import { TokenBuckets } from './rate-limit.js';
import { LruCache, type NearbyCounts } from './nearby.js';
import { normalizeSearchQuery, runSearch } from './search.js';
import { isUuid } from './uuid.js';

export type LogLine = Record<string, unknown>;

export interface AppDeps {
  backend: SearchBackend;
  config: ApiConfig;
  /** Current time (schedules' next session, rate limiting). */
  clock?: () => Date;
  /** One JSON object per line; default: stdout. */
  log?: (line: LogLine) => void;
  metrics?: Metrics;
  /** Client IP of a request when not behind a trusted proxy (server.ts passes the socket address). */
  clientIp?: (c: Context) => string | undefined;
  /** Sub-app for /v1/referrals (issue 6); mounted behind the same CORS, rate limit and logs. */
  referrals?: Hono;
  /** Switch off the bounding-box path for nearby queries (benchmarks, tests). */
  fastNearby?: boolean;
}

export const API_VERSION = '0.1.0';

const PROBLEM_CONTENT = { 'application/problem+json': { schema: problemSchema } };
const problemResponses = {
  400: { description: 'Invalid parameters', content: PROBLEM_CONTENT },
  429: { description: 'Too many requests', content: PROBLEM_CONTENT },
  503: { description: 'Search engine unavailable', content: PROBLEM_CONTENT },
};

/** Zod issues → one entry per bad parameter. */
function parameterErrors(error: z.ZodError): ParameterError[] {
  const out: ParameterError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ parameter: key.slice(0, 60), message: 'unknown parameter' });
      continue;
    }
    const parameter = String(issue.path[0] ?? '(query)');
    out.push({ parameter, message: issue.message });
  }
  return out;
}

const validationHook: Hook<unknown, Env, string, unknown> = (result) => {
  if (!result.success) throw badRequest(parameterErrors(result.error as z.ZodError));
};

export function createApp(deps: AppDeps): OpenAPIHono {
  const { backend, config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const metrics = deps.metrics ?? new Metrics();
  const log = deps.log ?? ((line: LogLine) => process.stdout.write(`${JSON.stringify(line)}\n`));
  const buckets = config.rateLimitPerSecond > 0 ? new TokenBuckets(config.rateLimitPerSecond, config.rateLimitBurst, () => clock().getTime()) : null;

  const app = new OpenAPIHono({ defaultHook: validationHook });

  // --- cross-cutting middleware -------------------------------------------------------
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // The route pattern, never the URL: no query text (and no referral data) in logs.
    const route = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched';
    metrics.observeRequest(c.req.method, route, c.res.status, seconds);
    log({ time: clock().toISOString(), level: c.res.status >= 500 ? 'error' : 'info', msg: 'request', method: c.req.method, route, status: c.res.status, durationMs: Math.round(seconds * 10000) / 10 });
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  const allowAll = config.corsOrigins.includes('*');
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (allowAll ? '*' : config.corsOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      // Authorization: the referrer token that <sk-referral-button> sends with POST /v1/referrals.
      allowHeaders: ['Content-Type', 'If-None-Match', 'Authorization'],
      exposeHeaders: ['ETag', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use('/hsds/*', cors({ origin: '*', allowMethods: ['GET', 'OPTIONS'], exposeHeaders: ['ETag'] }));
  app.use('/hsds', cors({ origin: '*', allowMethods: ['GET', 'OPTIONS'] }));

  const rateLimit: MiddlewareHandler = async (c, next) => {
    if (!buckets || c.req.method === 'OPTIONS') return next();
    const forwarded = config.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
    const ip = forwarded || deps.clientIp?.(c) || 'unknown';
    const wait = buckets.take(ip);
    if (wait > 0) {
      throw new ProblemError(429, 'rate-limited', 'Too many requests', `Slow down: try again in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
    }
    return next();
  };
  app.use('/v1/*', rateLimit);
  app.use('/hsds/*', rateLimit);
  app.use('/hsds', rateLimit);

  // Answers that depend only on the URL and the live index: ETag from both, 304 before any search.
  const cacheable: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET') return next();
    let version: string;
    try {
      version = await backend.indexVersion();
    } catch {
      return next();
    }
    const etag = `W/"${createHash('sha256').update(`${API_VERSION}\n${version}\n${c.req.url.replace(/^[a-z]+:\/\/[^/]+/i, '')}`).digest('base64url').slice(0, 27)}"`;
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').map((s) => s.trim()).includes(etag)) {
      return c.body(null, 304, { ETag: etag, 'Cache-Control': `public, max-age=${config.cacheMaxAgeSeconds}`, Vary: 'Origin' });
    }
    await next();
    if (c.res.status === 200) {
      c.header('ETag', etag);
      c.header('Cache-Control', `public, max-age=${config.cacheMaxAgeSeconds}`);
      c.header('Vary', 'Origin');
    }
  };

  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err);
    if (err instanceof FilterError) return problemResponse(c, badRequest([{ parameter: '(filter)', message: 'a filter value is not allowed' }]));
    if (err instanceof HTTPException) {
      const status = err.status;
      return problemResponse(c, new ProblemError(status, 'http-error', status === 400 ? 'Bad request' : 'Request failed', status < 500 ? err.message || undefined : undefined));
    }
    log({ time: clock().toISOString(), level: 'error', msg: 'unhandled error', error: err instanceof Error ? err.name : 'unknown' });
    return problemResponse(c, new ProblemError(500, 'internal-error', 'Internal error', 'Something went wrong on our side.'));
  });
  app.notFound((c) => problemResponse(c, notFound(`No resource at ${new URL(c.req.url).pathname.slice(0, 200)}.`)));

  // --- /v1 ------------------------------------------------------------------------------
  // Totals and facets of "near this point" questions, keyed by index version (nearby.ts).
  const nearbyCache = new LruCache<NearbyCounts>(2000);
  const v1 = new OpenAPIHono({ defaultHook: validationHook });
  v1.use('/search', cacheable);
  v1.use('/activities/*', cacheable);
  v1.use('/suggest', cacheable);
  v1.use('/taxonomy', cacheable);

  v1.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      summary: 'Search activities',
      description:
        'Full text, filters, need expansion and distance. With a place (postcode or near) and no q the results are sorted by distance; `total` may then be an estimate (`totalIsEstimate`).',
      request: { query: searchQuerySchema },
      responses: { 200: { description: 'Search results', content: { 'application/json': { schema: searchResponseSchema } } }, ...problemResponses },
    }),
    async (c) => {
      const query = normalizeSearchQuery(c.req.valid('query'));
      const { response, strategy } = await runSearch(backend, query, { now: clock(), fastNearby: deps.fastNearby !== false, nearbyCache });
      metrics.searchStrategy(strategy);
      return c.json(response, 200);
    },
  );

  v1.openapi(
    createRoute({
      method: 'get',
      path: '/activities/{id}',
      summary: 'One activity',
      request: { params: activityParamsSchema, query: activityQuerySchema },
      responses: {
        200: { description: 'The activity', content: { 'application/json': { schema: activityResponseSchema } } },
        404: { description: 'Unknown activity', content: PROBLEM_CONTENT },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { lang } = c.req.valid('query');
      const doc = await backend.getDocument<Activity>(id);
      if (!doc) throw notFound(`There is no activity with id ${id}.`);
      return c.json(toActivityResponse(doc, lang ?? 'nl', clock()), 200);
    },
  );

  v1.openapi(
    createRoute({
      method: 'get',
      path: '/suggest',
      summary: 'Type-ahead suggestions',
      description: 'Needs and categories whose names or Dutch synonyms match what was typed ("eenzaam" → eenzaamheid), and matching activity titles.',
      request: { query: suggestQuerySchema },
      responses: { 200: { description: 'Suggestions', content: { 'application/json': { schema: suggestResponseSchema } } }, ...problemResponses },
    }),
    async (c) => {
      const { q, lang = 'nl', limit = 5 } = c.req.valid('query');
      return c.json(await suggest(backend, q, lang, limit), 200);
    },
  );

  v1.openapi(
    createRoute({
      method: 'get',
      path: '/taxonomy',
      summary: 'Categories, needs, Positieve Gezondheid dimensions, 4D domains, audiences, days and parts of day with labels',
      request: { query: taxonomyQuerySchema },
      responses: { 200: { description: 'The taxonomy', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...problemResponses },
    }),
    (c) => {
      const lang = c.req.valid('query').lang ?? 'nl';
      return c.json(taxonomy(lang), 200);
    },
  );

  // Referrals (issue 6) mount here and share CORS, rate limit, problem+json and logs.
  if (deps.referrals) v1.route('/referrals', deps.referrals);
  app.route('/v1', v1);

  // --- /hsds ----------------------------------------------------------------------------
  const hsds = new OpenAPIHono({ defaultHook: validationHook });
  hsds.use('/services', cacheable);
  hsds.use('/services/*', cacheable);
  const uuidIndex = createServiceUuidIndex(backend);
  const hsdsInfo = (c: Context) => {
    const base = config.publicUrl ?? new URL(c.req.url).origin;
    return { version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: `${base}/openapi.json` };
  };

  hsds.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'HSDS API information',
      responses: {
        200: {
          description: 'HSDS version and profile',
          content: { 'application/json': { schema: z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() }) } },
        },
      },
    }),
    (c) => c.json(hsdsInfo(c), 200),
  );

  hsds.openapi(
    createRoute({
      method: 'get',
      path: '/services',
      summary: 'HSDS services, paged',
      request: { query: hsdsServicesQuerySchema },
      responses: { 200: { description: 'An HSDS page of services', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...problemResponses },
    }),
    async (c) => {
      const { search, page = 1, per_page: perPage = 50, taxonomy_term_id: term, modified_after: modifiedAfter, full } = c.req.valid('query');
      if (page * perPage > 10_000) throw badRequest([{ parameter: 'page', message: 'page × per_page must be at most 10000' }]);
      const spec: ActivityFilter = {};
      if (term !== undefined) {
        const resolved = resolveTerm(term);
        if (!resolved) return c.json(emptyPage(page, perPage), 200);
        if (resolved.taxonomy === 'category') spec.categories = [resolved.key];
        else spec.needs = [resolved.key];
      }
      if (modifiedAfter !== undefined) spec.modifiedSince = Date.parse(modifiedAfter) + 1;
      const res = await backend.search<Activity>({ q: search ?? '', filter: buildFilter(spec), distinct: 'serviceId', page, hitsPerPage: perPage, sort: ['lastModifiedTs:desc'] });
      const hits = res.hits as Activity[];
      let contents: Array<Record<string, unknown>>;
      if (full && hits.length > 0) {
        const all = await backend.search<Activity>({ q: '', filter: buildFilter({ serviceId: hits.map((h) => h.serviceId) }), limit: 1000 });
        contents = hits.map((h) => serviceRecord((all.hits as Activity[]).filter((d) => d.serviceId === h.serviceId)));
      } else {
        contents = hits.map((h) => serviceListItem([h]));
      }
      const totalItems = res.totalHits ?? 0;
      const totalPages = Math.max(1, Math.ceil(totalItems / perPage));
      return c.json(
        { total_items: totalItems, total_pages: totalPages, page_number: page, size: contents.length, first_page: page === 1, last_page: page >= totalPages, empty: contents.length === 0, contents },
        200,
      );
    },
  );

  hsds.openapi(
    createRoute({
      method: 'get',
      path: '/services/{id}',
      summary: 'One HSDS service, fully nested',
      request: { params: hsdsServiceParamsSchema },
      responses: {
        200: { description: 'An HSDS service record', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
        404: { description: 'Unknown service', content: PROBLEM_CONTENT },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const byServiceId = async (serviceId: string) =>
        (await backend.search<Activity>({ q: '', filter: buildFilter({ serviceId: [serviceId] }), limit: 1000 })).hits as Activity[];
      let docs = await byServiceId(id);
      if (docs.length === 0 && isUuid(id)) {
        const serviceId = await uuidIndex.lookup(id.toLowerCase());
        if (serviceId) docs = await byServiceId(serviceId);
      }
      if (docs.length === 0) throw notFound(`There is no service with id ${id}.`);
      return c.json(serviceRecord(docs), 200);
    },
  );
  app.route('/hsds', hsds);
  // The HSDS base URL is usually written with a trailing slash.
  app.get('/hsds/', (c) => c.json(hsdsInfo(c), 200));

  // --- operations -------------------------------------------------------------------------
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' }));
  app.get('/readyz', async (c) => {
    if (await backend.ready()) return c.json({ status: 'ready', index: backend.indexUid }, 200, { 'Cache-Control': 'no-store' });
    throw new ProblemError(503, 'not-ready', 'Not ready', 'The search engine or the live index is not available.', undefined, { 'Retry-After': String(config.retryAfterSeconds) });
  });
  app.get('/metrics', (c) => c.body(metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' }));

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Sociale Kaart search API',
      version: API_VERSION,
      description: 'Search the sociale kaart of welzijn activities (Welzijn op Recept), and read it as Open Referral HSDS 3.1. Errors are application/problem+json (RFC 9457).',
      license: { name: 'EUPL-1.2' },
    },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', title: 'Sociale Kaart API' }));

  return app;
}

function emptyPage(page: number, size: number) {
  return { total_items: 0, total_pages: 1, page_number: page, size: 0, first_page: page === 1, last_page: true, empty: true, contents: [], per_page: size };
}

const termIndex = new Map<string, { taxonomy: 'category' | 'need'; key: string }>();
for (const key of CATEGORY_KEYS) termIndex.set(termUuid(CATEGORY_TAXONOMY, key), { taxonomy: 'category', key });
for (const key of NEED_KEYS) termIndex.set(termUuid(NEED_TAXONOMY, key), { taxonomy: 'need', key });

function resolveTerm(term: string): { taxonomy: 'category' | 'need'; key: string } | undefined {
  const byId = termIndex.get(term.toLowerCase());
  if (byId) return byId;
  if ((NEED_KEYS as readonly string[]).includes(term)) return { taxonomy: 'need', key: term };
  const category = resolveCategory(term);
  return category ? { taxonomy: 'category', key: category } : undefined;
}

/** HSDS ids of services whose serviceId is not a UUID: a map built once per index version. */
function createServiceUuidIndex(backend: SearchBackend) {
  let cache: { version: string; map: Map<string, string> } | undefined;
  return {
    async lookup(uuid: string): Promise<string | undefined> {
      const version = await backend.indexVersion();
      if (!cache || cache.version !== version) {
        const map = new Map<string, string>();
        for (let page = 1; page <= 10; page++) {
          const res = await backend.search<{ serviceId: string }>({ q: '', distinct: 'serviceId', attributesToRetrieve: ['serviceId'], page, hitsPerPage: 1000 });
          for (const h of res.hits as Array<{ serviceId: string }>) map.set(serviceUuid(h.serviceId), h.serviceId);
          if (page >= (res.totalPages ?? 1)) break;
        }
        cache = { version, map };
      }
      return cache.map.get(uuid);
    },
  };
}

function taxonomy(lang: Lang) {
  return {
    lang,
    categories: categories.map((c) => ({ key: c.key, label: c.label[lang], pgDimensions: c.pgDimensions, domains4d: c.domains4d })),
    needs: needs.map((n) => ({ key: n.key, label: n.label[lang], categories: n.categories, synonyms: n.synonyms })),
    pgDimensions: pgDimensions.map((d) => ({ key: d.key, label: d.label[lang] })),
    domains4d: domains4d.map((d) => ({ key: d.key, label: d.label[lang] })),
    audiences: audiences.map((a) => ({ key: a.key, label: a.label[lang] })),
    days: days.map((d) => ({ key: d.key, label: d.label[lang] })),
    partsOfDay: partsOfDay.map((p) => ({ key: p.key, label: p.label[lang], from: p.from, to: p.to })),
    statuses: statuses.map((s) => ({ key: s.key, label: s.label[lang] })),
  };
}

/** Needs and categories by name or Dutch synonym (word prefix, accent-insensitive), then activity titles. */
async function suggest(backend: SearchBackend, q: string, lang: Lang, limit: number): Promise<SuggestResponse> {
  const folded = foldText(q);
  if (folded === '') return { query: q, needs: [], categories: [], activities: [] };
  const matches = (texts: readonly string[]) =>
    texts.some((t) => {
      const f = foldText(t);
      return f.startsWith(folded) || f.includes(` ${folded}`);
    });
  const needHits = needs.filter((n) => matches([n.key.replace(/_/g, ' '), n.label.nl, n.label.en, ...n.synonyms]));
  const categoryHits = categories.filter((c) => matches([c.key.replace(/_/g, ' '), c.label.nl, c.label.en, ...c.keywords]));
  const res = await backend.search<{ id: string; title: string }>({
    q,
    filter: buildFilter({ status: ['active'] }),
    limit,
    attributesToRetrieve: ['id', 'title'],
  });
  return {
    query: q,
    needs: needHits.slice(0, 6).map((n) => ({ key: n.key, label: n.label[lang] })),
    categories: categoryHits.slice(0, 6).map((c) => ({ key: c.key, label: c.label[lang] })),
    activities: (res.hits as Array<{ id: string; title: string }>).map((h) => ({ id: h.id, title: h.title })),
  };
}
