/**
 * /hsds: the sociale kaart as Open Referral HSDS 3.1 (read API). One HSDS service is every
 * activity document sharing `serviceId`; hsds.ts turns documents into HSDS records.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { buildFilter, type ActivityFilter } from '@sociale-kaart/meili';
import { CATEGORY_KEYS, NEED_KEYS, resolveCategory, type Activity } from '@sociale-kaart/schema';
import type { SearchBackend } from './backend.js';
import { CATEGORY_TAXONOMY, HSDS_PROFILE, HSDS_VERSION, NEED_TAXONOMY, serviceListItem, serviceRecord, serviceUuid, termUuid } from './hsds.js';
import { validationHook } from './http/errors.js';
import { PROBLEM_CONTENT, problemResponses } from './http/openapi.js';
import { badRequest, notFound } from './http/problem.js';
import { hsdsServiceParamsSchema, hsdsServicesQuerySchema } from './params.js';
import { isUuid } from './uuid.js';

export interface HsdsDeps {
  backend: SearchBackend;
  /** The API's public URL, named in `openapi_url`; undefined: the request's origin, never cached. */
  publicUrl: string | undefined;
  cacheable: MiddlewareHandler;
}

/** GET /hsds/ (and /hsds): version, profile and where the OpenAPI document is. */
export function hsdsInfo(c: Context, publicUrl: string | undefined) {
  const base = publicUrl ?? new URL(c.req.url).origin;
  return c.json({ version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: `${base}/openapi.json` }, 200, publicUrl ? {} : { 'Cache-Control': 'no-store' });
}

export function createHsdsApp({ backend, publicUrl, cacheable }: HsdsDeps): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook() });
  app.use('/services', cacheable);
  app.use('/services/*', cacheable);
  const uuidIndex = createServiceUuidIndex(backend);

  app.openapi(
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
    (c) => hsdsInfo(c, publicUrl),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/services',
      summary: 'HSDS services, paged',
      request: { query: hsdsServicesQuerySchema },
      responses: { 200: { description: 'An HSDS page of services', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...problemResponses },
    }),
    async (c) => {
      const { search, page = 1, per_page: perPage = 50, taxonomy_term_id: term, modified_after: modifiedAfter, full } = c.req.valid('query');
      if (page * perPage > 10_000) throw badRequest([{ parameter: 'page', pointer: '/page', message: 'page × per_page must be at most 10000' }]);
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

  app.openapi(
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

