/**
 * /v1: search, one activity, type-ahead suggestions and the taxonomy. Cross-cutting concerns
 * (CORS, rate limit, deadline, errors, logs) are the root app's (app.ts).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { activityResponseSchema, searchResponseSchema, type Activity, type SearchResponse } from '@sociale-kaart/schema';
import type { SearchBackend } from './backend.js';
import { HitStore, hitStoreMetrics } from './hit-store.js';
import { toActivityResponse } from './hits.js';
import { validationHook } from './http/errors.js';
import { asciiJson } from './http/json.js';
import { PROBLEM_CONTENT, problemResponses } from './http/openapi.js';
import { notFound } from './http/problem.js';
import type { Metrics } from './metrics.js';
import { LruCache, type NearbyCounts } from './nearby.js';
import { activityParamsSchema, activityQuerySchema, searchQuerySchema } from './params.js';
import { SearchResponseCache } from './response-cache.js';
import { findSearch, normalizeSearchQuery, searchResponseJson, type SearchOptions } from './search.js';
import { createSuggestApp } from './suggest.js';
import { createTaxonomyApp } from './taxonomy.js';

export interface V1Deps {
  backend: SearchBackend;
  clock: () => Date;
  metrics: Metrics;
  /** ETag + 304 for answers that depend only on the URL and the live index (http/cache.ts). */
  cacheable: MiddlewareHandler;
  /** Switch off the bounding-box path for nearby queries (benchmarks, tests). */
  fastNearby: boolean;
  /** Meilisearch highlights instead of the API (tests). */
  meiliHighlights: boolean;
  /** Hits and activities last checked longer ago are marked `stale` (0: never). */
  staleAfterDays: number;
  /** Searches kept per live index version (response-cache.ts); 0: no response cache. */
  searchCacheSize: number;
  /** Documents kept for search hits (hit-store.ts); 0: off. */
  hitStoreSize: number;
}

export function createV1App({ backend, clock, metrics, cacheable, fastNearby, meiliHighlights, staleAfterDays, searchCacheSize, hitStoreSize }: V1Deps): OpenAPIHono {
  // Totals and facets of "near this point" questions, keyed by index version (nearby.ts).
  const nearbyCache = new LruCache<NearbyCounts>(2000);
  const responseCache = new SearchResponseCache(searchCacheSize);
  const hitStore = new HitStore(hitStoreSize);
  metrics.addSource(() => hitStoreMetrics(hitStore));
  // Searches asking Meilisearch right now: alone, a search splits its work in two (search.ts `parallel`).
  let searching = 0;
  const v1 = new OpenAPIHono({ defaultHook: validationHook() });
  for (const path of ['/search', '/activities/*', '/suggest', '/taxonomy']) v1.use(path, cacheable);

  v1.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      summary: 'Search activities',
      description:
        'Full text, filters, need expansion and distance. With a place (postcode or near) and no q the results are sorted by distance; `total` may then be an estimate (`totalIsEstimate`).',
      request: { query: searchQuerySchema },
      responses: {
        200: {
          description: 'Search results',
          headers: z.object({
            'X-Cache': z
              .enum(['hit', 'miss'])
              .optional()
              .openapi({ description: 'hit: answered from the response cache (exact for the live index as it is); miss: asked Meilisearch. Absent when the cache is off (--cache-size 0).' }),
          }),
          content: { 'application/json': { schema: searchResponseSchema } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const started = performance.now();
      const query = normalizeSearchQuery(c.req.valid('query'));
      const options: SearchOptions = { now: clock(), fastNearby, nearbyCache, staleAfterDays, hitStore, meiliHighlights };
      // The version is asked for every request (one small call): no answer is served after the
      // index changed, nor while Meilisearch is down (no version: no cache, and the search meets
      // the same outage). A miss is kept only when the index did not change during the search.
      const versionNow = () => backend.indexVersion({ fresh: true }).catch(() => null);
      const version = responseCache.enabled ? await versionNow() : null;
      const cached = version === null ? undefined : responseCache.get(version, query);
      let found = cached;
      if (!found) {
        const parallel = searching++ === 0;
        try {
          found = await findSearch(backend, query, { ...options, parallel });
        } finally {
          searching--;
        }
      }
      if (version !== null && !cached && (await versionNow()) === version) responseCache.set(version, query, found);
      metrics.searchStrategy(cached ? 'cache' : found.strategy);
      if (responseCache.enabled) c.header('X-Cache', cached ? 'hit' : 'miss');
      // JSON.stringify(presentSearch(…)) (test/search-json.test.ts), typed as c.json's answer.
      const answer = searchResponseJson(found, query, options, performance.now() - started);
      return asciiJson(c, answer) as unknown as ReturnType<typeof c.json<SearchResponse, 200>>;
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
      return c.json(toActivityResponse(doc, lang ?? 'nl', clock(), staleAfterDays), 200);
    },
  );

  v1.route('/', createSuggestApp(backend));
  v1.route('/', createTaxonomyApp());
  return v1;
}
