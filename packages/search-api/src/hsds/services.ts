/** /services and /services/{id}: one HSDS service is every document sharing `serviceId`. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Activity } from '@sociale-kaart/schema';
import { serviceListItem, serviceRecord, type Json } from '../hsds.js';
import { validationHook } from '../http/errors.js';
import { PROBLEM_CONTENT, problemResponses } from '../http/openapi.js';
import { notFound } from '../http/problem.js';
import { isUuid } from '../uuid.js';
import { documentsOfServices, listAnswer, type HsdsRouteDeps } from './deps.js';
import { hsdsFilter } from './filters.js';
import { NDJSON_TYPE } from './ndjson.js';
import { idParams, servicesQuery } from './parameters.js';

const record = z.record(z.string(), z.unknown());

export function serviceRoutes(deps: HsdsRouteDeps): OpenAPIHono {
  const { backend, lookup } = deps;
  const app = new OpenAPIHono({ defaultHook: validationHook() });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/services',
      summary: 'HSDS services, paged (or streamed as ndjson)',
      request: { query: servicesQuery },
      responses: {
        200: { description: 'An HSDS page of services', content: { 'application/json': { schema: record }, [NDJSON_TYPE]: { schema: z.string() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const filter = await hsdsFilter(q, lookup);
      const items = async (hits: Activity[]): Promise<Json[]> => {
        if (q.minimal) return hits.map((h) => { const i = serviceListItem([h]); return { id: i.id, name: i.name, status: i.status, last_modified: i.last_modified }; });
        if (!q.full) return hits.map((h) => serviceListItem([h]));
        return (await documentsOfServices(backend, hits.map((h) => h.serviceId))).map((docs) => serviceRecord(docs));
      };
      return listAnswer(c, deps, q, { request: { q: q.search ?? '', distinct: 'serviceId', sort: ['lastModifiedTs:desc'] }, filter }, items);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/services/{id}',
      summary: 'One HSDS service, fully nested',
      request: { params: idParams },
      responses: {
        200: { description: 'An HSDS service record', content: { 'application/json': { schema: record } } },
        404: { description: 'Unknown service', content: PROBLEM_CONTENT },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const byServiceId = async (serviceId: string) => (await documentsOfServices(backend, [serviceId]))[0]!;
      let docs = await byServiceId(id);
      if (docs.length === 0 && isUuid(id)) {
        const serviceId = await lookup.serviceId(id);
        if (serviceId) docs = await byServiceId(serviceId);
      }
      if (docs.length === 0) throw notFound(`There is no service with id ${id}.`);
      return c.json(serviceRecord(docs), 200);
    },
  );
  return app;
}
